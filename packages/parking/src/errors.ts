/**
 * Why a parking call or rule refused. A string literal, so callers can `switch` on it.
 *
 * - `invalid-input`: the caller's input failed validation; nothing was changed.
 * - `not-found`: no PCN, challenge or permit matches (also given when the VRM does not match the PCN, so numbers cannot be probed).
 * - `not-allowed-at-stage`: the PCN's stage does not allow this (for example an informal challenge after a notice to owner).
 * - `amount-mismatch`: a payment was not for the amount due now; `message` says what is due.
 * - `ineligible`: a business rule refused the request; `code` names it (for example `not-in-zone`).
 * - `idempotency-conflict`: the same `Idempotency-Key` was used with a different body.
 * - `conflict`: the back office rejected the write because of the record's current state.
 * - `unavailable`: the back office answered 5xx or could not be reached.
 * - `timeout`: the back office did not answer in time.
 * - `malformed-response`: the back office answered with a body that does not match the contract.
 * - `unauthorised`: the back office refused our credentials.
 * - `rate-limited`: the back office asked us to slow down (429).
 * - `invalid-options`: the client or mock was configured wrongly.
  *
  * @example
  * ```ts
  * if (error instanceof ParkingError) {
  *   const reason: ParkingErrorReason = error.reason;
  *   if (reason === 'amount-mismatch') console.log(error.message);
  * }
  * ```
 */
export type ParkingErrorReason =
  | 'invalid-input'
  | 'not-found'
  | 'not-allowed-at-stage'
  | 'amount-mismatch'
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
 * Extra facts a {@link ParkingError} may carry.
 *
 * @example
 * ```ts
 * throw new ParkingError('not-allowed-at-stage', 'A notice to owner has been sent', { status: 409, code: 'not-allowed-at-stage' });
 * ```
 */
export interface ParkingErrorDetails {
  /** HTTP status, when the back office answered. */
  status?: number | undefined;
  /** RFC 9457 problem `type`. */
  problemType?: string | undefined;
  /** The business rule that refused the request. */
  code?: string | undefined;
  /** The client operation that failed. */
  operation?: string | undefined;
  /** Field-level problems. */
  issues?: { path: string; message: string }[] | undefined;
  /** The underlying error, for logs. */
  cause?: unknown;
}

const PROBLEM_BASE = 'https://councilkit.org.uk/problems/parking/';

/**
 * The stable `type` URIs of every problem the parking interface defines.
 * Back offices send these; the mock uses them; the client maps them to
 * {@link ParkingErrorReason}s.
 *
 * @example
 * ```ts
 * if (problem.type === PARKING_PROBLEM_TYPES['amount-mismatch']) console.log(problem.detail);
 * ```
 */
export const PARKING_PROBLEM_TYPES = {
  validation: `${PROBLEM_BASE}validation`,
  'payload-too-large': `${PROBLEM_BASE}payload-too-large`,
  'idempotency-key-missing': `${PROBLEM_BASE}idempotency-key-missing`,
  'idempotency-key-reuse': `${PROBLEM_BASE}idempotency-key-reuse`,
  'not-found': `${PROBLEM_BASE}not-found`,
  'not-allowed-at-stage': `${PROBLEM_BASE}not-allowed-at-stage`,
  'amount-mismatch': `${PROBLEM_BASE}amount-mismatch`,
  'not-eligible': `${PROBLEM_BASE}not-eligible`,
  conflict: `${PROBLEM_BASE}conflict`,
  unavailable: `${PROBLEM_BASE}unavailable`,
} as const;

/**
 * One key of {@link PARKING_PROBLEM_TYPES}.
 *
 * @example
 * ```ts
 * const kind: ParkingProblemKind = 'amount-mismatch';
 * PARKING_PROBLEM_TYPES[kind]; // 'https://councilkit.org.uk/problems/parking/amount-mismatch'
 * ```
 */
export type ParkingProblemKind = keyof typeof PARKING_PROBLEM_TYPES;

/**
 * Thrown by the parking client and rules when a request cannot be honoured.
 * Carries a string-literal `reason`, the HTTP `status` when one was received,
 * the problem `type` URI and the rule `code` from an RFC 9457 body.
 *
 * @example
 * ```ts
 * try {
 *   await client.findPcn({ pcnNumber: 'AT10000001', vrm: 'AB12CDE' });
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
  /** The business rule that refused the request (problem `code`). */
  readonly code: string | undefined;
  /** The client operation that failed. */
  readonly operation: string | undefined;
  /** Field-level problems, for validation failures. */
  readonly issues: { path: string; message: string }[];

  constructor(reason: ParkingErrorReason, message: string, details: ParkingErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.status = details.status;
    this.problemType = details.problemType;
    this.code = details.code;
    this.operation = details.operation;
    this.issues = details.issues ?? [];
  }
}
