import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseRecord, OutboxMessage, TimerRecord } from '../records.js';
import { ConflictError, ERASED_MARKERS } from '../store-port.js';
import type { CaseCommit, CaseStore } from '../store-port.js';
import { sampleCaseRecord } from './fixtures.js';

/**
 * Options for {@link defineStoreContractTests}.
 *
 * @example
 * ```ts
 * const options: StoreContractOptions = { name: 'postgres', createStore: () => createStore(), skip: !process.env.TEST_DATABASE_URL };
 * ```
 */
export interface StoreContractOptions {
  /** Shown in the test names, e.g. `memory` or `postgres`. */
  name: string;
  /** Called once per test; must return an empty store. */
  createStore: () => CaseStore | Promise<CaseStore>;
  /** Called after each test with the store it used (close pools, drop schemas). Default: nothing. */
  disposeStore?: (store: CaseStore) => void | Promise<void>;
  /** Skip the whole suite (e.g. no database configured). Default `false`. */
  skip?: boolean;
}

const T0 = '2026-11-23T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function event(caseId: string, version: number, overrides: Partial<CaseEvent> = {}): CaseEvent {
  return {
    id: `${caseId}-ev-${version}`,
    caseId,
    sequence: version,
    caseVersion: version,
    type: version === 1 ? 'opened' : 'note-added',
    actorId: 'agent-1',
    actorTeams: ['contact-centre'],
    at: at(version),
    payload: { n: version },
    ...overrides,
  };
}

function timer(id: string, caseId: string, dueMinutes: number, overrides: Partial<TimerRecord> = {}): TimerRecord {
  return { id, caseId, kind: 'sla-breach', dueAt: at(dueMinutes), status: 'pending', createdAt: T0, ...overrides };
}

function message(id: string, caseId: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id,
    caseId,
    caseType: 'test.case',
    destination: 'waste',
    operation: 'reportMissedCollection',
    payload: { uprn: '100023336956' },
    idempotencyKey: `${caseId}:${id}`,
    createdAt: T0,
    attempts: 0,
    status: 'pending',
    nextAttemptAt: T0,
    ...overrides,
  };
}

function create(record: CaseRecord, extra: Partial<CaseCommit> = {}): CaseCommit {
  return { case: record, expectedVersion: 0, events: [event(record.id, 1)], ...extra };
}

async function bump(store: CaseStore, caseId: string, extra: Partial<CaseCommit> = {}): Promise<CaseRecord> {
  const current = await store.getCase(caseId);
  if (!current) throw new Error(`contract test setup: no case ${caseId}`);
  const next = { ...current, version: current.version + 1, updatedAt: at(current.version + 1) };
  await store.commit({ case: next, expectedVersion: current.version, events: [event(caseId, next.version)], ...extra });
  return next;
}

/**
 * The storage port contract. Every {@link CaseStore} runs it: the in-memory
 * store here, PGlite and PostgreSQL in `@councilkit/store-postgres`, and any
 * store a council writes. Uses Vitest's `describe`/`it`/`expect`, so call it at
 * the top level of a `*.test.ts` file.
 *
 * Covers commits and atomicity, version conflicts (16 concurrent writers, no
 * lost update, every conflict reported as a `ConflictError`), idempotency,
 * queries, timers claimed once across concurrent claimers and leases, outbox
 * claim/lease/deliver/fail/incident/retry, access-denied audit, cursors, and
 * erasure (`pseudonymiseCase`: what it rewrites and empties, version checks,
 * and refusing a rewrite that changes what happened).
 *
 * @example
 * ```ts
 * // my-store.test.ts
 * import { defineStoreContractTests } from '@councilkit/cases/testing';
 * import { createMyStore } from './my-store.js';
 *
 * defineStoreContractTests({ name: 'my store', createStore: () => createMyStore({ schema: `t_${Date.now()}` }) });
 * ```
 */
export function defineStoreContractTests(options: StoreContractOptions): void {
  const withStore = (fn: (store: CaseStore) => Promise<void>) => async () => {
    const store = await options.createStore();
    try {
      await fn(store);
    } finally {
      await options.disposeStore?.(store);
    }
  };

  describe.skipIf(options.skip === true)(`CaseStore contract: ${options.name}`, () => {
    describe('commits', () => {
      it(
        'creates a case with its events and returns copies',
        withStore(async (store) => {
          const record = sampleCaseRecord({ id: 'c1', citizenId: 'cit-1', sla: { startedAt: T0, breachAt: at(60), pausedWorkingMs: 0 } });
          await store.commit(create(record));
          const found = await store.getCase('c1');
          expect(found).toEqual(record);
          (found as CaseRecord).state = 'changed';
          (found as CaseRecord).data.subject = 'changed';
          expect((await store.getCase('c1'))?.state).toBe('received');
          expect((await store.getCase('c1'))?.data.subject).toBe('test');
          expect(await store.getCase('missing')).toBeUndefined();
          expect(await store.listEvents('c1')).toEqual([event('c1', 1)]);
          expect(await store.listEvents('missing')).toEqual([]);
        }),
      );

      it(
        'appends events in sequence order across commits',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' })));
          await bump(store, 'c1');
          await bump(store, 'c1');
          const history = await store.listEvents('c1');
          expect(history.map((e) => e.sequence)).toEqual([1, 2, 3]);
          expect((await store.getCase('c1'))?.version).toBe(3);
        }),
      );

      it(
        'refuses a stale version and keeps nothing from the refused commit',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' })));
          await bump(store, 'c1');
          const stale = { ...sampleCaseRecord({ id: 'c1' }), version: 2, state: 'stale' };
          const attempt = store.commit({
            case: stale,
            expectedVersion: 1,
            events: [event('c1', 2, { id: 'stale-event' })],
            idempotency: { key: 'stale-key', fingerprint: 'f', caseId: 'c1', outcome: {}, createdAt: T0 },
            scheduleTimers: [timer('stale-timer', 'c1', 0)],
            outbox: [message('stale-message', 'c1')],
          });
          await expect(attempt).rejects.toBeInstanceOf(ConflictError);
          await expect(attempt).rejects.toMatchObject({ reason: 'version-conflict', caseId: 'c1', expectedVersion: 1, actualVersion: 2 });
          expect((await store.getCase('c1'))?.state).toBe('received');
          expect((await store.listEvents('c1')).map((e) => e.id)).not.toContain('stale-event');
          expect(await store.getIdempotency('stale-key')).toBeUndefined();
          expect(await store.listTimers({ caseId: 'c1' })).toEqual([]);
          expect(await store.listOutbox({ caseId: 'c1' })).toEqual([]);
        }),
      );

      it(
        'refuses to create a case that exists, and to update one that does not',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' })));
          await expect(store.commit(create(sampleCaseRecord({ id: 'c1' })))).rejects.toMatchObject({ name: 'ConflictError', reason: 'case-exists' });
          const ghost = { ...sampleCaseRecord({ id: 'ghost' }), version: 2 };
          await expect(store.commit({ case: ghost, expectedVersion: 1, events: [] })).rejects.toMatchObject({ reason: 'version-conflict', actualVersion: 0 });
          expect(await store.getCase('ghost')).toBeUndefined();
        }),
      );

      it(
        'keeps every update under 16 concurrent writers and reports every conflict',
        withStore(async (store) => {
          const caseIds = ['w1', 'w2', 'w3'];
          for (const id of caseIds) await store.commit(create(sampleCaseRecord({ id, data: { count: 0 } })));
          let successes = 0;
          let conflicts = 0;
          const perCase = new Map<string, number>(caseIds.map((id) => [id, 0]));
          const writer = async (w: number) => {
            for (let round = 0; round < 6; round += 1) {
              const caseId = caseIds[(w + round) % caseIds.length] as string;
              const current = await store.getCase(caseId);
              if (!current) throw new Error('missing case');
              const next = { ...current, version: current.version + 1, data: { count: (current.data.count as number) + 1 } };
              try {
                await store.commit({ case: next, expectedVersion: current.version, events: [event(caseId, next.version, { id: `${caseId}-${w}-${round}` })] });
                successes += 1;
                perCase.set(caseId, (perCase.get(caseId) ?? 0) + 1);
              } catch (error) {
                expect(error).toBeInstanceOf(ConflictError);
                expect((error as ConflictError).reason).toBe('version-conflict');
                conflicts += 1;
              }
            }
          };
          await Promise.all(Array.from({ length: 16 }, (_, w) => writer(w)));
          expect(successes + conflicts).toBe(16 * 6);
          for (const id of caseIds) {
            const final = await store.getCase(id);
            const wins = perCase.get(id) ?? 0;
            expect(final?.data.count).toBe(wins);
            expect(final?.version).toBe(1 + wins);
            const history = await store.listEvents(id);
            expect(history.map((e) => e.sequence)).toEqual(Array.from({ length: 1 + wins }, (_, i) => i + 1));
          }
        }),
      );
    });

    describe('idempotency', () => {
      it(
        'keeps the record with the commit and refuses a second commit with the key',
        withStore(async (store) => {
          const record = { key: 'k1', fingerprint: 'abc', caseId: 'c1', outcome: { version: 1, state: 'received' }, createdAt: T0 };
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { idempotency: record }));
          expect(await store.getIdempotency('k1')).toEqual(record);
          expect(await store.getIdempotency('k2')).toBeUndefined();
          const current = (await store.getCase('c1')) as CaseRecord;
          const again = store.commit({
            case: { ...current, version: 2 },
            expectedVersion: 1,
            events: [event('c1', 2)],
            idempotency: { ...record, fingerprint: 'other' },
          });
          await expect(again).rejects.toMatchObject({ name: 'ConflictError', reason: 'idempotency-key-taken' });
          expect((await store.getCase('c1'))?.version).toBe(1);
          expect((await store.getIdempotency('k1'))?.fingerprint).toBe('abc');
        }),
      );
      it(
        'lets exactly one of two racing commits keep a reused key, and keeps the first outcome',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'r1' })));
          await store.commit(create(sampleCaseRecord({ id: 'r2' })));
          const attempt = async (caseId: string) => {
            const current = (await store.getCase(caseId)) as CaseRecord;
            return store.commit({
              case: { ...current, version: 2 },
              expectedVersion: 1,
              events: [event(caseId, 2)],
              idempotency: { key: 'shared', fingerprint: caseId, caseId, outcome: { version: 2 }, createdAt: T0 },
            });
          };
          const results = await Promise.allSettled([attempt('r1'), attempt('r2')]);
          const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'r1' : 'r2'] : []));
          const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]).toMatchObject({ name: 'ConflictError', reason: 'idempotency-key-taken' });
          const winner = won[0] as string;
          const loser = winner === 'r1' ? 'r2' : 'r1';
          expect(await store.getIdempotency('shared')).toMatchObject({ caseId: winner, fingerprint: winner });
          expect((await store.getCase(winner))?.version).toBe(2);
          expect((await store.getCase(loser))?.version).toBe(1);
          expect(await store.listEvents(loser)).toHaveLength(1);
        }),
      );
    });

    describe('loadForCommand (optional)', () => {
      it('answers exactly as getCase and getIdempotency would, in every combination', async (ctx) => {
        const store = await options.createStore();
        try {
          if (!store.loadForCommand) {
            ctx.skip();
            return;
          }
          const record = { key: 'k1', fingerprint: 'f\u00e9', caseId: 'c1', outcome: { version: 1, state: 'received' }, createdAt: T0 };
          await store.commit(create(sampleCaseRecord({ id: 'c1', citizenId: 'cit-1', sla: { startedAt: T0, breachAt: at(60), pausedWorkingMs: 0 } }), { idempotency: record }));
          for (const [caseId, key] of [['c1', 'k1'], ['c1', 'nope'], ['missing', 'k1'], ['missing', 'nope']] as const) {
            const both = await store.loadForCommand({ caseId, idempotencyKey: key });
            expect(both).toEqual({ case: await store.getCase(caseId), idempotency: await store.getIdempotency(key) });
          }
          const both = await store.loadForCommand({ caseId: 'c1', idempotencyKey: 'k1' });
          (both.case as CaseRecord).state = 'changed';
          expect((await store.getCase('c1'))?.state).toBe('received');
        } finally {
          await options.disposeStore?.(store);
        }
      });
    });

    describe('queries', () => {
      it(
        'finds cases by every filter, ordered by openedAt then id, with offset and limit',
        withStore(async (store) => {
          const records = [
            sampleCaseRecord({ id: 'a', openedAt: at(0), citizenId: 'cit-1', channel: 'web', team: 'waste', queue: 'missed', assignee: 'agent-1', sla: { startedAt: at(0), breachAt: at(100), pausedWorkingMs: 0 } }),
            sampleCaseRecord({ id: 'b', openedAt: at(10), citizenId: 'cit-1', caseType: 'other.case', status: 'resolved', state: 'resolved', resolvedAt: at(20), sla: { startedAt: at(10), breachAt: at(50), pausedWorkingMs: 0 } }),
            sampleCaseRecord({ id: 'c', openedAt: at(10), citizenId: 'cit-2', externalReferences: [{ system: 'waste', reference: 'JOB-1', recordedAt: at(11) }], sla: { startedAt: at(10), breachAt: at(30), pausedAt: at(12), pausedWorkingMs: 0 } }),
            sampleCaseRecord({ id: 'd', openedAt: at(30), channel: 'face-to-face', sla: { startedAt: at(30), breachAt: at(40), pausedWorkingMs: 0 } }),
          ];
          for (const record of [...records].reverse()) await store.commit(create(record));
          const ids = async (query: Parameters<CaseStore['findCases']>[0]) => (await store.findCases(query)).map((c) => c.id);
          expect(await ids({})).toEqual(['a', 'b', 'c', 'd']);
          expect(await ids({ citizenId: 'cit-1' })).toEqual(['a', 'b']);
          expect(await ids({ caseType: 'other.case' })).toEqual(['b']);
          expect(await ids({ statuses: ['open'] })).toEqual(['a', 'c', 'd']);
          expect(await ids({ states: ['resolved'] })).toEqual(['b']);
          expect(await ids({ team: 'waste', queue: 'missed' })).toEqual(['a']);
          expect(await ids({ assignee: 'agent-1' })).toEqual(['a']);
          expect(await ids({ channel: 'face-to-face' })).toEqual(['d']);
          expect(await ids({ breachAtOrBefore: at(50) })).toEqual(['b', 'd']);
          expect(await ids({ statuses: ['open'], breachAtOrBefore: at(100) })).toEqual(['a', 'd']);
          expect(await ids({ openedFrom: at(10), openedBefore: at(30) })).toEqual(['b', 'c']);
          expect(await ids({ resolvedFrom: at(20), resolvedBefore: at(21) })).toEqual(['b']);
          expect(await ids({ externalReference: { system: 'waste', reference: 'JOB-1' } })).toEqual(['c']);
          expect(await ids({ externalReference: { system: 'waste', reference: 'JOB-2' } })).toEqual([]);
          expect(await ids({ offset: 1, limit: 2 })).toEqual(['b', 'c']);
        }),
      );

      it(
        'records and lists access-denied audit rows',
        withStore(async (store) => {
          const row = { id: 'r1', at: T0, actorId: 'agent-1', actorTeams: ['contact-centre'], action: 'getCase', caseType: 'social-care.referral', caseId: 'c1', reason: 'Only social-care' };
          await store.recordAccessDenied(row);
          await store.recordAccessDenied({ ...row, id: 'r2', actorId: 'agent-2', at: at(1) });
          expect(await store.listAccessDenied()).toEqual([row, { ...row, id: 'r2', actorId: 'agent-2', at: at(1) }]);
          expect((await store.listAccessDenied({ actorId: 'agent-2' })).map((r) => r.id)).toEqual(['r2']);
          expect((await store.listAccessDenied({ caseId: 'c1', limit: 1 })).map((r) => r.id)).toEqual(['r1']);
        }),
      );
    });

    describe('timers', () => {
      it(
        'claims only due timers, holds them for the lease, and lets them go after it',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { scheduleTimers: [timer('t1', 'c1', 0), timer('t2', 'c1', 5), timer('t3', 'c1', 60)] }));
          const first = await store.claimDueTimers({ workerId: 'w1', now: at(10), limit: 10, leaseMs: 60_000 });
          expect(first.map((t) => t.id)).toEqual(['t1', 't2']);
          expect(first[0]).toMatchObject({ status: 'claimed', leaseOwner: 'w1', leaseExpiresAt: at(11) });
          expect(await store.claimDueTimers({ workerId: 'w2', now: at(10), limit: 10, leaseMs: 60_000 })).toEqual([]);
          const retaken = await store.claimDueTimers({ workerId: 'w2', now: at(12), limit: 1, leaseMs: 60_000 });
          expect(retaken.map((t) => [t.id, t.leaseOwner])).toEqual([['t1', 'w2']]);
          expect(await store.completeTimer({ id: 't1', workerId: 'w1', firedAt: at(12), latenessMs: 720_000 })).toBe(false);
          expect(await store.completeTimer({ id: 't1', workerId: 'w2', firedAt: at(12), latenessMs: 720_000 })).toBe(true);
          const fired = (await store.listTimers({ statuses: ['fired'] }))[0];
          expect(fired).toMatchObject({ id: 't1', firedAt: at(12), latenessMs: 720_000 });
          expect(await store.claimDueTimers({ workerId: 'w3', now: at(13), limit: 10, leaseMs: 60_000 })).toMatchObject([{ id: 't2' }]);
        }),
      );

      it(
        'gives each due timer to exactly one of two concurrent claimers',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { scheduleTimers: Array.from({ length: 30 }, (_, i) => timer(`t${String(i).padStart(2, '0')}`, 'c1', i % 7)) }));
          const claimA: string[] = [];
          const claimB: string[] = [];
          const claimer = async (workerId: string, into: string[]) => {
            for (;;) {
              const got = await store.claimDueTimers({ workerId, now: at(10), limit: 4, leaseMs: 60_000 });
              if (got.length === 0) return;
              into.push(...got.map((t) => t.id));
            }
          };
          await Promise.all([claimer('a', claimA), claimer('b', claimB)]);
          const all = [...claimA, ...claimB].sort();
          expect(all).toHaveLength(30);
          expect(new Set(all).size).toBe(30);
        }),
      );

      it(
        'cancels timers by kind in a commit and completes them inside a commit',
        withStore(async (store) => {
          await store.commit(
            create(sampleCaseRecord({ id: 'c1' }), {
              scheduleTimers: [timer('warn', 'c1', 0, { kind: 'sla-warning' }), timer('breach', 'c1', 0), timer('esc', 'c1', 0, { kind: 'escalation', step: 1 })],
            }),
          );
          await store.commit(create(sampleCaseRecord({ id: 'c2' }), { scheduleTimers: [timer('other', 'c2', 0)] }));
          await bump(store, 'c1', { cancelTimers: { kinds: ['sla-warning'] } });
          expect((await store.listTimers({ statuses: ['cancelled'] })).map((t) => t.id)).toEqual(['warn']);
          const [claimed] = await store.claimDueTimers({ workerId: 'w1', now: at(1), limit: 1, leaseMs: 60_000 });
          expect(claimed?.id).toBeDefined();
          const owner = claimed?.caseId as string;
          await bump(store, owner, { completeTimers: [{ id: claimed?.id as string, workerId: 'w1', firedAt: at(1), latenessMs: 60_000 }] });
          expect((await store.listTimers({ statuses: ['fired'] })).map((t) => t.id)).toEqual([claimed?.id]);
          await bump(store, 'c1', { cancelTimers: {} });
          expect((await store.listTimers({ caseId: 'c1', statuses: ['pending', 'claimed'] }))).toEqual([]);
          expect((await store.listTimers({ caseId: 'c2' })).length).toBe(1);
          expect((await store.listTimers({ caseId: 'c2', statuses: ['cancelled'] }))).toEqual([]);
        }),
      );
    });

    describe('outbox', () => {
      it(
        'writes messages with the commit and leases them to one worker at a time',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { outbox: [message('m1', 'c1'), message('m2', 'c1', { destination: 'revenues', createdAt: at(1) })] }));
          expect(await store.getOutboxMessage('m1')).toMatchObject({ status: 'pending', attempts: 0 });
          const [got] = await store.claimOutbox({ workerId: 'd1', now: at(2), limit: 1, leaseMs: 60_000 });
          expect(got).toMatchObject({ id: 'm1', attempts: 1, leaseOwner: 'd1', leaseExpiresAt: at(3) });
          expect((await store.claimOutbox({ workerId: 'd2', now: at(2), limit: 5, leaseMs: 60_000 })).map((m) => m.id)).toEqual(['m2']);
          expect(await store.claimOutbox({ workerId: 'd3', now: at(2), limit: 5, leaseMs: 60_000 })).toEqual([]);
          // The lease lapses: another worker may take it, and the first loses the right to settle it.
          const [again] = await store.claimOutbox({ workerId: 'd3', now: at(4), limit: 5, leaseMs: 60_000, destinations: ['waste'] });
          expect(again).toMatchObject({ id: 'm1', attempts: 2, leaseOwner: 'd3' });
          expect(await store.markDelivered({ id: 'm1', workerId: 'd1', at: at(4) })).toBe(false);
          expect(await store.markDelivered({ id: 'm1', workerId: 'd3', at: at(4), result: { reference: 'JOB-1' } })).toBe(true);
          expect(await store.getOutboxMessage('m1')).toMatchObject({ status: 'delivered', deliveredAt: at(4), result: { reference: 'JOB-1' } });
          expect(await store.claimOutbox({ workerId: 'd4', now: at(10), limit: 5, leaseMs: 60_000, destinations: ['waste'] })).toEqual([]);
        }),
      );

      it(
        'records failures with a retry time, parks incidents and retries them',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { outbox: [message('m1', 'c1')] }));
          await store.claimOutbox({ workerId: 'd1', now: at(0), limit: 1, leaseMs: 60_000 });
          expect(await store.markFailed({ id: 'm1', workerId: 'd2', error: 'nope', nextAttemptAt: at(5) })).toBe(false);
          expect(await store.markFailed({ id: 'm1', workerId: 'd1', error: 'HTTP 503', nextAttemptAt: at(5) })).toBe(true);
          expect(await store.getOutboxMessage('m1')).toMatchObject({ status: 'pending', lastError: 'HTTP 503', nextAttemptAt: at(5), attempts: 1 });
          expect(await store.claimOutbox({ workerId: 'd1', now: at(4), limit: 1, leaseMs: 60_000 })).toEqual([]);
          const [retry] = await store.claimOutbox({ workerId: 'd1', now: at(5), limit: 1, leaseMs: 60_000 });
          expect(retry).toMatchObject({ id: 'm1', attempts: 2 });
          expect(await store.markIncident({ id: 'm1', workerId: 'd1', reason: '400: UPRN unknown', at: at(6) })).toBe(true);
          expect(await store.listIncidents()).toMatchObject([{ id: 'm1', status: 'incident', incidentReason: '400: UPRN unknown', incidentAt: at(6) }]);
          expect(await store.listIncidents({ destination: 'revenues' })).toEqual([]);
          expect(await store.claimOutbox({ workerId: 'd1', now: at(100), limit: 1, leaseMs: 60_000 })).toEqual([]);
          expect(await store.retryIncident({ id: 'm1', nextAttemptAt: at(7) })).toBe(true);
          expect(await store.retryIncident({ id: 'm1', nextAttemptAt: at(7) })).toBe(false);
          expect(await store.listIncidents()).toEqual([]);
          expect((await store.claimOutbox({ workerId: 'd1', now: at(7), limit: 1, leaseMs: 60_000 })).map((m) => m.attempts)).toEqual([3]);
          expect((await store.listOutbox({ caseId: 'c1', statuses: ['pending'] })).map((m) => m.id)).toEqual(['m1']);
          expect(await store.getOutboxMessage('missing')).toBeUndefined();
        }),
      );

      it(
        'gives each message to exactly one of two concurrent claimers',
        withStore(async (store) => {
          await store.commit(create(sampleCaseRecord({ id: 'c1' }), { outbox: Array.from({ length: 20 }, (_, i) => message(`m${String(i).padStart(2, '0')}`, 'c1', { createdAt: at(i % 5) })) }));
          const seen: string[] = [];
          const claimer = async (workerId: string) => {
            for (;;) {
              const got = await store.claimOutbox({ workerId, now: at(10), limit: 3, leaseMs: 60_000 });
              if (got.length === 0) return;
              seen.push(...got.map((m) => m.id));
            }
          };
          await Promise.all([claimer('a'), claimer('b')]);
          expect(seen).toHaveLength(20);
          expect(new Set(seen).size).toBe(20);
        }),
      );
    });

    describe('pseudonymiseCase (erasure)', () => {
      /** A case with personal data in its row, events, idempotency record and outbox (one delivered, one incident, one pending), and a neighbour. */
      async function personalCase(store: CaseStore): Promise<void> {
        const personal = { name: 'Ada Lovelace', address: '12 Analytical Row' };
        const record = sampleCaseRecord({ id: 'p1', citizenId: 'cit-ada', data: { ...personal }, status: 'closed', state: 'closed' });
        await store.commit(create(record, {
          idempotency: { key: 'p1-open', fingerprint: 'open\n{"name":"Ada Lovelace"}', caseId: 'p1', outcome: { version: 1 }, createdAt: T0 },
          outbox: [message('mp1', 'p1', { payload: personal }), message('mp2', 'p1', { payload: personal, createdAt: at(1) }), message('mp3', 'p1', { payload: personal, createdAt: at(2) })],
          scheduleTimers: [timer('tp1', 'p1', 60)],
        }));
        await bump(store, 'p1');
        const [first, second] = await store.claimOutbox({ workerId: 'w', now: at(5), limit: 2, leaseMs: 60_000 });
        expect(await store.markDelivered({ id: (first as OutboxMessage).id, workerId: 'w', at: at(6), result: { reference: 'JOB-1', contact: 'Ada Lovelace' } })).toBe(true);
        expect(await store.markIncident({ id: (second as OutboxMessage).id, workerId: 'w', reason: 'Unknown resident Ada Lovelace', at: at(6) })).toBe(true);
        await store.commit(create(sampleCaseRecord({ id: 'other', data: { name: 'Grace Hopper' } }), { outbox: [message('mo1', 'other', { payload: { name: 'Grace Hopper' } })] }));
      }

      async function pseudonymised(store: CaseStore, caseId: string) {
        const current = (await store.getCase(caseId)) as CaseRecord;
        const history = await store.listEvents(caseId);
        return {
          current,
          input: {
            case: { ...current, citizenId: 'erased-1', data: {}, version: current.version + 1 },
            events: history.map(({ idempotencyKey: _key, ...rest }) => ({ ...rest, payload: {}, actorId: 'agent-1' })),
            expectedVersion: current.version,
          },
        };
      }

      it(
        'replaces the case and its history, keeps ids, sequences, types and times, and empties what else holds the data',
        withStore(async (store) => {
          await personalCase(store);
          const before = await store.listEvents('p1');
          const { input } = await pseudonymised(store, 'p1');
          await store.pseudonymiseCase({ ...input, events: [...input.events].reverse() });

          expect(await store.getCase('p1')).toEqual(input.case);
          const after = await store.listEvents('p1');
          expect(after.map((e) => [e.id, e.sequence, e.caseVersion, e.type, e.at])).toEqual(before.map((e) => [e.id, e.sequence, e.caseVersion, e.type, e.at]));
          expect(after.every((e) => Object.keys(e.payload).length === 0 && e.idempotencyKey === undefined)).toBe(true);
          expect((await store.getIdempotency('p1-open'))?.fingerprint).toBe(ERASED_MARKERS.fingerprint);
          const messages = await store.listOutbox({ caseId: 'p1' });
          expect(messages.map((m) => [m.id, m.status, m.payload])).toEqual([
            ['mp1', 'delivered', {}],
            ['mp2', 'incident', {}],
            ['mp3', 'incident', {}],
          ]);
          expect(messages[0]?.result).toEqual({});
          expect(messages[1]?.incidentReason).toBe(ERASED_MARKERS.text);
          expect(messages[2]?.incidentReason).toBe(ERASED_MARKERS.incidentReason);
          expect(JSON.stringify([await store.getCase('p1'), after, messages, await store.getIdempotency('p1-open')])).not.toMatch(/Ada|Lovelace|Analytical/);
          // Nothing pending is left to send with an emptied payload.
          expect((await store.claimOutbox({ workerId: 'w2', now: at(100), limit: 10, leaseMs: 1000 })).map((m) => m.id)).toEqual(['mo1']);
          // The neighbour is untouched, timers stay, and the case goes on from its new version.
          expect((await store.getCase('other'))?.data).toEqual({ name: 'Grace Hopper' });
          expect((await store.getOutboxMessage('mo1'))?.payload).toEqual({ name: 'Grace Hopper' });
          expect((await store.listTimers({ caseId: 'p1' })).map((t) => t.id)).toEqual(['tp1']);
          await bump(store, 'p1');
          // Version 3 was the erasure, which writes no event: the gap marks it.
          expect((await store.listEvents('p1')).map((e) => e.sequence)).toEqual([1, 2, 4]);
        }),
      );

      it(
        'refuses a case that moved since it was read, and a writer holding the old copy afterwards, writing nothing',
        withStore(async (store) => {
          await personalCase(store);
          const { current, input } = await pseudonymised(store, 'p1');
          await bump(store, 'p1');
          await expect(store.pseudonymiseCase(input)).rejects.toMatchObject({ name: 'ConflictError', reason: 'version-conflict', actualVersion: current.version + 1 });
          expect((await store.getCase('p1'))?.data).toEqual({ name: 'Ada Lovelace', address: '12 Analytical Row' });
          expect((await store.getOutboxMessage('mp3'))?.payload).toEqual({ name: 'Ada Lovelace', address: '12 Analytical Row' });
          expect((await store.getIdempotency('p1-open'))?.fingerprint).toContain('Ada Lovelace');
          const ghost = sampleCaseRecord({ id: 'ghost', version: 2 });
          await expect(store.pseudonymiseCase({ case: ghost, events: [], expectedVersion: 1 })).rejects.toMatchObject({ reason: 'version-conflict', actualVersion: 0 });

          const fresh = await pseudonymised(store, 'p1');
          await store.pseudonymiseCase(fresh.input);
          // An engine still holding the personal copy cannot write it back.
          const stale = { ...fresh.current, version: fresh.current.version + 1 };
          await expect(store.commit({ case: stale, expectedVersion: fresh.current.version, events: [event('p1', stale.version)] })).rejects.toMatchObject({ reason: 'version-conflict' });
          expect((await store.getCase('p1'))?.data).toEqual({});
        }),
      );

      it(
        'refuses a rewrite that changes what happened or leaves events out, writing nothing',
        withStore(async (store) => {
          await personalCase(store);
          const { input } = await pseudonymised(store, 'p1');
          const [first, ...rest] = input.events as CaseEvent[];
          const attempts = [
            { ...input, events: rest },
            { ...input, events: [{ ...(first as CaseEvent), at: at(99) }, ...rest] },
            { ...input, events: [{ ...(first as CaseEvent), type: 'closed' as const }, ...rest] },
            { ...input, events: [first as CaseEvent, first as CaseEvent] },
            { ...input, case: { ...input.case, version: input.expectedVersion } },
          ];
          for (const attempt of attempts) await expect(store.pseudonymiseCase(attempt)).rejects.toThrow();
          expect((await store.getCase('p1'))?.data).toEqual({ name: 'Ada Lovelace', address: '12 Analytical Row' });
          expect((await store.listEvents('p1'))[0]?.at).toBe(at(1));
          expect((await store.getOutboxMessage('mp3'))?.status).toBe('pending');
        }),
      );
    });

    describe('cursors', () => {
      it(
        'gets and sets named cursors',
        withStore(async (store) => {
          expect(await store.getCursor('waste:status')).toBeUndefined();
          await store.setCursor('waste:status', '2026-11-23T09:00:00Z');
          await store.setCursor('revenues:status', 'page-2');
          await store.setCursor('waste:status', '2026-11-23T10:00:00Z');
          expect(await store.getCursor('waste:status')).toBe('2026-11-23T10:00:00Z');
          expect(await store.getCursor('revenues:status')).toBe('page-2');
        }),
      );
    });
  });
}
