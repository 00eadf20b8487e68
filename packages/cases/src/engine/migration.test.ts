import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCaseType } from '../define-case-type.js';
import { agent, binData, missedBin, setup, socialCare } from './test-support.js';

// v2 renames "referred" to "with-crew" and adds an inspection step.
const missedBinV2 = defineCaseType({
  name: missedBin.name,
  version: 2,
  schema: z.object({ uprn: z.string().min(1), bins: z.array(z.string()).min(1), referredAt: z.string().optional() }),
  initial: 'received',
  states: {
    received: { owner: { team: 'contact-centre', queue: 'triage' } },
    'with-crew': { owner: { team: 'waste', queue: 'crew' } },
    inspection: { owner: { team: 'waste', queue: 'inspectors' } },
    resolved: { resolved: true },
    closed: { terminal: true },
  },
  transitions: {
    refer: { from: 'received', to: 'with-crew' },
    inspect: { from: 'with-crew', to: 'inspection' },
    collected: { from: ['with-crew', 'inspection'], to: 'resolved' },
    'resolve-on-call': { from: 'received', to: 'resolved', resolvesAtFirstContact: true },
    close: { from: 'resolved', to: 'closed' },
  },
  sla: { warning: { workingDays: 2 }, breach: { workingDays: 5 } },
});

describe('versions and migration', () => {
  it('pins running cases to their version; new cases start on the newest', async () => {
    const before = setup();
    const old = await before.engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const { createCaseEngine } = await import('./engine.js');
    const engine = createCaseEngine({ store: before.store, caseTypes: [missedBin, missedBinV2, socialCare], calendar: before.calendar, clock: before.clock });
    const fresh = await engine.open({ actor: agent, idempotencyKey: 'k2', caseType: missedBin.name, channel: 'phone', data: binData });
    expect(fresh.case.caseTypeVersion).toBe(2);
    // The old case still follows v1 rules: "inspect" does not exist there.
    await engine.transition({ actor: agent, idempotencyKey: 'k3', caseId: old.caseId, transition: 'refer' });
    expect((await before.store.getCase(old.caseId))?.state).toBe('referred');
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k4', caseId: old.caseId, transition: 'inspect' })).rejects.toMatchObject({
      reason: 'unknown-transition',
    });
  });

  it('lists moves on a dry run, then moves cases with a state map', async () => {
    const { engine: v1Engine, store, calendar, clock } = setup();
    const referred = await v1Engine.open({ actor: agent, idempotencyKey: 'a1', caseType: missedBin.name, channel: 'phone', data: binData });
    await v1Engine.transition({ actor: agent, idempotencyKey: 'a2', caseId: referred.caseId, transition: 'refer' });
    const received = await v1Engine.open({ actor: agent, idempotencyKey: 'b1', caseType: missedBin.name, channel: 'phone', data: binData });
    const waiting = await v1Engine.open({ actor: agent, idempotencyKey: 'c1', caseType: missedBin.name, channel: 'phone', data: binData });
    await v1Engine.transition({ actor: agent, idempotencyKey: 'c2', caseId: waiting.caseId, transition: 'ask-resident' });
    const noBins = await v1Engine.open({ actor: agent, idempotencyKey: 'd1', caseType: missedBin.name, channel: 'phone', data: { uprn: '1', bins: [] } });

    const { createCaseEngine } = await import('./engine.js');
    const engine = createCaseEngine({ store, caseTypes: [missedBin, missedBinV2], calendar, clock });
    const request = { actor: agent, caseType: missedBin.name, fromVersion: 1, toVersion: 2, stateMap: { referred: 'with-crew' } };
    const dry = await engine.migrate({ ...request, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.moves).toEqual([
      { caseId: referred.caseId, from: 'referred', to: 'with-crew' },
      { caseId: received.caseId, from: 'received', to: 'received' },
    ]);
    expect(dry.skipped.map((s) => [s.caseId, s.state])).toEqual([
      [waiting.caseId, 'waiting-for-resident'],
      [noBins.caseId, 'received'],
    ]);
    expect((await store.getCase(referred.caseId))?.caseTypeVersion).toBe(1);

    const real = await engine.migrate(request);
    expect(real.moves).toEqual(dry.moves);
    const moved = await store.getCase(referred.caseId);
    expect(moved).toMatchObject({ caseTypeVersion: 2, state: 'with-crew', team: 'waste', queue: 'crew' });
    // v2's longer SLA now applies: Monday 09:00 + 5 working days.
    expect(moved?.sla?.breachAt).toBe('2026-11-30T09:00:00.000Z');
    expect((await store.listEvents(referred.caseId)).at(-1)).toMatchObject({ type: 'migrated', from: 'referred', to: 'with-crew', payload: { fromVersion: 1, toVersion: 2 } });
    await engine.transition({ actor: agent, idempotencyKey: 'a3', caseId: referred.caseId, transition: 'inspect' });
    expect((await store.getCase(waiting.caseId))?.caseTypeVersion).toBe(1);
  });

  it('refuses a migration to an unknown version or state', async () => {
    const { engine } = setup();
    await expect(engine.migrate({ actor: agent, caseType: missedBin.name, fromVersion: 1, toVersion: 9 })).rejects.toMatchObject({ reason: 'invalid-migration' });
    await expect(engine.migrate({ actor: agent, caseType: missedBin.name, fromVersion: 1, toVersion: 1, stateMap: { received: 'mars' } })).rejects.toMatchObject({
      reason: 'invalid-migration',
    });
  });
});
