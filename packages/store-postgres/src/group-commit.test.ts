import { ConflictError, type CaseCommit, type CaseRecord } from '@councilkit/cases';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDriver, createPgDriver, type SqlDriver } from './driver.js';
import { StoreError } from './errors.js';
import { at, message, openCommit, T0, timer, transitionCommit } from './fixtures.js';
import { createGroupCommit } from './group-commit.js';
import { createSqlStore, type SqlCaseStore } from './sql-store.js';
import { dropSchema, randomSchema, serverUrl, testPool } from './test-support.js';

/** A controllable statement: resolves or rejects when the test says so. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Long enough for a statement that ended to have been followed by the next one, including after a batch settles. */
const settle = async () => {
  await tick();
  await tick();
};

describe('createGroupCommit', () => {
  function harness(maxBatch = 8, maxInFlight = 1) {
    const calls: Array<{ kind: 'single' | 'batch'; items: string[]; done: ReturnType<typeof deferred<ReadonlyArray<Error | undefined>>> }> = [];
    const submit = createGroupCommit<{ id: string; caseId: string }>({
      single: async (item) => {
        const done = deferred<ReadonlyArray<Error | undefined>>();
        calls.push({ kind: 'single', items: [item.id], done });
        const [error] = await done.promise;
        if (error) throw error;
      },
      batch: (items) => {
        const done = deferred<ReadonlyArray<Error | undefined>>();
        calls.push({ kind: 'batch', items: items.map((item) => item.id), done });
        return done.promise;
      },
      key: (item) => item.caseId,
      maxBatch,
      maxInFlight,
    });
    return { calls, submit };
  }

  it('sends a lone item at once, and queues the rest into one batch while it runs', async () => {
    const { calls, submit } = harness();
    const first = submit({ id: 'a', caseId: 'c1' });
    expect(calls.map((call) => call.items)).toStrictEqual([['a']]);
    const rest = Promise.allSettled(['b', 'c', 'd'].map((id, i) => submit({ id, caseId: `c${i + 2}` })));
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.done.resolve([undefined]);
    await first;
    await tick();
    expect(calls.map((call) => [call.kind, call.items])).toStrictEqual([
      ['single', ['a']],
      ['batch', ['b', 'c', 'd']],
    ]);
    const refused = new Error('refused');
    calls[1]!.done.resolve([undefined, refused, undefined]);
    const settled = await rest;
    expect(settled.map((result) => result.status)).toStrictEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(refused);
  });

  it('hands a lone item its own refusal, and frees its slot and its key for what comes next', async () => {
    const { calls, submit } = harness();
    const refused = new Error('stale');
    const first = submit({ id: 'a', caseId: 'A' });
    // While it runs, a second item for the same case waits rather than go beside it.
    const again = submit({ id: 'a2', caseId: 'A' });
    await tick();
    expect(calls.map((call) => call.items)).toStrictEqual([['a']]);
    calls[0]!.done.resolve([refused]);
    await expect(first).rejects.toBe(refused);
    await settle();
    expect(calls.map((call) => [call.kind, call.items])).toStrictEqual([
      ['single', ['a']],
      ['single', ['a2']],
    ]);
    calls[1]!.done.resolve([undefined]);
    await expect(again).resolves.toBeUndefined();
    // Idle again: the next lone item goes out at once.
    void submit({ id: 'b', caseId: 'B' });
    expect(calls).toHaveLength(3);
  });

  it('never puts two items for the same key in one batch, nor beside a running statement for that key', async () => {
    const { calls, submit } = harness();
    const all = [
      submit({ id: 'a1', caseId: 'A' }),
      submit({ id: 'a2', caseId: 'A' }),
      submit({ id: 'b1', caseId: 'B' }),
      submit({ id: 'a3', caseId: 'A' }),
      submit({ id: 'c1', caseId: 'C' }),
    ];
    calls[0]!.done.resolve([undefined]);
    await tick();
    // a1 was running for A, so a2 waits although it is first in the queue.
    expect(calls[1]!.items).toStrictEqual(['a2', 'b1', 'c1']);
    calls[1]!.done.resolve([undefined, undefined, undefined]);
    await settle();
    expect(calls[2]!.items).toStrictEqual(['a3']);
    calls[2]!.done.resolve([undefined]);
    await Promise.all(all);
  });

  it('bounds a batch at maxBatch and runs up to maxInFlight statements at once', async () => {
    const { calls, submit } = harness(2, 2);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => submit({ id, caseId: id }));
    expect(calls.map((call) => call.items)).toStrictEqual([['a'], ['b']]);
    calls[0]!.done.resolve([undefined]);
    await tick();
    expect(calls.map((call) => call.items)).toStrictEqual([['a'], ['b'], ['c', 'd']]);
    calls[1]!.done.resolve([undefined]);
    await tick();
    expect(calls[3]!.items).toStrictEqual(['e', 'f']);
    calls[2]!.done.resolve([undefined, undefined]);
    calls[3]!.done.resolve([undefined, undefined]);
    await Promise.all(all);
  });

  it('lets the callers of a batch that just ended send their next items together, while a lone caller never waits', async () => {
    const { calls, submit } = harness();
    const first = submit({ id: 'a', caseId: 'A' });
    const batch = ['b', 'c'].map((id) => submit({ id, caseId: id }));
    calls[0]!.done.resolve([undefined]);
    await first;
    await tick();
    // Each caller comes straight back, after a few awaits of its own, as an agent's next command does.
    const next = batch.map((done, i) =>
      done.then(async () => {
        for (let hop = 0; hop < 5; hop += 1) await Promise.resolve();
        return submit({ id: `next-${i}`, caseId: `n${i}` });
      }),
    );
    calls[1]!.done.resolve([undefined, undefined]);
    await settle();
    expect(calls.map((call) => call.items)).toStrictEqual([['a'], ['b', 'c'], ['next-0', 'next-1']]);
    calls[2]!.done.resolve([undefined, undefined]);
    await Promise.all(next);
    await settle();
    // Nothing is in flight now: one more item goes out at once, in the same turn it was submitted.
    void submit({ id: 'lone', caseId: 'L' });
    expect(calls[3]!.items).toStrictEqual(['lone']);
    calls[3]!.done.resolve([undefined]);
  });

  it('retries every item of a failed batch alone, one after another, so each gets its own answer', async () => {
    const { calls, submit } = harness();
    const first = submit({ id: 'a', caseId: 'A' });
    const rest = Promise.allSettled(['b', 'c'].map((id) => submit({ id, caseId: id })));
    calls[0]!.done.resolve([undefined]);
    await first;
    await tick();
    calls[1]!.done.reject(new Error('the batch statement failed'));
    await tick();
    expect(calls.map((call) => [call.kind, call.items])).toStrictEqual([
      ['single', ['a']],
      ['batch', ['b', 'c']],
      ['single', ['b']],
    ]);
    const own = new Error('b alone');
    calls[2]!.done.resolve([own]);
    await tick();
    expect(calls[3]!.items).toStrictEqual(['c']);
    calls[3]!.done.resolve([undefined]);
    const settled = await rest;
    expect(settled[0]).toMatchObject({ status: 'rejected', reason: own });
    expect(settled[1]!.status).toBe('fulfilled');
  });
});

/** A driver that records the statements the store sends. */
function recording(driver: SqlDriver): { driver: SqlDriver; texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    driver: {
      ...driver,
      query: (text, params) => {
        texts.push(text);
        return driver.query(text, params);
      },
    },
  };
}

const isBatch = (text: string) => text.includes('jsonb_to_recordset($1::jsonb) AS x(');

let lite: PGlite | undefined;
beforeAll(async () => {
  lite = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await lite?.close();
});

const backends: Array<{ name: string; skip: boolean; driver: () => SqlDriver; cleanup: () => Promise<void> }> = [
  { name: 'PGlite', skip: false, driver: () => createPGliteDriver({ db: lite! }), cleanup: async () => {} },
];
{
  const pool = serverUrl ? testPool(4) : undefined;
  backends.push({
    name: 'PostgreSQL server',
    skip: pool === undefined,
    driver: () => createPgDriver({ pool: pool! }),
    cleanup: async () => {
      await pool?.end();
    },
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`group commit on ${backend.name}`, () => {
    const schemas: string[] = [];
    afterAll(async () => {
      if (backend.name === 'PGlite') {
        for (const schema of schemas) await lite?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } else {
        for (const schema of schemas) await dropSchema(schema);
      }
      await backend.cleanup();
    });

    /** A store that runs one statement at a time, so the test knows which commits share a batch. */
    async function open(ids: string[]): Promise<{ store: SqlCaseStore; texts: string[]; cases: CaseRecord[] }> {
      const schema = randomSchema('ck_group');
      schemas.push(schema);
      const { driver, texts } = recording(backend.driver());
      const store = await createSqlStore({ driver, schema, groupCommit: { maxInFlight: 1 } });
      const cases: CaseRecord[] = [];
      for (const id of ids) {
        const commit = openCommit(id);
        await store.commit(commit);
        cases.push(commit.case);
      }
      texts.length = 0;
      return { store, texts, cases };
    }

    function keyed(commit: CaseCommit, key: string): CaseCommit {
      return { ...commit, idempotency: { key, fingerprint: `transition\u0000${key}`, caseId: commit.case.id, outcome: { version: commit.case.version }, createdAt: T0 } };
    }

    it('applies the others of a batch and refuses only the stale commit with version-conflict', async () => {
      const { store, texts, cases } = await open(['g1', 'g2', 'g3', 'g4']);
      // g3 moves on first, so the commit below that starts from its old version is stale.
      const moved = transitionCommit(cases[2]!, 'referred');
      await store.commit(moved);
      texts.length = 0;
      const commits = cases.map((current, i) => keyed(transitionCommit(current, 'in-progress'), `gk-${i}`));
      const settled = await Promise.allSettled(commits.map((commit) => store.commit(commit)));
      // The first went out alone; the other three shared one statement.
      expect(texts.filter(isBatch)).toHaveLength(1);
      expect(settled.map((result) => result.status)).toStrictEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const conflict = (settled[2] as PromiseRejectedResult).reason;
      expect(conflict).toBeInstanceOf(ConflictError);
      expect(conflict).toMatchObject({ reason: 'version-conflict', caseId: 'g3', expectedVersion: 1, actualVersion: 2 });
      for (const i of [0, 1, 3]) {
        const commit = commits[i]!;
        expect(await store.getCase(commit.case.id)).toStrictEqual(commit.case);
        expect(await store.listEvents(commit.case.id)).toHaveLength(2);
        expect(await store.getIdempotency(`gk-${i}`)).toStrictEqual(commit.idempotency);
      }
      // Nothing from the refused commit was kept.
      expect(await store.getCase('g3')).toStrictEqual(moved.case);
      expect((await store.listEvents('g3')).slice(1)).toStrictEqual(moved.events);
      expect(await store.getIdempotency('gk-2')).toBeUndefined();
    });

    it('falls back to one commit at a time when a batch reuses an idempotency key, so only the reuser is refused', async () => {
      const { store, texts, cases } = await open(['d1', 'd2', 'd3']);
      const commits = [
        keyed(transitionCommit(cases[0]!, 'in-progress'), 'dk-lead'),
        keyed(transitionCommit(cases[1]!, 'in-progress'), 'dk-same'),
        keyed(transitionCommit(cases[2]!, 'in-progress'), 'dk-same'),
      ];
      const settled = await Promise.allSettled(commits.map((commit) => store.commit(commit)));
      expect(texts.filter(isBatch)).toHaveLength(1);
      expect(settled.map((result) => result.status)).toStrictEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'ConflictError', reason: 'idempotency-key-taken', caseId: 'd3', actualVersion: 1 });
      expect(await store.getCase('d2')).toStrictEqual(commits[1]!.case);
      expect(await store.getIdempotency('dk-same')).toStrictEqual(commits[1]!.idempotency);
      expect(await store.getCase('d3')).toStrictEqual(cases[2]);
      expect(await store.listEvents('d3')).toHaveLength(1);
    });

    it('gives a batched commit holding text PostgreSQL refuses its own StoreError and applies the rest', async () => {
      const { store, cases } = await open(['n1', 'n2', 'n3']);
      const bad = transitionCommit(cases[2]!, 'in-progress');
      const commits = [
        transitionCommit(cases[0]!, 'in-progress'),
        transitionCommit(cases[1]!, 'in-progress'),
        { ...bad, case: { ...bad.case, data: { note: 'before\u0000after' } } },
      ];
      const settled = await Promise.allSettled(commits.map((commit) => store.commit(commit)));
      expect(settled.map((result) => result.status)).toStrictEqual(['fulfilled', 'fulfilled', 'rejected']);
      const error = (settled[2] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ reason: 'invalid-commit' });
      expect(await store.getCase('n2')).toStrictEqual(commits[1]!.case);
      expect(await store.getCase('n3')).toStrictEqual(cases[2]);
    });

    it('batches commits that change different columns, and keeps each row equal to its own commit', async () => {
      const { store, texts, cases } = await open(['m1', 'm2', 'm3']);
      const { team: _dropped, ...teamless } = cases[2]!;
      const commits = [
        transitionCommit(cases[0]!, 'in-progress'),
        transitionCommit(cases[1]!, 'in-progress', { case: { ...cases[1]!, version: 2, assignee: 'agent-7', data: { uprn: '1', bins: [] } } }),
        transitionCommit(cases[2]!, 'resolved', {
          case: { ...teamless, version: 2, state: 'resolved', status: 'resolved', resolvedAt: at(90), updatedAt: at(90) },
          events: [],
        }),
      ];
      // JSON cannot carry NaN; the batch (the first commit goes alone) must still store what a commit alone would.
      commits[1] = { ...commits[1]!, case: { ...commits[1]!.case, handlingSeconds: Number.NaN } };
      await Promise.all(commits.map((commit) => store.commit(commit)));
      expect(texts.filter(isBatch)).toHaveLength(1);
      for (const commit of commits) expect(await store.getCase(commit.case.id)).toStrictEqual(commit.case);
      expect(await store.listEvents('m3')).toHaveLength(1);
      // The rows were remembered: the next commit on m2 sends only what changed, and still lands exactly.
      const again = transitionCommit(commits[1]!.case, 'referred');
      await store.commit(again);
      expect(await store.getCase('m2')).toStrictEqual(again.case);
    });

    it('batches timer cancellations, new timers and outbox messages, each for its own case only', async () => {
      const { store, texts, cases } = await open(['t1', 't2', 't3']);
      for (const current of cases) {
        await store.commit(
          transitionCommit(current, 'received', {
            scheduleTimers: [timer(current.id, `${current.id}-warn`, at(60), { kind: 'sla-warning' }), timer(current.id, `${current.id}-breach`, at(120))],
          }),
        );
      }
      const moved = await Promise.all(cases.map(async (current) => (await store.getCase(current.id))!));
      texts.length = 0;
      const commits = [
        transitionCommit(moved[0]!, 'in-progress'),
        // Cancels only its warning timer, and schedules an escalation.
        transitionCommit(moved[1]!, 'referred', {
          cancelTimers: { kinds: ['sla-warning'] },
          scheduleTimers: [timer('t2', 't2-escalate', at(240), { kind: 'escalation' })],
          outbox: [message('t2', 't2-m1')],
        }),
        // Cancels every timer it has.
        transitionCommit(moved[2]!, 'resolved', { cancelTimers: {}, outbox: [message('t3', 't3-m1'), message('t3', 't3-m2', { createdAt: at(1) })] }),
      ];
      await Promise.all(commits.map((commit) => store.commit(commit)));
      expect(texts.filter(isBatch)).toHaveLength(1);
      // The port's timer records do not carry the cancellation time; read it from the row.
      const statuses = async (caseId: string) =>
        Object.fromEntries(
          (
            await store.driver.query<{ id: string; status: string; at: string | null }>(
              `SELECT id, status, to_char(cancelled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM "${store.schema}".timers WHERE case_id = $1`,
              [caseId],
            )
          ).rows.map((t) => [t.id, [t.status, t.at]]),
        );
      expect(await statuses('t1')).toStrictEqual({ 't1-warn': ['pending', null], 't1-breach': ['pending', null] });
      expect(await statuses('t2')).toStrictEqual({
        't2-warn': ['cancelled', commits[1]!.case.updatedAt],
        't2-breach': ['pending', null],
        't2-escalate': ['pending', null],
      });
      expect(await statuses('t3')).toStrictEqual({
        't3-warn': ['cancelled', commits[2]!.case.updatedAt],
        't3-breach': ['cancelled', commits[2]!.case.updatedAt],
      });
      expect(await store.listOutbox({ caseId: 't2' })).toStrictEqual([message('t2', 't2-m1')]);
      expect((await store.listOutbox({ caseId: 't3' })).map((m) => m.id)).toStrictEqual(['t3-m1', 't3-m2']);
      expect(await store.listOutbox({ caseId: 't1' })).toStrictEqual([]);
      for (const commit of commits) expect(await store.getCase(commit.case.id)).toStrictEqual(commit.case);
    });

    it('sends every commit as its own statement when group commit is off', async () => {
      const schema = randomSchema('ck_group');
      schemas.push(schema);
      const { driver, texts } = recording(backend.driver());
      const store = await createSqlStore({ driver, schema, groupCommit: false });
      const opened = ['o1', 'o2', 'o3'].map((id) => openCommit(id));
      for (const commit of opened) await store.commit(commit);
      await Promise.all(opened.map((commit) => store.commit(transitionCommit(commit.case, 'in-progress'))));
      expect(texts.filter(isBatch)).toHaveLength(0);
      await expect(createSqlStore({ driver, schema, groupCommit: { maxBatch: 0 } })).rejects.toMatchObject({ name: 'StoreError', reason: 'invalid-options' });
    });
  });
}
