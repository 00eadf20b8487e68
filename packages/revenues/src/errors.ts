/**
 * Why a revenues call or rule refused. A string literal, so callers can `switch` on it.
 *
 * - `invalid-input`: the caller's input failed validation; nothing was changed.
 * - `not-found`: no account or claim matches (also given when the second factor is wrong, so references cannot be probed).
 * - `locked`: too many failed second-factor attempts; try again after `retryAt`.
 * - `ineligible`: a rule refused the request (for example a single person discount with two adult liable parties).
 * - `idempotency-conflict`: the same `Idempotency-Key` was used with a different body.
 * - `conflict`: the back office rejected the write because of the account's current state.
 * - `unavailable`: the back office answered 5xx or could not be reached.
 * - `timeout`: the back office did not answer in time.
 * - `malformed-response`: the back office answered with a body that does not match the contract.
 * - `unauthorised`: the back office refused our credentials.
 * - `rate-limited`: the back office asked us to slow down (429 other than `account-locked`).
 * - `invalid-options`: the client was configured wrongly.
  *
  * @example
  * ```ts
  * if (error instanceof RevenuesError) {
  *   const reason: RevenuesErrorReason = error.reason;
  *   if (reason === 'locked') console.log(error.retryAt);
  * }
  * ```
 */
export type RevenuesErrorReason =
  | 'invalid-input'
  | 'not-found'
  | 'locked'
  | 'ineligible'
  | 'idempotency-conflict'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'malformed-response'
  | 'unauthorised'
  | 'rate-limited'
  | 'invalid-options';

/**
 * Extra facts a {@link RevenuesError} may carry.
 *
 * @example
 * ```ts
 * throw new RevenuesError('ineligible', 'Two adults are liable', { status: 422, code: 'more-than-one-adult' });
 * ```
 */
export interface RevenuesErrorDetails {
  /** HTTP status, when the back office answered. */
  status?: number | undefined;
  /** RFC 9457 problem `type`. */
  problemType?: string | undefined;
  /** When a locked lookup may be tried again (ISO 8601). */
  retryAt?: string | undefined;
  /** The business rule that refused the request. */
  code?: string | undefined;
  /** The client operation that failed. */
  operation?: string | undefined;
  /** Field-level problems. */
  issues?: { path: string; message: string }[] | undefined;
  /** The underlying error, for logs. */
  cause?: unknown;
}

const PROBLEM_BASE = 'https://councilkit.org.uk/problems/revenues/';

/**
 * The stable `type` URIs of every problem the revenues interface defines.
 * Back offices send these; the mock uses them; the client maps them to
 * {@link RevenuesErrorReason}s.
 *
 * @example
 * ```ts
 * if (problem.type === REVENUES_PROBLEM_TYPES['account-locked']) console.log('Try later');
 * ```
 */
export const REVENUES_PROBLEM_TYPES = {
  validation: `${PROBLEM_BASE}validation`,
  'payload-too-large': `${PROBLEM_BASE}payload-too-large`,
  'idempotency-key-missing': `${PROBLEM_BASE}idempotency-key-missing`,
  'idempotency-key-reuse': `${PROBLEM_BASE}idempotency-key-reuse`,
  'not-found': `${PROBLEM_BASE}not-found`,
  'account-locked': `${PROBLEM_BASE}account-locked`,
  'not-eligible': `${PROBLEM_BASE}not-eligible`,
  conflict: `${PROBLEM_BASE}conflict`,
  unavailable: `${PROBLEM_BASE}unavailable`,
} as const;

/**
 * One key of {@link REVENUES_PROBLEM_TYPES}.
 *
 * @example
 * ```ts
 * const kind: RevenuesProblemKind = 'account-locked';
 * REVENUES_PROBLEM_TYPES[kind]; // 'https://councilkit.org.uk/problems/revenues/account-locked'
 * ```
 */
export type RevenuesProblemKind = keyof typeof REVENUES_PROBLEM_TYPES;

/**
 * Thrown by the revenues client and rules when a request cannot be honoured.
 * Carries a string-literal `reason`, the HTTP `status` when one was received,
 * and the problem `type` URI from an RFC 9457 body.
 *
 * @example
 * ```ts
 * try {
 *   await client.findAccount({ reference: '5001234567', postcode: 'AB1 2CD' });
 * } catch (error) {
 *   if (error instanceof RevenuesError && error.reason === 'locked') {
 *     console.log(`Try again after ${error.retryAt}`);
 *   }
 * }
 * ```
 */
export class RevenuesError extends Error {
  override readonly name = 'RevenuesError';
  /** Why the call was refused. */
  readonly reason: RevenuesErrorReason;
  /** HTTP status from the back office, when there was a response. */
  readonly status: number | undefined;
  /** The RFC 9457 problem `type`, when the back office sent one. */
  readonly problemType: string | undefined;
  /** When a locked lookup may be tried again (ISO 8601), for reason `locked`. */
  readonly retryAt: string | undefined;
  /** The business rule that refused the request (problem `code`), e.g. `more-than-one-adult`. */
  readonly code: string | undefined;
  /** The client operation that failed, e.g. `reportMove`. */
  readonly operation: string | undefined;
  /** Field-level problems, for validation failures. */
  readonly issues: { path: string; message: string }[];

  constructor(reason: RevenuesErrorReason, message: string, details: RevenuesErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.status = details.status;
    this.problemType = details.problemType;
    this.retryAt = details.retryAt;
    this.code = details.code;
    this.operation = details.operation;
    this.issues = details.issues ?? [];
  }
}
