import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../webhook.js';
import { createMockBackOffice } from './back-office.js';
import { createProblemFactory, json, matchRoute, validationProblem } from './http.js';
import type { MockProblemKind } from './http.js';
import { mswHandlers } from './msw.js';
import { createWebhookPusher } from './webhook.js';

// A whole mock of a made-up "pets" interface, as a member would write one.
const KINDS: MockProblemKind[] = ['validation', 'payload-too-large', 'idempotency-key-missing', 'idempotency-key-reuse', 'not-found', 'conflict', 'unavailable'];
const problem = createProblemFactory({
  types: Object.fromEntries(KINDS.map((kind) => [kind, `https://pets.example/problems/${kind}`])) as Record<MockProblemKind, string>,
  titles: Object.fromEntries(KINDS.map((kind) => [kind, `Title of ${kind}`])) as Record<MockProblemKind, string>,
});
const petSchema = z.strictObject({ name: z.string().min(1) });

function petsMock() {
  const pets = new Map<string, { petId: string; name: string }>();
  return createMockBackOffice({
    baseUrl: 'https://pets.test/v1/',
    problem,
    maxBodyBytes: 100,
    malformedBody: '{"petId":"p',
    routes: [
      { method: 'GET', pattern: '/pets/{petId}', operation: 'getPet' },
      { method: 'POST', pattern: '/pets', operation: 'registerPet' },
      { method: 'POST', pattern: '/pets/search', operation: 'searchPets', write: false },
      { method: 'GET', pattern: '/unserved', operation: 'noHandler' },
    ],
    handlers: {
      getPet: (params) => {
        const pet = pets.get(params.petId ?? '');
        return pet ? json(200, pet) : problem('not-found', 404, `No pet ${params.petId}.`);
      },
      registerPet: (_params, body) => {
        const input = petSchema.safeParse(body);
        if (!input.success) return validationProblem(problem, input.error.issues);
        const pet = { petId: `p-${pets.size + 1}`, ...input.data };
        pets.set(pet.petId, pet);
        return json(201, pet);
      },
      searchPets: (_params, body) => json(200, { pets: [...pets.values()].filter((pet) => pet.name === (body as { name?: string }).name) }),
    },
  });
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`https://pets.test/v1${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('createMockBackOffice', () => {
  it('routes to handlers, and answers 404 and 405 problems elsewhere', async () => {
    const mock = petsMock();
    expect(mock.baseUrl).toBe('https://pets.test/v1');
    const created = await mock.fetch(post('/pets', '{"name":"Rex"}', { 'idempotency-key': 'k-1' }));
    expect(created.status).toBe(201);
    expect(await (await mock.fetch('https://pets.test/v1/pets/p-1')).json()).toEqual({ petId: 'p-1', name: 'Rex' });
    const missing = await mock.fetch('https://pets.test/v1/pets/p-9');
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ type: 'https://pets.example/problems/not-found', title: 'Title of not-found', status: 404, detail: 'No pet p-9.' });
    expect((await mock.fetch('https://pets.test/v1/nowhere')).status).toBe(404);
    expect((await mock.fetch('https://elsewhere.test/v1/pets/p-1')).status).toBe(404);
    expect((await mock.fetch('https://pets.test/v2/pets/p-1')).status).toBe(404);
    expect((await mock.fetch('https://pets.test/v1/unserved')).status).toBe(404);
    const wrongMethod = await mock.fetch('https://pets.test/v1/pets/p-1', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ type: 'https://pets.example/problems/validation' });
  });

  it('requires an Idempotency-Key on writes only, replays the same request and refuses a different one', async () => {
    const mock = petsMock();
    const handle = mock.toFetchHandler();
    expect((await handle(post('/pets', '{"name":"Rex"}'))).status).toBe(400);
    expect((await handle(post('/pets', '{"name":"Rex"}', { 'idempotency-key': 'bad key' }))).status).toBe(400);
    expect((await handle(post('/pets/search', '{"name":"Rex"}'))).status).toBe(200);
    const first = await handle(post('/pets', '{"name":"Rex"}', { 'idempotency-key': 'k-1' }));
    const replay = await handle(post('/pets', '{ "name": "Rex" }', { 'idempotency-key': 'k-1' }));
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    const reuse = await handle(post('/pets', '{"name":"Fido"}', { 'idempotency-key': 'k-1' }));
    expect(reuse.status).toBe(422);
    expect(await reuse.json()).toMatchObject({ type: 'https://pets.example/problems/idempotency-key-reuse' });
  });

  it('refuses bodies that are too large or not JSON, and reports field problems as pointers', async () => {
    const mock = petsMock();
    const large = await mock.fetch(post('/pets', JSON.stringify({ name: 'x'.repeat(200) }), { 'idempotency-key': 'k' }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ detail: 'Send at most 100 bytes.' });
    const broken = await mock.fetch(post('/pets', '{"name":', { 'idempotency-key': 'k' }));
    expect(await broken.json()).toMatchObject({ status: 400, detail: 'The body is not valid JSON.' });
    const invalid = await mock.fetch(post('/pets', '{"name":""}', { 'idempotency-key': 'k' }));
    const body = (await invalid.json()) as { detail: string; errors: { pointer: string }[] };
    expect(invalid.status).toBe(400);
    expect(body.errors[0]?.pointer).toBe('/name');
    expect(body.detail.startsWith('/name: ')).toBe(true);
  });

  it('injects errors, timeouts, slowness and malformed bodies by operation', async () => {
    const mock = petsMock();
    mock.faults.inject({ operation: 'getPet', kind: 'error', status: 503, times: 1 });
    const failed = await mock.fetch('https://pets.test/v1/pets/p-1');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(await failed.json()).toMatchObject({ type: 'https://pets.example/problems/unavailable' });
    mock.faults.inject({ kind: 'error', status: 409, times: 1 });
    expect(await (await mock.fetch('https://pets.test/v1/pets/p-1')).json()).toMatchObject({ type: 'https://pets.example/problems/conflict', status: 409 });
    mock.faults.inject({ kind: 'malformed', times: 1 });
    expect(await (await mock.fetch('https://pets.test/v1/pets/p-1')).text()).toBe('{"petId":"p');
    mock.faults.inject({ kind: 'timeout', delayMs: 1, times: 1 });
    expect((await mock.fetch('https://pets.test/v1/pets/p-1')).status).toBe(504);
    mock.faults.inject({ kind: 'slow', delayMs: 1, times: 1 });
    expect((await mock.fetch('https://pets.test/v1/pets/p-1')).status).toBe(404);
    expect(mock.faults.active()).toEqual([]);
  });
});

describe('matchRoute', () => {
  it('decodes path parameters and lists the methods a path allows', () => {
    const routes = [
      { method: 'GET', pattern: '/a/{id}', operation: 'getA' },
      { method: 'PATCH', pattern: '/a/{id}', operation: 'patchA' },
    ];
    expect(matchRoute(routes, 'PATCH', '/a/x%2Fy')).toEqual({ route: routes[1], params: { id: 'x/y' } });
    expect(matchRoute(routes, 'GET', '/a/%E0%A4%A')).toEqual({ route: routes[0], params: { id: '%E0%A4%A' } });
    expect(matchRoute(routes, 'POST', '/a/1')).toEqual({ allowed: ['GET', 'PATCH'] });
    expect(matchRoute(routes, 'GET', '/b/1')).toBeUndefined();
  });
});

describe('mswHandlers', () => {
  const mock = petsMock();
  const server = setupServer(...mswHandlers(`${mock.baseUrl}/`, mock.toFetchHandler()));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('serves the mock to a plain fetch under its base URL only', async () => {
    expect((await fetch('https://pets.test/v1/pets/p-1')).status).toBe(404);
    await expect(fetch('https://pets.test/other')).rejects.toThrow();
  });
});

describe('createWebhookPusher', () => {
  it('pushes signed updates in order and keeps the ones that fail for the next flush', async () => {
    const seen: { body: string; headers: Record<string, string> }[] = [];
    let answer = 500;
    const pusher = createWebhookPusher(
      {
        url: 'https://crm.test/hooks',
        secret: 'a-shared-secret-of-length',
        fetch: async (_url, init) => {
          seen.push({ body: String(init.body), headers: init.headers as Record<string, string> });
          return new Response(null, { status: answer });
        },
      },
      'pets',
    );
    pusher.push({ id: 'u-1' });
    pusher.push({ id: 'u-2' });
    await pusher.flush();
    // Every attempt so far was u-1: u-2 waits behind it, so the CRM sees them in order.
    expect(new Set(seen.map((entry) => entry.body))).toEqual(new Set(['{"id":"u-1"}']));
    const failedAttempts = seen.length;
    answer = 409;
    await pusher.flush();
    expect(seen.slice(failedAttempts).map((entry) => entry.body)).toEqual(['{"id":"u-1"}', '{"id":"u-2"}']);
    expect(seen.at(-1)?.headers[WEBHOOK_DELIVERY_HEADER]).toBe('pets-u-2');
    expect(seen.at(-1)?.headers[WEBHOOK_SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);
    await pusher.flush();
    expect(seen.length).toBe(failedAttempts + 2);
  });

  it('does nothing without a target', async () => {
    const pusher = createWebhookPusher(undefined, 'pets');
    pusher.push({ id: 'u-1' });
    await expect(pusher.flush()).resolves.toBeUndefined();
  });
});
