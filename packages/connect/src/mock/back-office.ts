import { createFaultRegistry, wait } from './faults.js';
import type { MockFaultRegistry } from './faults.js';
import { IDEMPOTENCY_KEY_PATTERN, createIdempotencyStore, fingerprintOf } from './idempotency.js';
import { matchRoute, readJson } from './http.js';
import type { MockProblemFactory, MockProblemKind, MockRoute } from './http.js';

/**
 * Answers one operation of a mock: the decoded path parameters, the parsed
 * JSON body (`undefined` for GET or an empty body) and the request URL (for
 * the query).
 *
 * @example
 * ```ts
 * const getAccount: MockHandler = (params) => json(200, accounts.get(params.accountId ?? ''));
 * ```
 */
export type MockHandler = (params: Record<string, string>, body: unknown, url: URL) => Response | Promise<Response>;

/**
 * Options for {@link createMockBackOffice}.
 *
 * @example
 * ```ts
 * const options: MockBackOfficeOptions = {
 *   baseUrl: 'https://pets.mock.example.gov.uk/v1',
 *   routes: [{ method: 'GET', pattern: '/pets/{petId}', operation: 'getPet' }],
 *   handlers: { getPet: (params) => json(200, { petId: params.petId }) },
 *   problem,
 * };
 * ```
 */
export interface MockBackOfficeOptions {
  /** Where the mock answers; requests anywhere else get a 404 problem. Required. */
  baseUrl: string;
  /** The interface's operations, in the order they are matched. Required. */
  routes: readonly MockRoute[];
  /** The handler of each route's operation. Required. */
  handlers: Readonly<Record<string, MockHandler>>;
  /** Builds problem answers in the interface's vocabulary (see `createProblemFactory`). Required. */
  problem: MockProblemFactory<MockProblemKind>;
  /** The body a `malformed` fault answers 200 with. Default: `'{"reference":"'` (truncated JSON). */
  malformedBody?: string;
  /** Largest request body accepted, in bytes. Default: `65536`. */
  maxBodyBytes?: number;
  /** Randomness for fault probabilities. Default: `Math.random`. */
  random?: () => number;
}

/**
 * The HTTP face of a mock back office: spread it into your mock's own
 * object and add the verbs your tests need (advance a request, read state).
 *
 * @example
 * ```ts
 * const server: MockBackOffice = createMockBackOffice(options);
 * const response = await server.fetch(`${server.baseUrl}/pets/p-1`);
 * ```
 */
export interface MockBackOffice {
  /** The base URL it answers on, without a trailing slash. */
  readonly baseUrl: string;
  /** Answer one request, with the same signature as `fetch`: pass it wherever a fetch is expected. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Answer one request: a `(Request) => Promise<Response>` for msw or any HTTP server. */
  toFetchHandler(): (request: Request) => Promise<Response>;
  /** Inject errors, timeouts, slow answers and malformed bodies. */
  readonly faults: MockFaultRegistry;
}

/**
 * Build the HTTP side of a mock of a standard interface in a few lines: it
 * routes requests to your handlers (404 and 405 problems otherwise), reads
 * JSON bodies with a size limit, requires an `Idempotency-Key` on writes and
 * replays the first answer for the same key and body (a different body is
 * `idempotency-key-reuse`, 422), and lets tests inject faults by operation.
 * Your handlers hold the domain rules and state.
 *
 * @example
 * ```ts
 * import { createMockBackOffice, createProblemFactory, json, mswHandlers } from '@councilkit/connect/mock';
 *
 * const problem = createProblemFactory({ types: PETS_PROBLEM_TYPES, titles: PETS_PROBLEM_TITLES });
 * const pets = new Map<string, { petId: string; name: string }>();
 * const backOffice = createMockBackOffice({
 *   baseUrl: 'https://pets.mock.example.gov.uk/v1',
 *   problem,
 *   routes: [
 *     { method: 'GET', pattern: '/pets/{petId}', operation: 'getPet' },
 *     { method: 'POST', pattern: '/pets', operation: 'registerPet' },
 *   ],
 *   handlers: {
 *     getPet: (params) => {
 *       const pet = pets.get(params.petId ?? '');
 *       return pet ? json(200, pet) : problem('not-found', 404, 'No pet has that id.');
 *     },
 *     registerPet: (_params, body) => {
 *       const pet = { petId: `p-${pets.size + 1}`, name: String((body as { name?: unknown }).name) };
 *       pets.set(pet.petId, pet);
 *       return json(201, pet);
 *     },
 *   },
 * });
 * backOffice.faults.inject({ operation: 'getPet', kind: 'error', status: 503, times: 1 });
 * const server = setupServer(...mswHandlers(backOffice.baseUrl, backOffice.toFetchHandler()));
 * ```
 */
export function createMockBackOffice(options: MockBackOfficeOptions): MockBackOffice {
  const { routes, handlers, problem } = options;
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const malformedBody = options.malformedBody ?? '{"reference":"';
  const maxBytes = options.maxBodyBytes ?? 64 * 1024;
  const faults = createFaultRegistry(options.random);
  const idempotency = createIdempotencyStore({
    reused: () => problem('idempotency-key-reuse', 422, 'This Idempotency-Key was already used with a different request. Use a new key for a new request.'),
  });
  const nothingHere = () => problem('not-found', 404, 'Nothing is served at that address.');

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) return nothingHere();
    const matched = matchRoute(routes, request.method.toUpperCase(), url.pathname.slice(basePath.length) || '/');
    if (matched === undefined) return nothingHere();
    if ('allowed' in matched) return problem('validation', 405, `${request.method} is not allowed here.`);
    const { route, params } = matched;

    const fault = faults.take(route.operation);
    if (fault?.kind === 'error') {
      const status = fault.status ?? 503;
      return problem(status >= 500 ? 'unavailable' : 'conflict', status, 'Injected fault.', { headers: { 'retry-after': '1' } });
    }
    if (fault?.kind === 'timeout') {
      await wait(fault.delayMs ?? 30_000, request.signal);
      return problem('unavailable', 504, 'Injected timeout.');
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 200, request.signal);
    if (fault?.kind === 'malformed') return new Response(malformedBody, { status: 200, headers: { 'content-type': 'application/json' } });

    const handler = handlers[route.operation];
    if (!handler) return nothingHere();
    const hasBody = request.method !== 'GET' && request.method !== 'DELETE';
    const read = hasBody ? await readJson(request, { maxBytes, problem }) : ({ ok: true, body: undefined, text: '' } as const);
    if (!read.ok) return read.response;
    if (!(route.write ?? route.method !== 'GET')) return handler(params, read.body, url);

    const key = request.headers.get('idempotency-key');
    if (key === null || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return problem('idempotency-key-missing', 400, 'Send an Idempotency-Key header of 1-128 printable ASCII characters with every write.');
    }
    return idempotency.run(key, fingerprintOf(request.method, url.pathname, read.body), async () => handler(params, read.body, url));
  }

  const fetchHandler = (request: Request) => handle(request);
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    toFetchHandler: () => fetchHandler,
    faults,
  };
}
