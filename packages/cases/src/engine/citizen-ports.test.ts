// @councilkit/citizen types the parts of the engine its merge and subject
// access tools call (it cannot depend on cases); these tests hold the real
// engine to those ports, by type and by behaviour.
import type { SubjectCaseReader } from '@councilkit/citizen/gdpr';
import { type CaseLinkPort, relinkCases, restoreCaseLinks } from '@councilkit/citizen/matching';
import { describe, expect, it } from 'vitest';
import type { CaseEngine } from './engine.js';
import { agent, binData, missedBin, setup, socialCare, socialWorker } from './test-support.js';

// Compile-time: if the engine's signatures drift from citizen's ports, typecheck fails here.
type Satisfies<T extends U, U> = T;
export type EngineIsCaseLinkPort = Satisfies<CaseEngine, CaseLinkPort>;
export type EngineIsSubjectCaseReader = Satisfies<CaseEngine, SubjectCaseReader>;

describe('the engine behind citizen ports', () => {
  it('makes cases follow a merge and puts them back after an unmerge, one audit event per move', async () => {
    const { engine, store } = setup();
    const open = (citizenId: string, key: string) =>
      engine.open({ actor: agent, idempotencyKey: key, caseType: missedBin.name, channel: 'phone', data: binData, citizenId });
    const a = await open('p-2', 'k1');
    const b = await open('p-2', 'k2');
    const kept = await open('p-1', 'k3');

    const report = await relinkCases(engine, { actor: agent, survivorId: 'p-1', mergedAwayIds: ['p-2'], idempotencyKey: 'merge-1' });
    expect(report).toEqual({ moved: [{ caseId: a.caseId, from: 'p-2', to: 'p-1' }, { caseId: b.caseId, from: 'p-2', to: 'p-1' }], withheld: 0 });
    expect((await engine.casesByCitizen({ actor: agent, citizenId: 'p-1' })).cases.map((item) => item.case.id).sort()).toEqual(
      [a.caseId, b.caseId, kept.caseId].sort(),
    );
    expect((await store.listEvents(a.caseId)).at(-1)).toMatchObject({ type: 'citizen-linked', actorId: agent.id });

    // A retry of the same merge changes nothing more.
    const retried = await relinkCases(engine, { actor: agent, survivorId: 'p-1', mergedAwayIds: ['p-2'], idempotencyKey: 'merge-1' });
    expect(retried.moved).toEqual([]);
    expect(await store.listEvents(a.caseId)).toHaveLength(2);

    await restoreCaseLinks(engine, { actor: agent, moved: report.moved, idempotencyKey: 'unmerge-1' });
    expect((await engine.casesByCitizen({ actor: agent, citizenId: 'p-2' })).cases.map((item) => item.case.id).sort()).toEqual([a.caseId, b.caseId].sort());
    expect((await store.getCase(kept.caseId))?.citizenId).toBe('p-1');
  });

  it('reports cases the merging actor may not see as withheld and leaves them where they are', async () => {
    const { engine, store } = setup();
    const hidden = await engine.open({ actor: socialWorker, idempotencyKey: 'k1', caseType: socialCare.name, channel: 'phone', data: { concern: 'x' }, citizenId: 'p-2' });
    const report = await relinkCases(engine, { actor: agent, survivorId: 'p-1', mergedAwayIds: ['p-2'], idempotencyKey: 'merge-2' });
    expect(report).toEqual({ moved: [], withheld: 1 });
    expect((await store.getCase(hidden.caseId))?.citizenId).toBe('p-2');
  });
});
