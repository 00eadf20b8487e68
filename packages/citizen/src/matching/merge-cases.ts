import type { MergeActor } from './merge-types.js';

/**
 * The part of a case engine that `relinkCases` needs. `@councilkit/cases`'s
 * `CaseEngine` satisfies it (`casesByCitizen` and `linkCitizen`); citizen
 * does not depend on cases, so the port is typed here.
 *
 * @example
 * ```ts
 * import { createCaseEngine } from '@councilkit/cases';
 * const port: CaseLinkPort = createCaseEngine({ store, caseTypes });
 * ```
 */
export interface CaseLinkPort {
  /** The citizen's cases the actor may see, and how many were withheld. */
  casesByCitizen(query: { actor: MergeActor; citizenId: string }): Promise<{ cases: ReadonlyArray<{ case: { id: string } }>; withheld: number }>;
  /** Point one case at another citizen. */
  linkCitizen(command: { actor: MergeActor; idempotencyKey: string; caseId: string; citizenId: string }): Promise<unknown>;
}

/**
 * One case moved from one citizen id to another.
 *
 * @example
 * ```ts
 * const move: CaseRelink = { caseId: 'case-7', from: 'p-2', to: 'p-1' };
 * ```
 */
export interface CaseRelink {
  /** The case. */
  caseId: string;
  /** Citizen id before. */
  from: string;
  /** Citizen id after. */
  to: string;
}

/**
 * What {@link relinkCases} and {@link restoreCaseLinks} did.
 *
 * @example
 * ```ts
 * const { moved, withheld } = await relinkCases(engine, { actor, survivorId, mergedAwayIds, idempotencyKey });
 * if (withheld > 0) console.warn('Run with an actor who can see every case');
 * ```
 */
export interface CaseRelinkReport {
  /** Cases moved. Keep this: {@link restoreCaseLinks} needs it after an unmerge. */
  moved: CaseRelink[];
  /** Cases the actor could not see and so did not move (run again with a system actor). */
  withheld: number;
}

/**
 * Options for {@link relinkCases}.
 *
 * @example
 * ```ts
 * const options: RelinkCasesOptions = { actor: { id: 'system:merge', teams: ['data-quality'] }, survivorId: 'p-1', mergedAwayIds: ['p-2'], idempotencyKey: auditEntry.id };
 * ```
 */
export interface RelinkCasesOptions {
  /** Who is acting (use an actor every case type's access policy admits). */
  actor: MergeActor;
  /** The surviving person id. */
  survivorId: string;
  /** The merged-away person ids. */
  mergedAwayIds: readonly string[];
  /** Prefix of each command's idempotency key, unique per merge (the merge's audit entry id is a good one), so that a retry does not double up. */
  idempotencyKey: string;
}

/**
 * Make cases follow a merge: every case of a merged-away person id is
 * linked to the survivor with the engine's `linkCitizen` command (one audit
 * event per case in the case's own history). Safe to retry: each command's
 * idempotency key is `<idempotencyKey>:<caseId>`.
 *
 * @example
 * ```ts
 * const { person, mergedAwayIds, audit } = await merger.merge([a, b], { actor, reason: 'same person' });
 * const report = await relinkCases(caseEngine, { actor, survivorId: person.id, mergedAwayIds, idempotencyKey: audit.id });
 * ```
 */
export async function relinkCases(port: CaseLinkPort, options: RelinkCasesOptions): Promise<CaseRelinkReport> {
  const moved: CaseRelink[] = [];
  let withheld = 0;
  for (const from of options.mergedAwayIds) {
    if (from === options.survivorId) continue;
    const timeline = await port.casesByCitizen({ actor: options.actor, citizenId: from });
    withheld += timeline.withheld;
    for (const item of timeline.cases) {
      await port.linkCitizen({ actor: options.actor, idempotencyKey: `${options.idempotencyKey}:${item.case.id}`, caseId: item.case.id, citizenId: options.survivorId });
      moved.push({ caseId: item.case.id, from, to: options.survivorId });
    }
  }
  return { moved, withheld };
}

/**
 * After an unmerge, point the cases that {@link relinkCases} moved back at
 * the person ids they had before. Cases opened on the survivor after the
 * merge stay where they are: only the caller can say whose they are.
 *
 * @example
 * ```ts
 * await merger.unmerge(person, { actor, reason: 'Twins' });
 * await restoreCaseLinks(caseEngine, { actor, moved: report.moved, idempotencyKey: unmergeAudit.id });
 * ```
 */
export async function restoreCaseLinks(port: Pick<CaseLinkPort, 'linkCitizen'>, options: { actor: MergeActor; moved: readonly CaseRelink[]; idempotencyKey: string }): Promise<CaseRelinkReport> {
  const moved: CaseRelink[] = [];
  for (const move of options.moved) {
    await port.linkCitizen({ actor: options.actor, idempotencyKey: `${options.idempotencyKey}:${move.caseId}`, caseId: move.caseId, citizenId: move.from });
    moved.push({ caseId: move.caseId, from: move.to, to: move.from });
  }
  return { moved, withheld: 0 };
}
