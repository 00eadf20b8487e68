import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The stable problem types this API answers with (RFC 9457). The `type` URI
 * is a path on this server, so callers can branch on it without parsing the
 * human-readable `title`.
 */
export const problemTypes = {
  'bad-request': { status: 400, title: 'The request could not be read' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Sign in to use this API' },
  'csrf-failed': { status: 403, title: 'The request did not carry a valid CSRF token' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The resource changed since you read it' },
  'case-refused': { status: 409, title: 'The case cannot do that now' },
  'access-denied': { status: 403, title: 'This case is restricted to another team' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Send the body as application/json' },
  'validation-failed': { status: 422, title: 'The request body did not validate' },
  'not-eligible': { status: 422, title: 'The case type refuses this case' },
  'rate-limited': { status: 429, title: 'Too many attempts' },
  unavailable: { status: 503, title: 'A back office did not answer' },
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

/** One of the stable problem types. */
export type ProblemType = keyof typeof problemTypes;

/** Where a field went wrong: a JSON Pointer (RFC 6901) into the request body. */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

/** An RFC 9457 problem details document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

/** Build a problem document for one of the stable types. */
export function problem(
  type: ProblemType,
  extra: { detail?: string; instance?: string; errors?: ProblemFieldError[] } = {},
): Problem {
  const known = problemTypes[type];
  return { type: `/problems/${type}`, title: known.title, status: known.status, ...extra };
}

/** Send a problem as `application/problem+json` with its status. */
export function sendProblem(
  c: Context,
  type: ProblemType,
  extra: { detail?: string; errors?: ProblemFieldError[] } = {},
): Response {
  const body = problem(type, { ...extra, instance: new URL(c.req.url).pathname });
  return c.body(JSON.stringify(body), problemTypes[type].status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/**
 * A caller's mistake found deep inside a handler. Thrown, then turned into a
 * problem by the app's error handler, so handlers stay linear.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly reason: ProblemType;
  readonly errors: ProblemFieldError[] | undefined;

  constructor(reason: ProblemType, detail?: string, errors?: ProblemFieldError[]) {
    super(detail ?? problemTypes[reason].title);
    this.reason = reason;
    this.errors = errors;
  }
}

/** Turn zod issue paths into JSON Pointers. */
export function pointerFor(path: ReadonlyArray<PropertyKey>): string {
  return '/' + path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}
