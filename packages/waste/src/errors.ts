/**
 * Why a call to the waste back office did not give an answer. A string
 * literal, so callers can `switch` on it.
 *
 * - `validation`: the caller's input was refused (by the client before
 *   sending, or by the back office with a 400).
 * - `not-found`: no such property, request or booking (404).
 * - `conflict`: the state changed underneath the caller, e.g. the slot went
 *   (409).
 * - `gone`: a slot reservation expired before it was used (410).
 * - `not-eligible`: a business rule refused it (422); `code` says which one
 *   and `message` is a sentence the agent can read to the caller.
 * - `idempotency-mismatch`: the same Idempotency-Key was used with a
 *   different body (422 `idempotency-key-reuse`).
 * - `unauthorised`: the back office refused our credentials (401/403).
 * - `rate-limited`: slow down (429); see `retryAfterSeconds`.
 * - `unavailable`: the back office is down or failing (5xx, network error).
 * - `timeout`: no answer within `timeoutMs`.
 * - `malformed-response`: an answer arrived but did not match the contract.
 * - `invalid-options`: the client was configured wrongly.
 *
 * @example
 * ```ts
 * if (error instanceof WasteError && error.reason === ('timeout' satisfies WasteErrorReason)) retryLater();
 * ```
 */
export type WasteErrorReason =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'not-eligible'
  | 'idempotency-mismatch'
  | 'unauthorised'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'malformed-response'
  | 'invalid-options';

/**
 * The RFC 9457 problem body the back office sends with an error, after
 * validation. Unknown extension members are dropped.
 *
 * @example
 * ```ts
 * const problem: WasteProblem = {
 *   type: 'https://councilkit.org.uk/problems/waste/not-eligible',
 *   title: 'Not eligible',
 *   status: 422,
 *   code: 'not-presented',
 *   detail: 'The crew recorded that the bin was not out on Tuesday 3 March 2026.',
 * };
 * ```
 */
export interface WasteProblem {
  /** Stable URI naming the kind of problem; see {@link WASTE_PROBLEM_TYPES}. */
  type: string;
  /** Short human title. */
  title: string;
  /** The HTTP status. */
  status: number;
  /** A sentence a contact-centre agent can read to the caller. */
  detail?: string | undefined;
  /** Where the problem happened. */
  instance?: string | undefined;
  /** The business rule that refused the request, for 422s. */
  code?: string | undefined;
  /** Field-level messages for validation problems. */
  errors?: { pointer: string; detail: string }[] | undefined;
}

const PROBLEM_BASE = 'https://councilkit.org.uk/problems/waste/';

/**
 * The stable `type` URIs of every problem the waste interface defines. Back
 * offices send these; the mock uses them; the client maps them to
 * {@link WasteErrorReason}s.
 *
 * @example
 * ```ts
 * if (problem.type === WASTE_PROBLEM_TYPES['not-eligible']) {
 *   console.log(problem.detail);
 * }
 * ```
 */
export const WASTE_PROBLEM_TYPES = {
  validation: `${PROBLEM_BASE}validation`,
  'idempotency-key-missing': `${PROBLEM_BASE}idempotency-key-missing`,
  'payload-too-large': `${PROBLEM_BASE}payload-too-large`,
  'not-found': `${PROBLEM_BASE}not-found`,
  conflict: `${PROBLEM_BASE}conflict`,
  'slot-unavailable': `${PROBLEM_BASE}slot-unavailable`,
  'idempotency-key-in-flight': `${PROBLEM_BASE}idempotency-key-in-flight`,
  'reservation-expired': `${PROBLEM_BASE}reservation-expired`,
  'not-eligible': `${PROBLEM_BASE}not-eligible`,
  'limit-exceeded': `${PROBLEM_BASE}limit-exceeded`,
  'idempotency-key-reuse': `${PROBLEM_BASE}idempotency-key-reuse`,
  'method-not-allowed': `${PROBLEM_BASE}method-not-allowed`,
  unavailable: `${PROBLEM_BASE}unavailable`,
} as const;

/**
 * A problem kind name: a key of {@link WASTE_PROBLEM_TYPES}.
 *
 * @example
 * ```ts
 * const kind: WasteProblemKind = 'not-eligible';
 * ```
 */
export type WasteProblemKind = keyof typeof WASTE_PROBLEM_TYPES;

/**
 * Everything a {@link WasteError} can carry besides its reason and message.
 *
 * @example
 * ```ts
 * throw new WasteError('not-found', 'No such property', { operation: 'getProperty', status: 404 } satisfies WasteErrorDetails);
 * ```
 */
export interface WasteErrorDetails {
  /** The client operation that failed, e.g. `reportMissedCollection`. */
  operation?: string | undefined;
  /** The HTTP status, when the back office answered. */
  status?: number | undefined;
  /** The validated problem body, when there was one. */
  problem?: WasteProblem | undefined;
  /** The business rule code (`problem.code`, or the eligibility reason). */
  code?: string | undefined;
  /** Seconds to wait before retrying, from a `Retry-After` header. */
  retryAfterSeconds?: number | undefined;
  /** Field-level issues for `validation` errors. */
  issues?: { path: string; message: string }[] | undefined;
  /** The underlying error, for diagnostics only. */
  cause?: unknown;
}

/**
 * Thrown by the waste client (and the case type guards) when the back office
 * did not give a usable answer. `reason` says why; `message` is safe to show
 * to a contact-centre agent.
 *
 * @example
 * ```ts
 * try {
 *   await waste.reportMissedCollection({ uprn: 100023336956, serviceId: 'refuse' });
 * } catch (error) {
 *   if (error instanceof WasteError && error.reason === 'not-eligible') {
 *     agentScript.say(error.message); // e.g. "The crew recorded that the bin was not out..."
 *   } else if (error instanceof WasteError && error.retryable) {
 *     queueForRetry();
 *   }
 * }
 * ```
 */
export class WasteError extends Error {
  override readonly name = 'WasteError';
  /** Why the call failed. */
  readonly reason: WasteErrorReason;
  /** The client operation that failed. */
  readonly operation: string | undefined;
  /** The HTTP status, when the back office answered. */
  readonly status: number | undefined;
  /** The validated problem body, when there was one. */
  readonly problem: WasteProblem | undefined;
  /** The business rule code, for `not-eligible` and similar refusals. */
  readonly code: string | undefined;
  /** Seconds to wait before retrying, when the back office said. */
  readonly retryAfterSeconds: number | undefined;
  /** Field-level issues for `validation` errors. */
  readonly issues: { path: string; message: string }[];

  constructor(reason: WasteErrorReason, message: string, details: WasteErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.operation = details.operation;
    this.status = details.status;
    this.problem = details.problem;
    this.code = details.code ?? details.problem?.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.issues = details.issues ?? [];
  }

  /** True when trying the same request again later may succeed (the outbox dispatcher uses this). */
  get retryable(): boolean {
    return (
      this.reason === 'unavailable' ||
      this.reason === 'timeout' ||
      this.reason === 'rate-limited' ||
      this.reason === 'malformed-response' ||
      (this.reason === 'conflict' && this.problem?.type === WASTE_PROBLEM_TYPES['idempotency-key-in-flight'])
    );
  }
}
