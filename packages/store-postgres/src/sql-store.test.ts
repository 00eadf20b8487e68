import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '@councilkit/cases';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { StoreError } from './errors.js';
import { at, caseRecord, event, message, openCommit, T0, timer, transitionCommit } from './fixtures.js';
import { createPGliteStore } from './pglite-store.js';
import { createPostgresStore } from './postgres-store.js';
import type { SqlCaseStore } from './sql-store.js';
import { dropSchema, randomSchema, serverUrl, testPool } from './test-support.js';

async function conflictOf(promise: Promise<unknown>): Promise<ConflictError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConflictError) return error;
    throw error;
  }
  throw new Error('expected a ConflictError');
}

type Open = () => Promise<SqlCaseStore>;

// One embedded database per file (starting PGlite takes a second or more on a
// busy machine); each test still gets its own schema.
let lite: PGlite | undefined;
beforeAll(async () => {
  lite = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await lite?.close();
});

const backends: Array<{ name: string; skip: boolean; open: Open; cleanup: () => Promise<void> }> = [];
{
  backends.push({ name: 'PGlite', skip: false, open: () => createPGliteStore({ db: lite!, schema: randomSchema() }), cleanup: async () => {} });
  const schemas: string[] = [];
  const pools: Array<ReturnType<typeof testPool>> = [];
  backends.push({
    name: 'PostgreSQL server',
    skip: !serverUrl,
    open: () => {
      const schema = randomSchema();
      schemas.push(schema);
      const pool = testPool(4);
      pools.push(pool);
      return createPostgresStore({ pool, schema });
    },
    cleanup: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      for (const schema of schemas) await dropSchema(schema);
    },
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`SQL store on ${backend.name}`, () => {
    afterAll(backend.cleanup);

    it('keeps a case, its events, idempotency record, timers and outbox from one commit', async () => {
      const store = await backend.open();
      const commit = openCommit('c1', {
        // The engine's fingerprints separate the command name with NUL, which PostgreSQL text refuses.
        idempotency: { key: 'k1', fingerprint: 'open\u0000{"data":{"bins":["green"]},"note":"Llŷr ✓"}', caseId: 'c1', outcome: { caseId: 'c1' }, createdAt: T0 },
        scheduleTimers: [timer('c1', 't1', at(60))],
        outbox: [message('c1', 'm1')],
      });
      await store.commit(commit);
      expect(await store.getCase('c1')).toStrictEqual(commit.case);
      expect(await store.listEvents('c1')).toStrictEqual(commit.events);
      expect(await store.getIdempotency('k1')).toStrictEqual(commit.idempotency);
      expect(await store.listTimers({ caseId: 'c1' })).toStrictEqual([timer('c1', 't1', at(60))]);
      expect(await store.getOutboxMessage('m1')).toStrictEqual(message('c1', 'm1'));
      await store.close();
    });

    it('refuses a stale version with ConflictError and keeps nothing from the refused commit', async () => {
      const store = await backend.open();
      await store.commit(openCommit('c2'));
      const current = (await store.getCase('c2'))!;
      await store.commit(transitionCommit(current, 'referred'));
      const stale = transitionCommit(current, 'closed', { outbox: [message('c2', 'm-stale')], scheduleTimers: [timer('c2', 't-stale', at(5))] });
      const conflict = await conflictOf(store.commit(stale));
      expect(conflict).toMatchObject({ reason: 'version-conflict', caseId: 'c2', expectedVersion: 1, actualVersion: 2 });
      expect((await store.getCase('c2'))?.state).toBe('referred');
      expect((await store.listEvents('c2')).map((e) => e.sequence)).toEqual([1, 2]);
      expect(await store.listOutbox({ caseId: 'c2' })).toEqual([]);
      expect(await store.listTimers({ caseId: 'c2' })).toEqual([]);
      await store.close();
    });

    it('refuses a second open of the same id, and a reused idempotency key, atomically', async () => {
      const store = await backend.open();
      await store.commit(openCommit('c3', { idempotency: { key: 'same', fingerprint: 'f', caseId: 'c3', outcome: {}, createdAt: T0 } }));
      expect(await conflictOf(store.commit(openCommit('c3')))).toMatchObject({ reason: 'case-exists', actualVersion: 1 });

      const current = (await store.getCase('c3'))!;
      const reused = transitionCommit(current, 'referred', {
        idempotency: { key: 'same', fingerprint: 'g', caseId: 'c3', outcome: {}, createdAt: T0 },
        outbox: [message('c3', 'm-reused')],
      });
      expect(await conflictOf(store.commit(reused))).toMatchObject({ reason: 'idempotency-key-taken' });
      expect(await store.getCase('c3')).toStrictEqual(current);
      expect(await store.listEvents('c3')).toHaveLength(1);
      expect(await store.getOutboxMessage('m-reused')).toBeUndefined();
      await store.close();
    });

    it('refuses a commit that breaks the port rules with a typed StoreError', async () => {
      const store = await backend.open();
      await expect(store.commit({ ...openCommit('c4'), case: caseRecord('c4', { version: 3 }) })).rejects.toMatchObject({
        name: 'StoreError',
        reason: 'invalid-commit',
      });
      await expect(store.commit(openCommit('c4', { outbox: [message('other', 'm')] }))).rejects.toBeInstanceOf(StoreError);
      expect(await store.getCase('c4')).toBeUndefined();
      await store.close();
    });

    it('stores SQL-looking text verbatim everywhere', async () => {
      const store = await backend.open();
      const nasty = [
        "'; DROP TABLE cases; --",
        'Robert"); DELETE FROM case_events; --',
        '$1 $$ $fn$ \\x00 %s %% ? :name',
        "O'Brien – Llŷr ✓ 🏠",
      ];
      const data = { address: nasty[0], notes: nasty, nested: { [nasty[1]!]: nasty[2] } };
      const commit = openCommit("c5'; --", {
        case: caseRecord("c5'; --", { data, state: nasty[3]!, citizenId: nasty[1]! }),
        events: [event("c5'; --", 1, { payload: { note: nasty[2] } })],
      });
      await store.commit(commit);
      expect(await store.getCase("c5'; --")).toStrictEqual(commit.case);
      expect(await store.listEvents("c5'; --")).toStrictEqual(commit.events);
      expect(await store.findCases({ citizenId: nasty[1]! })).toHaveLength(1);
      expect(await store.findCases({ states: [nasty[0]!] })).toHaveLength(0);
      await store.setCursor(nasty[0]!, nasty[1]!);
      expect(await store.getCursor(nasty[0]!)).toBe(nasty[1]);
      expect(await store.findCases({})).toHaveLength(1);
      await store.close();
    });

    it('keeps the row equal to the last commit when two stores take turns on one case', async () => {
      const first = await backend.open();
      // A second store on the same schema stands in for a second process.
      const otherPool = first.kind === 'pglite' ? undefined : testPool(2);
      const second = otherPool
        ? await createPostgresStore({ pool: otherPool, schema: first.schema })
        : await createPGliteStore({ db: lite!, schema: first.schema });
      await first.commit(openCommit('turns', { case: caseRecord('turns', { data: { a: 1, b: [1, 2] }, assignee: 'agent-1' }) }));
      let current = (await first.getCase('turns'))!;
      const steps: Array<[SqlCaseStore, Partial<typeof current>]> = [
        [first, { state: 'referred' }],
        [first, { data: { a: 2, b: [1, 2] }, assignee: undefined }],
        [second, { team: 'revenues', sla: undefined }],
        [first, { state: 'received', data: { a: 1, b: [1, 2] } }],
        [first, { assignee: 'agent-2', externalReferences: [{ system: 'waste', reference: 'J-1', recordedAt: T0 }] }],
        [second, { status: 'resolved', resolvedAt: at(9) }],
        [first, { status: 'open', resolvedAt: undefined, reopenCount: 1 }],
      ];
      for (const [store, change] of steps) {
        const next = { ...current, ...change, version: current.version + 1, updatedAt: at(current.version + 1) };
        for (const key of Object.keys(change) as Array<keyof typeof change>) if (change[key] === undefined) delete next[key];
        await store.commit({ case: next, expectedVersion: current.version, events: [event('turns', next.version)] });
        expect(await first.getCase('turns')).toStrictEqual(next);
        expect(await second.getCase('turns')).toStrictEqual(next);
        current = next;
      }
      await second.close();
      await otherPool?.end();
      await first.close();
    });

    it('refuses text PostgreSQL cannot hold with a typed error and keeps nothing', async () => {
      const store = await backend.open();
      const commit = openCommit('nul', { case: caseRecord('nul', { data: { note: 'before\u0000after' } }) });
      await expect(store.commit(commit)).rejects.toMatchObject({ name: 'StoreError', reason: 'invalid-commit' });
      expect(await store.getCase('nul')).toBeUndefined();
      await store.close();
    });

    it('keeps the audit trail append-only in the database itself', async () => {
      const store = await backend.open();
      await store.commit(openCommit('c6'));
      const q = `"${store.schema}".case_events`;
      await expect(store.driver.query(`UPDATE ${q} SET type = 'closed'`)).rejects.toThrow(/append-only/);
      await expect(store.driver.query(`DELETE FROM ${q}`)).rejects.toThrow(/append-only/);
      await expect(store.driver.query(`TRUNCATE ${q}`)).rejects.toThrow(/append-only/);
      expect(await store.listEvents('c6')).toHaveLength(1);
      await store.close();
    });

    it('lets exactly one of several racing writers move a case', async () => {
      const store = await backend.open();
      await store.commit(openCommit('c7'));
      const current = (await store.getCase('c7'))!;
      const results = await Promise.allSettled(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((to) => store.commit(transitionCommit(current, to))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.every((r) => r.reason instanceof ConflictError && r.reason.reason === 'version-conflict')).toBe(true);
      expect(await store.listEvents('c7')).toHaveLength(2);
      await store.close();
    });

    it('never hands one timer or message to two concurrent claimers', async () => {
      const store = await backend.open();
      await store.commit(
        openCommit('c8', {
          scheduleTimers: Array.from({ length: 20 }, (_, i) => timer('c8', `t${String(i).padStart(2, '0')}`, at(i))),
          outbox: Array.from({ length: 20 }, (_, i) => message('c8', `m${String(i).padStart(2, '0')}`, { createdAt: at(i) })),
        }),
      );
      const now = at(100);
      const timerClaims = await Promise.all(
        ['w1', 'w2', 'w3', 'w4'].map((workerId) => store.claimDueTimers({ workerId, now, limit: 7, leaseMs: 60_000 })),
      );
      const timerIds = timerClaims.flat().map((t) => t.id);
      expect(new Set(timerIds).size).toBe(timerIds.length);
      expect(timerIds.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`));
      const messageClaims = await Promise.all(
        ['w1', 'w2', 'w3'].map((workerId) => store.claimOutbox({ workerId, now, limit: 8, leaseMs: 60_000 })),
      );
      const messageIds = messageClaims.flat().map((m) => m.id);
      expect(new Set(messageIds).size).toBe(20);
      for (const claim of messageClaims) {
        expect(claim.map((m) => m.createdAt)).toEqual([...claim.map((m) => m.createdAt)].sort());
        expect(claim.every((m) => m.attempts === 1)).toBe(true);
      }
      // A live lease keeps items away from everyone; a lapsed one frees them.
      expect(await store.claimDueTimers({ workerId: 'w5', now, limit: 50, leaseMs: 1000 })).toEqual([]);
      expect(await store.claimDueTimers({ workerId: 'w5', now: at(102), limit: 50, leaseMs: 1000 })).toHaveLength(20);
      await store.close();
    });

    it('fires, delivers, fails and parks only for the worker holding the lease', async () => {
      const store = await backend.open();
      await store.commit(openCommit('c9', { scheduleTimers: [timer('c9', 't1', at(1))], outbox: [message('c9', 'm1'), message('c9', 'm2', { createdAt: at(1) })] }));
      const [claimed] = await store.claimDueTimers({ workerId: 'w1', now: at(2), limit: 1, leaseMs: 1000 });
      expect(claimed).toMatchObject({ id: 't1', status: 'claimed', leaseOwner: 'w1', leaseExpiresAt: new Date(Date.parse(at(2)) + 1000).toISOString() });
      expect(await store.completeTimer({ id: 't1', workerId: 'w2', firedAt: at(2), latenessMs: 60_000 })).toBe(false);
      expect(await store.completeTimer({ id: 't1', workerId: 'w1', firedAt: at(2), latenessMs: 60_000 })).toBe(true);
      expect((await store.listTimers({ statuses: ['fired'] }))[0]).toStrictEqual(
        timer('c9', 't1', at(1), { status: 'fired', firedAt: at(2), latenessMs: 60_000 }),
      );

      const [m1, m2] = await store.claimOutbox({ workerId: 'd1', now: at(2), limit: 5, leaseMs: 1000 });
      expect(await store.markDelivered({ id: m1!.id, workerId: 'd2', at: at(3) })).toBe(false);
      expect(await store.markDelivered({ id: m1!.id, workerId: 'd1', at: at(3), result: { job: 'JOB-1' } })).toBe(true);
      expect(await store.getOutboxMessage('m1')).toMatchObject({ status: 'delivered', deliveredAt: at(3), result: { job: 'JOB-1' } });
      expect(await store.markFailed({ id: m2!.id, workerId: 'd1', error: 'HTTP 503', nextAttemptAt: at(10) })).toBe(true);
      expect(await store.claimOutbox({ workerId: 'd1', now: at(5), limit: 5, leaseMs: 1000 })).toEqual([]);
      const [again] = await store.claimOutbox({ workerId: 'd2', now: at(10), limit: 5, leaseMs: 1000 });
      expect(again).toMatchObject({ id: 'm2', attempts: 2, lastError: 'HTTP 503' });
      expect(await store.markIncident({ id: 'm2', workerId: 'd2', reason: 'rejected: bad UPRN', at: at(11) })).toBe(true);
      expect((await store.listIncidents()).map((m) => m.id)).toEqual(['m2']);
      expect(await store.retryIncident({ id: 'm1', nextAttemptAt: at(12) })).toBe(false);
      expect(await store.retryIncident({ id: 'm2', nextAttemptAt: at(12) })).toBe(true);
      expect(await store.listIncidents()).toEqual([]);
      expect(await store.listOutbox({ statuses: ['pending'] })).toMatchObject([{ id: 'm2', nextAttemptAt: at(12) }]);
      await store.close();
    });

    it('answers case queries in opened order with paging', async () => {
      const store = await backend.open();
      await store.commit(openCommit('q1', { case: caseRecord('q1', { openedAt: at(3), citizenId: 'cit-1' }) }));
      await store.commit(openCommit('q2', { case: caseRecord('q2', { openedAt: at(1), externalReferences: [{ system: 'waste', reference: 'JOB-9', recordedAt: T0 }] }) }));
      await store.commit(
        openCommit('q3', {
          case: caseRecord('q3', { openedAt: at(2), status: 'resolved', resolvedAt: at(4), team: 'revenues', sla: { startedAt: T0, breachAt: at(5), pausedAt: at(4), pausedWorkingMs: 0 } }),
        }),
      );
      expect((await store.findCases({})).map((c) => c.id)).toEqual(['q2', 'q3', 'q1']);
      expect((await store.findCases({ offset: 1, limit: 1 })).map((c) => c.id)).toEqual(['q3']);
      expect((await store.findCases({ team: 'waste', statuses: ['open'] })).map((c) => c.id)).toEqual(['q2', 'q1']);
      expect((await store.findCases({ citizenId: 'cit-1' })).map((c) => c.id)).toEqual(['q1']);
      expect((await store.findCases({ externalReference: { system: 'waste', reference: 'JOB-9' } })).map((c) => c.id)).toEqual(['q2']);
      expect((await store.findCases({ breachAtOrBefore: at(60 * 48) })).map((c) => c.id)).toEqual(['q2', 'q1']);
      expect((await store.findCases({ resolvedFrom: at(4), resolvedBefore: at(5) })).map((c) => c.id)).toEqual(['q3']);
      expect((await store.findCases({ openedFrom: at(2), openedBefore: at(3) })).map((c) => c.id)).toEqual(['q3']);
      await store.close();
    });
  });
}

describe('PGlite data directory', { timeout: 60_000 }, () => {
  it('keeps cases across close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-pglite-'));
    try {
      const first = await createPGliteStore({ dataDir: dir });
      await first.commit(openCommit('kept', { outbox: [message('kept', 'm1')] }));
      await first.setCursor('waste.status', '2026-01-05T09:00:00.000Z');
      await first.close();

      const second = await createStore({ dataDir: dir, databaseUrl: undefined });
      expect(second.kind).toBe('pglite');
      expect(second.migration.applied).toEqual([]);
      expect(await second.getCase('kept')).toStrictEqual(caseRecord('kept'));
      expect(await second.getOutboxMessage('m1')).toStrictEqual(message('kept', 'm1'));
      expect(await second.getCursor('waste.status')).toBe('2026-01-05T09:00:00.000Z');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets one store at a time open a data directory, and takes over a lock left by a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-pglite-lock-'));
    const data = join(dir, 'cases');
    try {
      const first = await createPGliteStore({ dataDir: data });
      await expect(createPGliteStore({ dataDir: data })).rejects.toMatchObject({ name: 'StoreError', reason: 'data-dir-in-use' });
      await first.commit(openCommit('locked'));
      await first.close();
      expect(existsSync(`${data}.lock`)).toBe(false);

      // A crash leaves the lock behind with a process id that no longer runs.
      writeFileSync(`${data}.lock`, '2147483646');
      const second = await createPGliteStore({ dataDir: data });
      expect((await second.getCase('locked'))?.version).toBe(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses contradictory options', async () => {
    await expect(createPGliteStore({ dataDir: '  ' })).rejects.toMatchObject({ reason: 'invalid-options' });
    await expect(createPGliteStore({ schema: 'Not Valid' })).rejects.toMatchObject({ reason: 'invalid-options' });
    await expect(createPostgresStore({})).rejects.toMatchObject({ reason: 'invalid-options' });
  });
});
