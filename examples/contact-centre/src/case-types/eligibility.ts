import type { Actor, CaseRecord, CaseType, Channel, JsonObject } from '@councilkit/cases';

/**
 * Eligibility before a case is raised. Each case type's rules are its
 * guards (the revenues and parking packages wrap checkBankDetails,
 * assessMoveDate, checkChallengeAllowed and the rest as guards), and guards
 * are pure, so the desktop runs the very guards the engine will run at the
 * first move against the answers given: a refusal is shown before anything
 * is written, with the same sentence the engine would give.
 */

/** How a case can leave its first state at the first contact. */
export interface FirstContactRoutes {
  /** Transitions that refer the case on through the outbox, in definition order. */
  refer: string[];
  /** The transition that resolves it on the call, when the case type allows that. */
  resolve: string | undefined;
}

/** The transitions out of the initial state that refer the case on, or resolve it at first contact. */
export function firstContactRoutes(caseType: CaseType): FirstContactRoutes {
  const refer: string[] = [];
  let resolve: string | undefined;
  for (const name of caseType.transitionsFrom(caseType.initial)) {
    const transition = caseType.transitions[name];
    if (!transition) continue;
    if (transition.resolvesAtFirstContact) {
      resolve ??= name;
      continue;
    }
    // Only moves that write a referral to the outbox send the case on; case types without
    // one (a general enquiry) are worked from the case page after raising.
    const refers = (transition.effects ?? []).some((effect) => caseType.effects[effect]?.kind === 'refer');
    if (refers) refer.push(name);
  }
  return { refer, resolve };
}

/** The outcome of an eligibility check. */
export type Eligibility =
  | { ok: true; transition: string }
  /** `reason` is the refusal sentence; `guard` names the guard that gave it (stable, for machines). */
  | { ok: false; reason: string; guard: string | undefined; transition: string | undefined };

/**
 * Run the guards of the candidate transitions against the answers. The first
 * transition whose guards all allow is the one to take; when none does, the
 * refusal comes from the candidate that got furthest through its guards
 * (so a discount "apply" case reports why it cannot be applied, not that it
 * is not a cancellation).
 */
export function checkEligibility(
  caseType: CaseType,
  candidates: readonly string[],
  input: { data: JsonObject; actor: Actor; channel: Channel; now: Date; citizenId?: string; payload?: JsonObject },
): Eligibility {
  const now = input.now.toISOString();
  const provisional: CaseRecord = {
    id: 'not-yet-raised',
    caseType: caseType.name,
    caseTypeVersion: caseType.version,
    state: caseType.initial,
    status: 'open',
    version: 1,
    data: input.data,
    channel: input.channel,
    ...(input.citizenId ? { citizenId: input.citizenId } : {}),
    openedAt: now,
    updatedAt: now,
    reopenCount: 0,
  } as CaseRecord;
  let best: { passed: number; reason: string; guard: string; transition: string } | undefined;
  for (const name of candidates) {
    const guards = caseType.transitions[name]?.guards ?? [];
    let passed = 0;
    let refusal: { reason: string; guard: string } | undefined;
    for (const guardName of guards) {
      const guard = caseType.guards[guardName];
      if (!guard) continue;
      const answer = guard({ case: provisional, data: input.data, payload: input.payload ?? {}, actor: input.actor, transition: name, now: input.now });
      if (answer !== true) {
        refusal = { reason: answer, guard: guardName };
        break;
      }
      passed += 1;
    }
    if (refusal === undefined) return { ok: true, transition: name };
    if (!best || passed > best.passed) best = { passed, ...refusal, transition: name };
  }
  return best
    ? { ok: false, reason: best.reason, guard: best.guard, transition: best.transition }
    : { ok: false, reason: 'This case type cannot be sent on from here.', guard: undefined, transition: undefined };
}
