import type { Actor, CaseEngine, CaseRecord, CaseType, Channel, JsonObject } from '@councilkit/cases';
import { problemForDomainError } from '../http/domain-errors.js';
import { checkEligibility, firstContactRoutes } from './eligibility.js';

/**
 * Raising a case at the first contact, the one way every desktop page and
 * the JSON API do it: the case type's guards are run on the answers first,
 * and only when they allow is the case opened and moved on (referred through
 * the outbox, or resolved on the call).
 */

/** What happens to a case at the first contact: sent on to the service, or resolved there and then. */
export type FirstContactOutcome = 'refer' | 'resolve';

/** The transitions that carry out an outcome, in the order they are tried. Empty when the case type has none. */
export function candidatesFor(caseType: CaseType, outcome: FirstContactOutcome): string[] {
  const routes = firstContactRoutes(caseType);
  if (outcome === 'resolve') return routes.resolve ? [routes.resolve] : [];
  return routes.refer;
}

/** The answers and who is raising the case. */
export interface FirstContactInput {
  actor: Actor;
  channel: Channel;
  data: JsonObject;
  citizenId?: string;
  /** One key for the whole attempt; the move uses it with the transition's name appended. */
  idempotencyKey: string;
  /** The case reference to use. */
  caseId: string;
  /**
   * The transitions to check, first allowed wins: `candidatesFor(type, outcome)`,
   * or a single one a page chose (ending a discount is `cancel`). Empty: open only.
   */
  candidates: readonly string[];
  /** Take the allowed transition after opening. `false` checks and opens only (the API without an `outcome`). */
  move: boolean;
  /** What the move carries beyond the case data (a payment reference). */
  payload?: JsonObject;
}

/** How raising went. A refusal means nothing was written. */
export type FirstContactResult =
  | { status: 'refused'; reason: string; guard: string | undefined; transition: string | undefined }
  | {
      status: 'raised';
      caseId: string;
      /** The case as it stands after the last command. */
      record: CaseRecord;
      /** A repeated idempotency key: the first attempt's case. */
      replayed: boolean;
      /** The transition taken, when one was. */
      moved: string | undefined;
      /** The engine refused the move after opening (the world changed in between); the case is kept and this says why. */
      moveRefused: string | undefined;
    };

/**
 * Check, open, then move. Domain errors from the move come back as
 * `moveRefused`; anything else is thrown.
 *
 * @example
 * ```ts
 * const result = await raiseAtFirstContact(engine, caseType, {
 *   actor, channel: 'phone', data, idempotencyKey: `raise:${formKey}`, caseId: newCaseReference(`raise:${formKey}`),
 *   candidates: candidatesFor(caseType, 'refer'), move: true,
 * });
 * if (result.status === 'refused') showError(result.reason);
 * ```
 */
export async function raiseAtFirstContact(engine: CaseEngine, caseType: CaseType, input: FirstContactInput): Promise<FirstContactResult> {
  const citizen = input.citizenId ? { citizenId: input.citizenId } : {};
  let next: string | undefined;
  if (input.candidates.length) {
    const eligibility = checkEligibility(caseType, input.candidates, {
      data: input.data,
      actor: input.actor,
      channel: input.channel,
      now: new Date(),
      ...citizen,
      ...(input.payload ? { payload: input.payload } : {}),
    });
    if (!eligibility.ok) return { status: 'refused', reason: eligibility.reason, guard: eligibility.guard, transition: eligibility.transition };
    next = eligibility.transition;
  }
  const opened = await engine.open({
    actor: input.actor,
    idempotencyKey: input.idempotencyKey,
    caseId: input.caseId,
    caseType: caseType.name,
    data: input.data,
    channel: input.channel,
    ...citizen,
  });
  const raised = { status: 'raised' as const, caseId: opened.caseId, replayed: opened.replayed };
  if (!input.move || !next) return { ...raised, record: opened.case, moved: undefined, moveRefused: undefined };
  try {
    const moved = await engine.transition({
      actor: input.actor,
      idempotencyKey: `${input.idempotencyKey}:${next}`,
      caseId: opened.caseId,
      transition: next,
      expectedVersion: opened.version,
      channel: input.channel,
      ...(input.payload ? { payload: input.payload } : {}),
    });
    return { ...raised, record: moved.case, moved: next, moveRefused: undefined };
  } catch (error) {
    const domain = problemForDomainError(error);
    if (!domain) throw error;
    return { ...raised, record: opened.case, moved: undefined, moveRefused: domain.detail };
  }
}
