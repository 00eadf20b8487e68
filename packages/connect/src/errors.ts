import type { ProblemDetails } from './problem.js';

/**
 * Why a back-office call or a connect definition failed. A string literal, so
 * callers can `switch` on it without parsing messages.
 *
 * - `timeout`: the back office did not answer in time.
 * - `unavailable`: network failure, 5xx or 429: worth retrying later.
 * - `rejected`: the back office refused the request (4xx, usually problem+json): retrying will not help.
 * - `malformed-response`: the back office answered with something that does not match the contract.
 * - `circuit-open`: calls to this back office are paused because it keeps failing.
 * - `invalid-request`: our own request failed the operation's request schema before it was sent.
 * - `invalid-definition`: a back-office, interface or status-map definition is wrong.
 * - `invalid-options`: a factory was given options it cannot use.
 * - `unknown-operation`: an operation or outbox mapping that the back office does not declare.
 *
 * @example
 * ```ts
 * const reason: ConnectErrorReason = 'circuit-open';
 * ```
 */
export type ConnectErrorReason =
  | 'timeout'
  | 'unavailable'
  | 'rejected'
  | 'malformed-response'
  | 'circuit-open'
  | 'invalid-request'
  | 'invalid-definition'
  | 'invalid-options'
  | 'unknown-operation';

/**
 * Extra facts a {@link ConnectError} may carry.
 *
 * @example
 * ```ts
 * throw new ConnectError('rejected', 'Not eligible', { status: 422, problem });
 * ```
 */
export interface ConnectErrorDetails {
  /** HTTP status the back office answered with, when there was an answer. */
  status?: number;
  /** The parsed RFC 9457 problem, when the back office sent one. */
  problem?: ProblemDetails;
  /** Milliseconds the back office asked us to wait (`Retry-After`), when it did. */
  retryAfterMs?: number;
  /** The raw `Retry-After` header, so a caller with its own clock can re-read an HTTP date. */
  retryAfter?: string;
  /** The underlying error, for logs. */
  cause?: unknown;
}

/**
 * The one error type of `@councilkit/connect`. `reason` says what went wrong;
 * {@link ConnectError.retryable} says whether trying again later can help.
 *
 * @example
 * ```ts
 * try {
 *   await waste.call('reportMissedCollection', request, { idempotencyKey: 'case-1:refer' });
 * } catch (error) {
 *   if (error instanceof ConnectError && error.reason === 'rejected') {
 *     console.log(error.problem?.detail); // the back office's own explanation
 *   }
 * }
 * ```
 */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  /** What went wrong. */
  readonly reason: ConnectErrorReason;
  /** HTTP status, when the back office answered. */
  readonly status: number | undefined;
  /** The back office's RFC 9457 problem, when it sent one. */
  readonly problem: ProblemDetails | undefined;
  /** How long the back office asked us to wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The raw `Retry-After` header value, when there was one. */
  readonly retryAfter: string | undefined;

  constructor(reason: ConnectErrorReason, message: string, details: ConnectErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.status = details.status;
    this.problem = details.problem;
    this.retryAfterMs = details.retryAfterMs;
    this.retryAfter = details.retryAfter;
  }

  /** True when a later attempt may succeed (timeouts, outages, malformed answers, open circuits). */
  get retryable(): boolean {
    return isRetryableReason(this.reason);
  }
}

/**
 * Whether a failure with this reason is worth retrying later.
 *
 * @example
 * ```ts
 * isRetryableReason('timeout'); // true
 * isRetryableReason('rejected'); // false
 * ```
 */
export function isRetryableReason(reason: ConnectErrorReason): boolean {
  return reason === 'timeout' || reason === 'unavailable' || reason === 'malformed-response' || reason === 'circuit-open';
}

/** Turn zod issues into one readable sentence for error messages. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
