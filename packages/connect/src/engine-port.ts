import type { Actor, JsonObject } from '@councilkit/cases';

/**
 * The slice of the `@councilkit/cases` engine that connect drives. The real
 * engine from `createCaseEngine` satisfies it; tests can hand in a fake.
 * Every command carries an idempotency key, so a repeated delivery or status
 * update never changes a case twice.
 *
 * @example
 * ```ts
 * import { createCaseEngine } from '@councilkit/cases';
 *
 * const engine: ConnectEngine = createCaseEngine({ store, caseTypes, calendar });
 * ```
 */
export interface ConnectEngine {
  /** Record the back office's reference on the case (audited by the engine). */
  recordExternalReference(command: {
    actor: Actor;
    idempotencyKey: string;
    caseId: string;
    system: string;
    reference: string;
  }): Promise<unknown>;
  /** Move the case by a named transition (audited by the engine). */
  transition(command: { actor: Actor; idempotencyKey: string; caseId: string; transition: string; payload?: JsonObject }): Promise<unknown>;
  /** Add a note to the case history, for incidents and unmapped statuses. */
  addNote(command: { actor: Actor; idempotencyKey: string; caseId: string; text: string }): Promise<unknown>;
}

/**
 * Where time comes from. Inject a fixed clock in tests.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => new Date('2026-11-24T09:00:00Z') };
 * ```
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * The system clock.
 *
 * @example
 * ```ts
 * createDispatcher({ ...options, clock: systemClock });
 * ```
 */
export const systemClock: Clock = { now: () => new Date() };
