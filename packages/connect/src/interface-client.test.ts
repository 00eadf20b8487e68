import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInterfaceClient } from './interface-client.js';
import type { InterfaceBaseReason, InterfaceClientDefinition, InterfaceErrorDetails } from './interface-client.js';
import { problemResponse } from './problem.js';

type PetsReason = InterfaceBaseReason | 'not-found' | 'locked';

class PetsError extends Error {
  override readonly name = 'PetsError';
  readonly details: InterfaceErrorDetails;
  constructor(
    readonly reason: PetsReason,
    message: string,
    details: InterfaceErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.details = details;
  }
}

const MESSAGES: Record<PetsReason, string> = {
  'invalid-input': 'Check the details.',
  'invalid-options': 'Misconfigured.',
  timeout: 'Too slow.',
  unavailable: 'Not there.',
  'malformed-response': 'Gibberish.',
  'not-found': 'No such pet.',
  locked: 'Locked.',
};

const PETS: InterfaceClientDefinition<PetsReason, PetsError> = {
  name: 'pets',
  error: PetsError,
  messages: MESSAGES,
  reasonFor: (status, problem) => (status === 404 ? 'not-found' : status === 429 && problem?.code === 'locked' ? 'locked' : status >= 500 ? 'unavailable' : 'malformed-response'),
  retryAtReasons: ['locked'],
};

const base = 'https://pets.test/v1';
const petSchema = z.object({ petId: z.string(), name: z.string() });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<PetsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PetsError);
  return error as PetsError;
}

function getPet(kit: ReturnType<typeof createInterfaceClient>, petId: string, signal?: AbortSignal) {
  return kit.run(
    'getPet',
    petSchema,
    async (callSignal) => {
      const response = await kit.fetch(new Request(`${kit.baseUrl}/pets/${petId}`, { headers: kit.headers, signal: callSignal }));
      const body: unknown = await response.json();
      return response.ok ? { data: body, response } : { error: body, response };
    },
    signal,
  );
}

describe('createInterfaceClient', () => {
  it('refuses bad options with the interface error and its name', () => {
    expect(() => createInterfaceClient(PETS, { baseUrl: 'ftp://pets.test' })).toThrow(PetsError);
    expect(() => createInterfaceClient(PETS, { baseUrl: 'not a url' })).toThrow(/^Invalid pets client options: baseUrl: /);
    try {
      createInterfaceClient(PETS, { baseUrl: base, timeoutMs: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as PetsError).reason).toBe('invalid-options');
    }
  });

  it('looks up globalThis.fetch at request time, and sends the configured headers', async () => {
    const kit = createInterfaceClient(PETS, { baseUrl: `${base}/`, headers: { authorization: 'Bearer t' } });
    expect(kit.baseUrl).toBe(base);
    server.use(http.get(`${base}/pets/:petId`, ({ request, params }) => HttpResponse.json({ petId: params.petId, name: request.headers.get('authorization') })));
    await expect(getPet(kit, 'p-1')).resolves.toEqual({ petId: 'p-1', name: 'Bearer t' });
  });

  it('checks input and idempotency keys before anything is sent', () => {
    const kit = createInterfaceClient(PETS, { baseUrl: base });
    expect(kit.check('register', z.object({ name: z.string().min(1) }), { name: 'Rex' })).toEqual({ name: 'Rex' });
    try {
      kit.check('register', z.object({ name: z.string().min(1) }), { name: '' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ reason: 'invalid-input', details: { operation: 'register', issues: [{ path: 'name' }] } });
      expect((error as Error).message.startsWith('name: ')).toBe(true);
    }
    expect(kit.idempotencyKey('register', 'outbox-1')).toBe('outbox-1');
    expect(kit.idempotencyKey('register', undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => kit.idempotencyKey('register', 'has space')).toThrow(PetsError);
  });

  it('maps a problem+json refusal by the definition, with its detail, code, field errors and retryAt', async () => {
    const kit = createInterfaceClient(PETS, { baseUrl: base });
    server.use(
      http.get(`${base}/pets/missing`, () =>
        problemResponse({ status: 404, type: 'https://pets.example/not-found', title: 'Not found', detail: 'No pet called that.', code: 'no-pet', errors: [{ pointer: '/petId', detail: 'unknown' }] }),
      ),
      http.get(`${base}/pets/locked`, () => problemResponse({ status: 429, type: 'https://pets.example/locked', title: 'Locked', code: 'locked' }, { 'retry-after': '60' })),
      http.get(`${base}/pets/plain`, () => new HttpResponse('{"oops":true}', { status: 503, headers: { 'content-type': 'application/json' } })),
    );
    const missing = await failure(getPet(kit, 'missing'));
    expect(missing.reason).toBe('not-found');
    expect(missing.message).toBe('No pet called that.');
    expect(missing.details).toMatchObject({ status: 404, problemType: 'https://pets.example/not-found', code: 'no-pet', operation: 'getPet', issues: [{ path: '/petId', message: 'unknown' }], retryAt: undefined });
    const before = Date.now();
    const locked = await failure(getPet(kit, 'locked'));
    expect(locked.reason).toBe('locked');
    expect(locked.message).toBe('Locked.');
    expect(Date.parse(locked.details.retryAt ?? '') - before).toBeGreaterThanOrEqual(59_000);
    const plain = await failure(getPet(kit, 'plain'));
    expect(plain.reason).toBe('unavailable');
    expect(plain.details.problemType).toBeUndefined();
  });

  it('leaves retryAt out entirely when the definition names no retryAt reasons', async () => {
    const kit = createInterfaceClient({ ...PETS, retryAtReasons: [] }, { baseUrl: base });
    server.use(http.get(`${base}/pets/locked`, () => problemResponse({ status: 429, type: 'x', title: 'Locked', code: 'locked' }, { 'retry-after': '60' })));
    expect('retryAt' in (await failure(getPet(kit, 'locked'))).details).toBe(false);
  });

  it('reports an off-contract answer as malformed-response with the issues', async () => {
    const kit = createInterfaceClient(PETS, { baseUrl: base });
    server.use(http.get(`${base}/pets/p-1`, () => HttpResponse.json({ petId: 'p-1' })));
    const error = await failure(getPet(kit, 'p-1'));
    expect(error).toMatchObject({ reason: 'malformed-response', message: 'Gibberish.', details: { status: 200, issues: [{ path: 'name' }] } });
  });

  it('reports a timeout, an unreadable body and a network failure with their reasons', async () => {
    const kit = createInterfaceClient(PETS, { baseUrl: base, timeoutMs: 20 });
    server.use(
      http.get(`${base}/pets/slow`, () => new Promise<Response>(() => undefined)),
      http.get(`${base}/pets/broken`, () => new HttpResponse('{"petId":', { headers: { 'content-type': 'application/json' } })),
      http.get(`${base}/pets/down`, () => HttpResponse.error()),
    );
    expect((await failure(getPet(kit, 'slow'))).reason).toBe('timeout');
    expect((await failure(getPet(kit, 'broken'))).reason).toBe('malformed-response');
    expect((await failure(getPet(kit, 'down'))).reason).toBe('unavailable');
  });

  it("wraps the interface's own error thrown while calling, unless told to rethrow it", async () => {
    const own = new PetsError('locked', 'from a custom fetch');
    const throwing = { baseUrl: base, fetch: async () => Promise.reject(own) };
    const call = (kit: ReturnType<typeof createInterfaceClient>) => kit.run('getPet', petSchema, async (signal) => ({ response: await kit.fetch(new Request(`${base}/pets/p-1`, { signal })) }));
    const wrapped = await failure(call(createInterfaceClient(PETS, throwing)));
    expect(wrapped.reason).toBe('unavailable');
    expect(wrapped.cause).toBe(own);
    expect(await failure(call(createInterfaceClient({ ...PETS, rethrowOwnErrors: true }, throwing)))).toBe(own);
  });
});
