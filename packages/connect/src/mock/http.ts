import { problemResponse } from '../problem.js';

/**
 * The problem kinds the mock kit itself answers with (unknown address,
 * bad body, missing or reused `Idempotency-Key`, injected faults). Every
 * councilkit interface's problem vocabulary has at least these.
 *
 * @example
 * ```ts
 * const kind: MockProblemKind = 'idempotency-key-missing';
 * ```
 */
export type MockProblemKind = 'validation' | 'payload-too-large' | 'idempotency-key-missing' | 'idempotency-key-reuse' | 'not-found' | 'conflict' | 'unavailable';

/**
 * Extra members and headers for one problem answer.
 *
 * @example
 * ```ts
 * const extra: MockProblemExtra = { code: 'more-than-one-adult', headers: { 'retry-after': '1' } };
 * ```
 */
export interface MockProblemExtra {
  /** The business rule that refused the request. */
  code?: string;
  /** Field-level problems, as JSON pointers into the request. */
  errors?: { pointer: string; detail: string }[];
  /** Extra response headers, e.g. `retry-after`. */
  headers?: Record<string, string>;
}

/**
 * Builds an `application/problem+json` answer of one kind from an
 * interface's vocabulary. Made by {@link createProblemFactory}.
 *
 * @example
 * ```ts
 * const answer: MockProblemFactory<'not-found'> = createProblemFactory({ types: { 'not-found': 'https://example.org/not-found' }, titles: { 'not-found': 'Not found' } });
 * answer('not-found', 404, 'No account matches those details.');
 * ```
 */
export type MockProblemFactory<K extends string> = (kind: K, status: number, detail: string, extra?: MockProblemExtra) => Response;

/**
 * Options for {@link createProblemFactory}: the stable `type` URI and the
 * short title of each problem kind.
 *
 * @example
 * ```ts
 * const vocabulary: ProblemVocabulary<'not-found'> = { types: { 'not-found': 'https://example.org/not-found' }, titles: { 'not-found': 'Not found' } };
 * ```
 */
export interface ProblemVocabulary<K extends string> {
  /** The `type` URI of each kind. */
  types: Readonly<Record<K, string>>;
  /** The `title` of each kind. */
  titles: Readonly<Record<K, string>>;
}

/**
 * Make the problem builder a mock answers errors with, from an interface's
 * problem vocabulary, so every error the mock sends carries the contract's
 * stable `type`.
 *
 * @example
 * ```ts
 * const problem = createProblemFactory({ types: REVENUES_PROBLEM_TYPES, titles: TITLES });
 * return problem('not-eligible', 422, 'Two adults live there.', { code: 'more-than-one-adult' });
 * ```
 */
export function createProblemFactory<K extends string>(vocabulary: ProblemVocabulary<K>): MockProblemFactory<K> {
  return (kind, status, detail, extra = {}) => {
    const { headers, ...members } = extra;
    return problemResponse({ type: vocabulary.types[kind], title: vocabulary.titles[kind], status, detail, ...members }, headers);
  };
}

/**
 * A JSON answer.
 *
 * @example
 * ```ts
 * return json(201, { reference: 'MV-000001', status: 'fixed' });
 * ```
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * Read a request body as text, refusing anything over `maxBytes` (by the
 * declared `Content-Length` first, then by what actually arrived). Answers
 * `undefined` when it is too large.
 *
 * @example
 * ```ts
 * const text = await readBodyText(request, 32 * 1024);
 * if (text === undefined) return problem('payload-too-large', 413, 'Send at most 32768 bytes.');
 * ```
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return undefined;
  const text = await request.text();
  return new TextEncoder().encode(text).length > maxBytes ? undefined : text;
}

/**
 * What {@link readJson} gives back: the parsed body (`undefined` for an
 * empty one) and its text, or the problem answer to send instead.
 *
 * @example
 * ```ts
 * const read: ReadJsonResult = await readJson(request, { maxBytes: 65536, problem });
 * if (!read.ok) return read.response;
 * ```
 */
export type ReadJsonResult = { ok: true; body: unknown; text: string } | { ok: false; response: Response };

/**
 * Read a JSON request body with a size limit: 413 `payload-too-large` when
 * it is over `maxBytes`, 400 `validation` when it is not JSON.
 *
 * @example
 * ```ts
 * const read = await readJson(request, { maxBytes: 64 * 1024, problem });
 * if (!read.ok) return read.response;
 * console.log(read.body);
 * ```
 */
export async function readJson(request: Request, options: { maxBytes: number; problem: MockProblemFactory<MockProblemKind> }): Promise<ReadJsonResult> {
  const text = await readBodyText(request, options.maxBytes);
  if (text === undefined) return { ok: false, response: options.problem('payload-too-large', 413, `Send at most ${options.maxBytes} bytes.`) };
  try {
    return { ok: true, body: text === '' ? undefined : (JSON.parse(text) as unknown), text };
  } catch {
    return { ok: false, response: options.problem('validation', 400, 'The body is not valid JSON.') };
  }
}

/**
 * Turn zod issues into a 400 `validation` problem, each issue a JSON
 * pointer in `errors` (at most 20).
 *
 * @example
 * ```ts
 * const input = moveRequestSchema.safeParse(body);
 * if (!input.success) return validationProblem(problem, input.error.issues);
 * ```
 */
export function validationProblem(problem: MockProblemFactory<MockProblemKind>, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Response {
  const errors = issues.slice(0, 20).map((issue) => ({ pointer: `/${issue.path.map(String).join('/')}`, detail: issue.message }));
  return problem('validation', 400, errors[0] ? `${errors[0].pointer}: ${errors[0].detail}` : 'The request is not valid.', { errors });
}

/**
 * One route of a mock: the method, a path pattern with `{name}` segments
 * (relative to the base URL), and the operationId it serves.
 *
 * @example
 * ```ts
 * const route: MockRoute = { method: 'GET', pattern: '/accounts/{accountId}', operation: 'getAccount' };
 * ```
 */
export interface MockRoute {
  /** The HTTP method, upper case. */
  method: string;
  /** The path, with `{name}` for each path parameter. */
  pattern: string;
  /** The operationId: the name faults and handlers are keyed by. */
  operation: string;
  /** Whether it needs an `Idempotency-Key` and is replayed by it. Default: `true` for every method but GET. */
  write?: boolean;
}

/**
 * What {@link matchRoute} finds: the route with its decoded path
 * parameters, or (`allowed`) the methods the path does have when the
 * request's method is not one of them.
 *
 * @example
 * ```ts
 * const found: RouteMatch<MockRoute> | undefined = matchRoute(routes, 'GET', '/accounts/ac-1');
 * ```
 */
export type RouteMatch<R extends MockRoute> = { route: R; params: Record<string, string> } | { allowed: string[] };

/**
 * Match a method and path against routes, first match wins. Answers
 * `undefined` when no route has the path.
 *
 * @example
 * ```ts
 * const found = matchRoute([{ method: 'GET', pattern: '/accounts/{accountId}', operation: 'getAccount' }], 'GET', '/accounts/ac%2D1');
 * if (found && 'route' in found) found.params.accountId; // 'ac-1'
 * ```
 */
export function matchRoute<R extends MockRoute>(routes: readonly R[], method: string, path: string): RouteMatch<R> | undefined {
  const allowed: string[] = [];
  for (const route of routes) {
    const names: string[] = [];
    const regex = new RegExp(
      `^${route.pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_whole, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const match = regex.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      params[name] = safeDecode(match[index + 1] ?? '');
    });
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape names nothing; keep it as sent so the lookup simply misses.
    return value;
  }
}
