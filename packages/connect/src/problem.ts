import { z } from 'zod';
import { ConnectError } from './errors.js';

/**
 * The media type of RFC 9457 problem details.
 *
 * @example
 * ```ts
 * new Response(body, { status: 404, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
 * ```
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The zod schema of an RFC 9457 problem details object. Extension members are
 * kept (the schema is loose) because back offices put useful facts there.
 *
 * @example
 * ```ts
 * problemDetailsSchema.parse({ type: 'https://example.org/problems/not-found', title: 'Not found', status: 404 });
 * ```
 */
export const problemDetailsSchema = z.looseObject({
  type: z.string().default('about:blank'),
  title: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
});

/**
 * An RFC 9457 problem: `type` identifies the kind of problem (stable, a URI),
 * `title` is its short human summary, `detail` explains this occurrence.
 * Extension members are allowed.
 *
 * @example
 * ```ts
 * const problem: ProblemDetails = { type: 'https://councilkit.org/problems/not-found', title: 'Not found', status: 404, detail: 'No property with UPRN 1' };
 * ```
 */
export interface ProblemDetails {
  /** A URI reference identifying the problem type. Defaults to `about:blank`. */
  type: string;
  /** Short, human-readable summary of the problem type. */
  title?: string | undefined;
  /** The HTTP status code. */
  status?: number | undefined;
  /** Explanation specific to this occurrence. */
  detail?: string | undefined;
  /** A URI reference identifying this occurrence. */
  instance?: string | undefined;
  /** Extension members. */
  [extension: string]: unknown;
}

/**
 * What {@link problemResponse} needs: a problem plus optional extra headers.
 *
 * @example
 * ```ts
 * problemResponse({ status: 409, type: 'https://councilkit.org/problems/idempotency-key-reused', title: 'Key reused' });
 * ```
 */
export interface ProblemInit extends Partial<ProblemDetails> {
  /** HTTP status. Required so the body and the status line agree. */
  status: number;
}

/**
 * Build an RFC 9457 `application/problem+json` response. The body's `status`
 * always matches the response status.
 *
 * @example
 * ```ts
 * return problemResponse({
 *   status: 401,
 *   type: 'https://councilkit.org/problems/bad-signature',
 *   title: 'Signature does not match',
 *   detail: 'The X-Councilkit-Signature header does not match the body.',
 * });
 * ```
 */
export function problemResponse(problem: ProblemInit, headers: Record<string, string> = {}): Response {
  const body: ProblemDetails = { type: problem.type ?? 'about:blank', ...problem };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/**
 * Whether a response says it carries problem details (`application/problem+json`).
 *
 * @example
 * ```ts
 * if (isProblemResponse(response)) console.log((await parseProblem(response))?.detail);
 * ```
 */
export function isProblemResponse(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === PROBLEM_CONTENT_TYPE;
}

/**
 * Read the problem details from a response. Returns `undefined` when the body
 * is not a valid problem (wrong media type, not JSON, or not an object):
 * this never throws, because it is used while handling another failure.
 * Consumes the body.
 *
 * @example
 * ```ts
 * const problem = await parseProblem(response);
 * problem?.type; // 'https://councilkit.org/problems/not-eligible'
 * ```
 */
export async function parseProblem(response: Response): Promise<ProblemDetails | undefined> {
  if (!isProblemResponse(response)) return undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return undefined;
  }
  const parsed = problemDetailsSchema.safeParse(body);
  return parsed.success ? (parsed.data as ProblemDetails) : undefined;
}

/**
 * Turn a failed (non-2xx) response into a typed {@link ConnectError}:
 * 408, 429 and 5xx become `unavailable` (retryable, with `Retry-After`
 * honoured), every other 4xx becomes `rejected` carrying the back office's
 * problem detail. Consumes the body.
 *
 * @example
 * ```ts
 * const response = await fetch(url);
 * if (!response.ok) throw await problemToError(response, { now: Date.now() });
 * ```
 */
export async function problemToError(response: Response, options: { now: number; what?: string }): Promise<ConnectError> {
  const problem = await parseProblem(response);
  const what = options.what ?? 'The back office';
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  const retryAfterMs = parseRetryAfter(retryAfter, options.now);
  const summary = problem?.detail ?? problem?.title ?? response.statusText ?? '';
  const suffix = summary ? `: ${summary}` : '';
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return new ConnectError('unavailable', `${what} is unavailable (HTTP ${response.status})${suffix}`, {
      status: response.status,
      ...(problem ? { problem } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs, retryAfter }),
    });
  }
  return new ConnectError('rejected', `${what} rejected the request (HTTP ${response.status})${suffix}`, {
    status: response.status,
    ...(problem ? { problem } : {}),
  });
}

/**
 * Parse a `Retry-After` header value (RFC 9110: either delay-seconds or an
 * HTTP date) into milliseconds from `now`. Returns `undefined` when absent or
 * unreadable; a date in the past gives `0`.
 *
 * @example
 * ```ts
 * parseRetryAfter('120', Date.now()); // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')); // 60000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only accept something that looks like an HTTP date, so a stray number with a unit is not misread.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
