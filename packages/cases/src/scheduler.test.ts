import { describe, expect, it } from 'vitest';
import { createCaseEngine } from './engine/engine.js';
import { agent, binData, missedBin, setup, socialCare } from './engine/test-support.js';
import { createScheduler } from './scheduler.js';

describe('createScheduler', () => {
  it('fires SLA timers after a restart: a new engine on the same store picks them up', async () => {
    const first = setup();
    const { caseId } = await first.engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    // "Restart": the first engine is gone; a fresh engine and scheduler share only the store.
    first.clock.set('2026-11-24T09:05:00.000Z');
    const engine = createCaseEngine({ store: first.store, caseTypes: [missedBin, socialCare], calendar: first.calendar, clock: first.clock });
    const scheduler = createScheduler({ engine, workerId: 'worker-b' });
    const report = await scheduler.tick();
    expect(report).toMatchObject({ claimed: 1, fired: 1, skipped: 0, failed: 0, maxLatenessMs: 300_000 });
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.slaState).toBe('warning');
    expect(view.case.sla?.warnedAt).toBe('2026-11-24T09:05:00.000Z');
    expect(view.history.at(-1)).toMatchObject({ type: 'sla-warning', actorId: 'system:worker-b', payload: { latenessMs: 300_000 } });
    const [fired] = await first.store.listTimers({ caseId, statuses: ['fired'] });
    expect(fired).toMatchObject({ kind: 'sla-warning', latenessMs: 300_000, firedAt: '2026-11-24T09:05:00.000Z' });
    expect(await scheduler.tick()).toMatchObject({ claimed: 0 });
  });

  it('breaches, then escalates to another queue', async () => {
    const { engine, store, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.set('2026-11-26T10:00:00.000Z');
    const report = await createScheduler({ engine, workerId: 'w' }).tick();
    expect(report).toMatchObject({ claimed: 3, fired: 3 });
    const stored = await store.getCase(caseId);
    expect(stored).toMatchObject({ team: 'waste', queue: 'escalations', sla: { escalationLevel: 1 } });
    expect(stored?.sla?.breachedAt).toBeDefined();
    const types = (await store.listEvents(caseId)).map((e) => e.type);
    expect(types).toEqual(['opened', 'sla-warning', 'sla-breached', 'escalated']);
    expect((await engine.breaching({ actor: agent }))[0]?.slaState).toBe('breached');
  });

  it('skips timers of resolved cases and never fires a timer twice across two schedulers', async () => {
    const { engine, store, clock } = setup();
    const opened = await Promise.all(
      Array.from({ length: 6 }, (_, i) => engine.open({ actor: agent, idempotencyKey: `k${i}`, caseType: missedBin.name, channel: 'web', data: binData })),
    );
    const resolvedId = opened[0]?.caseId as string;
    // A resolved case's timers are cancelled in the resolving commit.
    await engine.resolve({ actor: agent, idempotencyKey: 'r', caseId: resolvedId });
    clock.set('2026-12-01T09:00:00.000Z');
    const a = createScheduler({ engine, workerId: 'a', batchSize: 2 });
    const b = createScheduler({ engine, workerId: 'b', batchSize: 2 });
    let fired = 0;
    for (;;) {
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      fired += ra.fired + rb.fired;
      if (ra.claimed + rb.claimed === 0) break;
    }
    expect(fired).toBe(5 * 3);
    for (const { caseId } of opened.slice(1)) {
      const types = (await store.listEvents(caseId)).map((e) => e.type);
      expect(types.filter((t) => t === 'sla-warning')).toHaveLength(1);
      expect(types.filter((t) => t === 'sla-breached')).toHaveLength(1);
      expect(types.filter((t) => t === 'escalated')).toHaveLength(1);
    }
    expect((await store.listEvents(resolvedId)).map((e) => e.type)).toEqual(['opened', 'resolved']);
  });

  it('skips a timer whose case has already passed that point', async () => {
    const { engine, store, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.set('2026-11-24T10:00:00.000Z');
    const [warning] = await store.claimDueTimers({ workerId: 'w', now: clock.now().toISOString(), limit: 1, leaseMs: 1000 });
    expect(await engine.fireTimer(warning!, { workerId: 'w' })).toBe('fired');
    // Lease lapsed and someone claims it again: the case already warned, so nothing changes.
    expect(await engine.fireTimer(warning!, { workerId: 'w' })).toBe('skipped');
    expect((await store.listEvents(caseId)).filter((e) => e.type === 'sla-warning')).toHaveLength(1);
  });

  it('skips a timer claimed before a pause and resume moved the clock', async () => {
    const { engine, store, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.set('2026-11-24T09:00:00.000Z');
    const [stale] = await store.claimDueTimers({ workerId: 'slow', now: clock.now().toISOString(), limit: 1, leaseMs: 60_000 });
    await engine.pause({ actor: agent, idempotencyKey: 'p', caseId });
    clock.advance({ days: 1 });
    await engine.resume({ actor: agent, idempotencyKey: 'r', caseId });
    expect(await engine.fireTimer(stale!, { workerId: 'slow' })).toBe('skipped');
    expect((await store.getCase(caseId))?.sla?.warnedAt).toBeUndefined();
    expect(await store.listTimers({ caseId, statuses: ['pending'] })).toHaveLength(3);
  });

  it('runs in the background until stopped', async () => {
    const { engine, clock } = setup();
    await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.set('2026-11-24T10:00:00.000Z');
    const errors: unknown[] = [];
    const scheduler = createScheduler({ engine, workerId: 'bg', intervalMs: 5, onError: (e) => errors.push(e) });
    scheduler.start();
    // stop() waits for the tick that start() began.
    await scheduler.stop();
    expect(errors).toEqual([]);
    expect((await engine.workQueue({ actor: agent, team: 'contact-centre' }))[0]?.case.sla?.warnedAt).toBeDefined();
  });

  it('refuses bad options', () => {
    const { engine } = setup();
    expect(() => createScheduler({ engine, workerId: '' })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
  });
});
