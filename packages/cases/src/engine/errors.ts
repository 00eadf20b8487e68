/**
 * Why the engine refused a command or query.
 *
 * @example
 * ```ts
 * const reason: CaseErrorReason = 'guard-refused';
 * ```
 */
export type CaseErrorReason =
  | 'invalid-command'
  | 'invalid-options'
  | 'unknown-case-type'
  | 'case-not-found'
  | 'invalid-data'
  | 'unknown-transition'
  | 'transition-not-allowed'
  | 'guard-refused'
  | 'case-closed'
  | 'already-paused'
  | 'not-paused'
  | 'already-claimed'
  | 'not-assigned'
  | 'not-resolved'
  | 'idempotency-key-reused'
  | 'invalid-migration';

/**
 * Thrown when a command or query cannot be carried out. Nothing is written.
 * `guard` names the guard that refused, for `guard-refused`.
 *
 * @example
 * ```ts
 * try {
 *   await engine.transition({ actor, idempotencyKey: 'k2', caseId, transition: 'refer' });
 * } catch (error) {
 *   if (error instanceof CaseError && error.reason === 'guard-refused') showToAgent(error.message);
 * }
 * ```
 */
export class CaseError extends Error {
  override readonly name = 'CaseError';
  /** Why it was refused. */
  readonly reason: CaseErrorReason;
  /** Case involved, when known. */
  readonly caseId: string | undefined;
  /** Guard that refused, for `guard-refused`. */
  readonly guard: string | undefined;

  constructor(reason: CaseErrorReason, message: string, details: { caseId?: string; guard?: string } = {}) {
    super(message);
    this.reason = reason;
    this.caseId = details.caseId;
    this.guard = details.guard;
  }
}

/**
 * Thrown when an access policy refuses a read or command. The refusal is
 * also written to the store's access-denied audit.
 *
 * @example
 * ```ts
 * try {
 *   await engine.getCase({ actor: housingAgent, caseId });
 * } catch (error) {
 *   if (error instanceof AccessDeniedError) console.log(error.reason, error.action); // 'access-denied' 'getCase'
 * }
 * ```
 */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
  /** Always `access-denied`. */
  readonly reason = 'access-denied' as const;
  /** Command or query refused. */
  readonly action: string;
  /** Case type involved. */
  readonly caseType: string;
  /** Case involved, when known. */
  readonly caseId: string | undefined;

  constructor(message: string, details: { action: string; caseType: string; caseId?: string }) {
    super(message);
    this.action = details.action;
    this.caseType = details.caseType;
    this.caseId = details.caseId;
  }
}
