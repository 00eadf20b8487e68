import { problemResponse } from '@councilkit/connect';
import { PARKING_PROBLEM_TYPES } from '../errors.js';
import type { ParkingProblemKind } from '../errors.js';

// Generic request plumbing for the mock: belongs in @councilkit/connect once it offers a mock kit.

/** Largest request body the mock accepts, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

const TITLES: Record<ParkingProblemKind, string> = {
  validation: 'The request is not valid',
  'payload-too-large': 'The request is too large',
  'idempotency-key-missing': 'An Idempotency-Key header is required',
  'idempotency-key-reuse': 'The Idempotency-Key was used for a different request',
  'not-found': 'Not found',
  'not-allowed-at-stage': 'Not possible at this stage',
  'amount-mismatch': 'That is not the amount due',
  'not-eligible': 'Not eligible',
  conflict: 'Conflict',
  unavailable: 'Service unavailable',
};

/** Build a parking problem+json response. */
export function problem(
  kind: ParkingProblemKind,
  status: number,
  detail: string,
  extra: { code?: string; errors?: { pointer: string; detail: string }[]; headers?: Record<string, string> } = {},
): Response {
  const { headers, ...members } = extra;
  return problemResponse({ type: PARKING_PROBLEM_TYPES[kind], title: TITLES[kind], status, detail, ...members }, headers);
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Read a JSON body with a size limit. Answers the parsed body or a problem response. */
export async function readJson(request: Request): Promise<{ ok: true; body: unknown; text: string } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, response: problem('payload-too-large', 413, `Send at most ${MAX_BODY_BYTES} bytes.`) };
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    return { ok: false, response: problem('payload-too-large', 413, `Send at most ${MAX_BODY_BYTES} bytes.`) };
  }
  try {
    return { ok: true, body: text === '' ? undefined : (JSON.parse(text) as unknown), text };
  } catch {
    return { ok: false, response: problem('validation', 400, 'The body is not valid JSON.') };
  }
}

/** Turn zod issues into a 400 validation problem. */
export function validationProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Response {
  const errors = issues.slice(0, 20).map((issue) => ({ pointer: `/${issue.path.map(String).join('/')}`, detail: issue.message }));
  return problem('validation', 400, errors[0] ? `${errors[0].pointer}: ${errors[0].detail}` : 'The request is not valid.', { errors });
}

/** A stored answer, replayed for the same key and body. */
interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
  headers: [string, string][];
}

/** An idempotency store: the same key and body give the first answer; a different body is refused. */
export interface IdempotencyStore {
  /** Run `work` once per key; replays the stored answer or refuses a different body. */
  run(key: string, fingerprint: string, work: () => Promise<Response>): Promise<Response>;
}

/** Create an in-memory idempotency store. 5xx answers are not stored, so a retry can succeed. */
export function createIdempotencyStore(limit = 10_000): IdempotencyStore {
  const answers = new Map<string, StoredAnswer>();
  return {
    async run(key, fingerprint, work) {
      const stored = answers.get(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return problem('idempotency-key-reuse', 422, 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
        }
        return new Response(stored.body, { status: stored.status, headers: [...stored.headers, ['idempotency-replayed', 'true']] });
      }
      const response = await work();
      if (response.status < 500) {
        const body = await response.clone().text();
        answers.set(key, { fingerprint, status: response.status, body, headers: [...response.headers.entries()] });
        if (answers.size > limit) answers.delete(answers.keys().next().value as string);
      }
      return response;
    },
  };
}

/** A stable fingerprint of a request: method, path and body with sorted keys. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return `${method} ${path} ${JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;
}

/** One route: method, a path pattern with `{name}` segments, and the operationId. */
export interface Route {
  method: string;
  pattern: string;
  operation: string;
}

/** Match a path against routes. Answers the route and the decoded path parameters. */
export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
  let pathMatched = false;
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
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      params[name] = safeDecode(match[index + 1] ?? '');
    });
    return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape names nothing; keep it as sent so the lookup simply misses.
    return value;
  }
}
