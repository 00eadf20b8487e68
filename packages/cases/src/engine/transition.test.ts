import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar/calendar.js';
import type { CaseRecord } from '../records.js';
import { sampleCaseRecord } from '../testing/fixtures.js';
import { CaseError } from './errors.js';
import { agent, binData, missedBin, setup } from './test-support.js';
import { applyTransition } from './transition.js';
import type { MoveContext } from './transition.js';

const calendar = createWorkingDayCalendar();

function ctx(now = '2026-11-23T10:00:00.000Z'): MoveContext<Record<string, unknown>> {
  let n = 0;
  return { caseType: missedBin as never, calendar, actor: agent, now, newId: () => `m-${(n += 1)}` };
}

const record = (overrides: Partial<CaseRecord> = {}) =>
  sampleCaseRecord({
    id: 'c1',
    caseType: missedBin.name,
    data: { ...binData },
    sla: { startedAt: '2026-11-23T09:00:00.000Z', warningAt: '2026-11-24T09:00:00.000Z', breachAt: '2026-11-25T09:00:00.000Z', pausedWorkingMs: 0, pausedWorkingDays: 0 },
    ...overrides,
  });

describe('applyTransition (pure, no I/O)', () => {
  it('returns the next record, event and outbox without touching the input', () => {
    const before = record();
    const frozen = JSON.stringify(before);
    const draft = applyTransition(ctx(), before, 'refer', { note: 'x' });
    expect(JSON.stringify(before)).toBe(frozen);
    expect(draft.record).toMatchObject({ state: 'referred', team: 'waste', queue: 'missed', data: { referredAt: '2026-11-23T10:00:00.000Z' } });
    expect(draft.event).toMatchObject({ type: 'transitioned', from: 'received', to: 'referred', payload: { transition: 'refer', payload: { note: 'x' } } });
    expect(draft.outbox).toMatchObject([{ id: 'm-1', destination: 'waste', idempotencyKey: 'c1:2:tellCrew' }]);
    expect(draft.cancelTimers).toBeUndefined();
  });

  it('pauses on entering a pausing state and cancels timers', () => {
    const draft = applyTransition(ctx(), record(), 'ask-resident', {});
    expect(draft.record.sla?.pausedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(draft.cancelTimers).toEqual({});
  });

  it('resolving stamps the resolution and cancels timers', () => {
    const draft = applyTransition(ctx(), record(), 'resolve-on-call', {});
    expect(draft.event.type).toBe('resolved');
    expect(draft.record).toMatchObject({ status: 'resolved', resolvedAtFirstContact: true, slaMet: true, resolvedAt: '2026-11-23T10:00:00.000Z' });
    expect(draft.cancelTimers).toEqual({});
  });

  it('resolving a case without an SLA clock cancels nothing: no timer was ever planned for it', () => {
    const before = record();
    delete before.sla;
    const draft = applyTransition(ctx(), before, 'resolve-on-call', {});
    expect(draft.record).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-23T10:00:00.000Z' });
    expect(draft.cancelTimers).toBeUndefined();
  });

  it('throws typed errors for unknown or disallowed moves', () => {
    expect(() => applyTransition(ctx(), record(), 'nope', {})).toThrow(CaseError);
    expect(() => applyTransition(ctx(), record({ state: 'closed' }), 'refer', {})).toThrow(expect.objectContaining({ reason: 'transition-not-allowed' }));
  });
});

describe('engine invariants under random command sequences', () => {
  const commands = fc.array(
    fc.record({
      kind: fc.constantFrom('refer', 'resolve-on-call', 'collected', 'close', 'withdraw', 'ask-resident', 'resident-replied', 'note', 'pause', 'resume', 'reopen', 'claim'),
      repeat: fc.boolean(),
      hours: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it('keeps version = history length, contiguous sequences, one outbox message per referral, and status matching the state', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (steps) => {
        const { engine, store, clock } = setup();
        const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'open', caseType: missedBin.name, channel: 'phone', data: binData });
        let referrals = 0;
        for (const [i, step] of steps.entries()) {
          clock.advance({ hours: step.hours });
          const key = `k${i}`;
          const run = () => {
            switch (step.kind) {
              case 'note':
                return engine.addNote({ actor: agent, idempotencyKey: key, caseId, text: `note ${i}` });
              case 'pause':
                return engine.pause({ actor: agent, idempotencyKey: key, caseId });
              case 'resume':
                return engine.resume({ actor: agent, idempotencyKey: key, caseId });
              case 'reopen':
                return engine.reopen({ actor: agent, idempotencyKey: key, caseId, reason: 'again' });
              case 'claim':
                return engine.claim({ actor: agent, idempotencyKey: key, caseId });
              default:
                return engine.transition({ actor: agent, idempotencyKey: key, caseId, transition: step.kind });
            }
          };
          try {
            const result = await run();
            if (step.kind === 'refer' && !result.replayed) referrals += 1;
            if (step.repeat) expect((await run()).replayed).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(CaseError);
          }
        }
        const final = (await store.getCase(caseId)) as CaseRecord;
        const history = await store.listEvents(caseId);
        expect(final.version).toBe(history.length);
        expect(history.map((e) => e.sequence)).toEqual(history.map((_, i) => i + 1));
        expect(await store.listOutbox({ caseId })).toHaveLength(referrals);
        const state = missedBin.states[final.state];
        expect(final.status).toBe(state?.terminal ? 'closed' : state?.resolved ? 'resolved' : 'open');
        const live = await store.listTimers({ caseId, statuses: ['pending'] });
        if (final.status !== 'open' || final.sla?.pausedAt !== undefined) expect(live).toEqual([]);
        else expect(live.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
