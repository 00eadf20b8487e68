/**
 * Why a parking call or rule refused. A string literal, so callers can `switch` on it.
 *
 * - `invalid-input`: the caller's input failed validation; nothing was changed.
 * - `not-found`: no PCN or permit matches (also given when the VRM does not match the PCN, so numbers cannot be probed).
 * - `not-allowed-at-stage`: the PCN's stage does not allow this (for example an informal challenge after a notice to owner).
 * - `idempotency-conflict`: the same `Idempotency-Key` was used with a different body.
 * - `conflict`: the back office rejected the write because of the record's current state.
 * - `unavailable`: the back office answered 5xx or could not be reached.
 * - `timeout`: the back office did not answer in time.
 * - `malformed-response`: the back office answered with a body that does not match the contract.
 * - `unauthorised`: the back office refused our credentials.
 */
export type ParkingErrorReason =
  | 'invalid-input'
  | 'not-found'
  | 'not-allowed-at-stage'
  | 'idempotency-conflict'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'malformed-response'
  | 'unauthorised';

/**
 * Thrown by the parking client and rules when a request cannot be honoured.
 * Carries a string-literal `reason`, the HTTP `status` when one was received,
 * and the problem `type` URI from an RFC 9457 body.
 *
 * @example
 * ```ts
 * try {
 *   await client.findPcn({ pcnNumber: 'AB12345678', vrm: 'AB12CDE' });
 * } catch (error) {
 *   if (error instanceof ParkingError && error.reason === 'not-found') {
 *     console.log('Check the PCN number and registration');
 *   }
 * }
 * ```
 */
export class ParkingError extends Error {
  override readonly name = 'ParkingError';
  /** Why the call was refused. */
  readonly reason: ParkingErrorReason;
  /** HTTP status from the back office, when there was a response. */
  readonly status: number | undefined;
  /** The RFC 9457 problem `type`, when the back office sent one. */
  readonly problemType: string | undefined;

  constructor(reason: ParkingErrorReason, message: string, details: { status?: number; problemType?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.status = details.status;
    this.problemType = details.problemType;
  }
}
