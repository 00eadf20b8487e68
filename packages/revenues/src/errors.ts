/**
 * Why a revenues call or rule refused. A string literal, so callers can `switch` on it.
 *
 * - `invalid-input`: the caller's input failed validation; nothing was changed.
 * - `not-found`: no account or claim matches (also given when the second factor is wrong, so references cannot be probed).
 * - `locked`: too many failed second-factor attempts; try again after `retryAt`.
 * - `ineligible`: a rule refused the request (for example a single person discount with two adult liable parties).
 * - `review-required`: the request is accepted only for back-office review (for example a move date far in the past).
 * - `idempotency-conflict`: the same `Idempotency-Key` was used with a different body.
 * - `conflict`: the back office rejected the write because of the account's current state.
 * - `unavailable`: the back office answered 5xx or could not be reached.
 * - `timeout`: the back office did not answer in time.
 * - `malformed-response`: the back office answered with a body that does not match the contract.
 * - `unauthorised`: the back office refused our credentials.
 */
export type RevenuesErrorReason =
  | 'invalid-input'
  | 'not-found'
  | 'locked'
  | 'ineligible'
  | 'review-required'
  | 'idempotency-conflict'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'malformed-response'
  | 'unauthorised';

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

  constructor(
    reason: RevenuesErrorReason,
    message: string,
    details: { status?: number; problemType?: string; retryAt?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.status = details.status;
    this.problemType = details.problemType;
    this.retryAt = details.retryAt;
  }
}
