// What each write of a transition costs, one statement at a time, on PGlite in
// memory and (when a URL is known) on PostgreSQL: the figures behind the
// store-postgres README's explanation of why PGlite cannot reach 60% of the raw
// single-row INSERT rate one at a time. Owned by @councilkit/store-postgres.
//
//   pnpm bench store-statements
//
// PostgreSQL URL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else DATABASE_URL.
// Subjects, each on its own rows so none meets another's version checks or keys:
// - SELECT 1: what a statement costs before it does anything.
// - raw single-row INSERT: the ceiling cases-stores.ts measures against.
// - the three writes of a transition alone: the version-checked case UPDATE, the
//   audit event INSERT, the idempotency record INSERT.
// - the floor: the UPDATE and the event INSERT in one statement.
// - all three in one WITH statement, shaped as the store's commit statement is.
// - store.commit() of the same transition: the store's own statement and its JavaScript.
// Each round runs every subject once (each round starting one subject further
// on); the median per subject is kept, and every round is written out.
import { randomBytes, randomUUID } from 'node:crypto';
import type { CaseCommit, CaseRecord } from '../packages/cases/src/index.js';
import { benchDatabaseUrl, onBenchPostgres, openCase } from './cases-stores.js';
import { createPGliteStore, type SqlCaseStore } from '../packages/store-postgres/src/index.js';
import { writeResult } from './lib.js';

const operations = Number(process.env.STATEMENTS_BENCH_OPS ?? 2000);
const rounds = Number(process.env.STATEMENTS_BENCH_ROUNDS ?? 7);

interface StatementRow {
  backend: 'postgresql' | 'pglite';
  subject: string;
  /** Median microseconds per statement (or per store.commit()). */
  microseconds: number;
  /** Microseconds over SELECT 1: what the statement's work adds to a statement's fixed cost. */
  overSelect1: number;
  /** Raw INSERT microseconds over this subject's: the share of the ceiling's rate this subject alone reaches. */
  ratioToRawInsert: number;
  /** Microseconds per statement in every round, in the order run. */
  rounds: number[];
}

async function measureBackend(backend: StatementRow['backend'], store: SqlCaseStore): Promise<StatementRow[]> {
  const q = `"${store.schema}"`;
  const run = randomBytes(3).toString('hex');
  const query = (text: string, params: unknown[] = []) => store.driver.query(text, params);
  await query(
    `CREATE TABLE IF NOT EXISTS ${q}.bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, case_id text NOT NULL, at timestamptz NOT NULL, body jsonb NOT NULL)`,
  );
  // Every subject that moves a case has a case of its own.
  const cases = new Map<string, CaseRecord>();
  for (const name of ['update', 'event', 'floor', 'three', 'commit']) {
    const record = openCase(`stmt-${run}-${name}`);
    await store.commit({ case: record, expectedVersion: 0, events: [] });
    cases.set(name, record);
  }
  let sequence = 0;
  const now = () => new Date().toISOString();
  const next = (name: string) => {
    const record = cases.get(name)!;
    const version = record.version + 1;
    const state = version % 2 === 0 ? 'in-progress' : 'received';
    cases.set(name, { ...record, version, state });
    return { id: record.id, from: record.state, state, version, expected: record.version };
  };
  const checked = (what: string) => (result: { rowCount: number }) => {
    if (result.rowCount !== 1) throw new Error(`${what} did not apply`);
  };
  const update = `UPDATE ${q}.cases SET version = $1::integer, state = $2::text, updated_at = $3::timestamptz WHERE id = $4::text AND version = $5::integer`;
  const event = `INSERT INTO ${q}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
    VALUES ($1::text, $2::integer, $3::text, $2::integer, 'transitioned', 'agent-1', '["contact-centre"]'::jsonb, $4::timestamptz, 'phone', $5::text, $6::text, $7::jsonb, $8::text)`;
  const key = `INSERT INTO ${q}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
    VALUES ($1::text, decode($2::text, 'hex'), $3::text, $4::jsonb, $5::timestamptz)`;
  const eventFromC = `INSERT INTO ${q}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
    SELECT c.id, $1::integer, $6::text, $1::integer, 'transitioned', 'agent-1', '["contact-centre"]'::jsonb, $3::timestamptz, 'phone', $7::text, $2::text, $8::jsonb, $9::text FROM c`;
  const updateAsC = `c AS (UPDATE ${q}.cases SET version = $1::integer, state = $2::text, updated_at = $3::timestamptz WHERE id = $4::text AND version = $5::integer RETURNING id)`;
  const floor = `WITH ${updateAsC} ${eventFromC}`;
  const three = `WITH ${updateAsC},
    ev AS (${eventFromC} RETURNING 1),
    idem AS (INSERT INTO ${q}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
      SELECT $9::text, decode($10::text, 'hex'), c.id, $11::jsonb, $3::timestamptz FROM c RETURNING 1)
    SELECT count(*)::integer AS applied FROM c`;
  const fingerprint = Buffer.from('transition\n{"actor":"agent-1","transition":"start"}', 'utf8').toString('hex');
  const payload = JSON.stringify({ transition: 'start' });
  const moveParams = (name: string, eventKey: string) => {
    const move = next(name);
    return [move.version, move.state, now(), move.id, move.expected, randomUUID(), move.from, payload, eventKey];
  };

  const subjects: Array<[string, () => Promise<unknown>]> = [
    ['SELECT 1', () => query('SELECT 1')],
    ['raw single-row INSERT (the ceiling)', () => query(`INSERT INTO ${q}.bench_raw (case_id, at, body) VALUES ($1::text, $2::timestamptz, $3::jsonb)`, ['w0', now(), payload])],
    [
      'case UPDATE alone (version-checked, HOT)',
      () => {
        const move = next('update');
        return query(update, [move.version, move.state, now(), move.id, move.expected]).then(checked('case UPDATE'));
      },
    ],
    [
      'audit event INSERT alone',
      () => {
        sequence += 1;
        return query(event, [`stmt-${run}-events`, sequence, randomUUID(), now(), 'received', 'in-progress', payload, randomUUID()]);
      },
    ],
    ['idempotency record INSERT alone', () => query(key, [randomUUID(), fingerprint, `stmt-${run}-keys`, '{"version":2}', now()])],
    ['floor: case UPDATE + event INSERT, one statement', () => query(floor, moveParams('floor', randomUUID())).then(checked('floor'))],
    [
      'case UPDATE + event INSERT + idempotency INSERT, one statement (the commit shape)',
      async () => {
        const idempotencyKey = randomUUID();
        const { rows } = await query(three, [...moveParams('three', idempotencyKey), fingerprint, '{"version":2}']);
        if ((rows[0] as { applied: number } | undefined)?.applied !== 1) throw new Error('three writes did not apply');
      },
    ],
    [
      'store.commit() of a transition (the store statement and its JavaScript)',
      () => {
        const current = cases.get('commit')!;
        const move = next('commit');
        const at = now();
        const idempotencyKey = randomUUID();
        const commit: CaseCommit = {
          case: { ...current, version: move.version, state: move.state, updatedAt: at },
          expectedVersion: move.expected,
          events: [
            {
              id: randomUUID(),
              caseId: move.id,
              sequence: move.version,
              caseVersion: move.version,
              type: 'transitioned',
              actorId: 'agent-1',
              actorTeams: ['contact-centre'],
              at,
              channel: 'phone',
              from: move.from,
              to: move.state,
              payload: { transition: 'start' },
              idempotencyKey,
            },
          ],
          idempotency: { key: idempotencyKey, fingerprint: 'transition\n{"actor":"agent-1","transition":"start"}', caseId: move.id, outcome: { version: move.version }, createdAt: at },
        };
        return store.commit(commit);
      },
    ],
  ];

  const samples = new Map<string, number[]>(subjects.map(([name]) => [name, []]));
  for (const [, fn] of subjects) for (let i = 0; i < 50; i += 1) await fn(); // warm: plans prepared, code compiled
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < subjects.length; k += 1) {
      const [name, fn] = subjects[(round + k) % subjects.length]!;
      const start = process.hrtime.bigint();
      for (let i = 0; i < operations; i += 1) await fn();
      samples.get(name)!.push(Number(process.hrtime.bigint() - start) / 1e3 / operations);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const select1 = median(samples.get('SELECT 1')!);
  const raw = median(samples.get('raw single-row INSERT (the ceiling)')!);
  return subjects.map(([subject]) => {
    const list = samples.get(subject)!;
    const microseconds = median(list);
    return {
      backend,
      subject,
      microseconds: Number(microseconds.toFixed(1)),
      overSelect1: Number((microseconds - select1).toFixed(1)),
      ratioToRawInsert: Number((raw / microseconds).toFixed(3)),
      rounds: list.map((value) => Number(value.toFixed(1))),
    };
  });
}

const rows: StatementRow[] = [];
const schema = `ck_stmt_${randomBytes(4).toString('hex')}`;
const skipped = await onBenchPostgres(benchDatabaseUrl(), schema, 1, async (store) => {
  rows.push(...(await measureBackend('postgresql', store)));
});
const lite = await createPGliteStore({ schema });
try {
  rows.push(...(await measureBackend('pglite', lite)));
} finally {
  await lite.close();
}

for (const row of rows) {
  console.log(
    `${row.backend.padEnd(10)} ${row.subject.padEnd(84)} ${row.microseconds.toFixed(1).padStart(7)} µs  (+${row.overSelect1.toFixed(1)} over SELECT 1)  ratio to raw INSERT ${row.ratioToRawInsert}`,
  );
}
writeResult('store-statements', {
  question: 'What does each write of a transition cost, one statement at a time, against the raw single-row INSERT the 60% target is measured against?',
  ratio: 'ratioToRawInsert = raw INSERT microseconds / subject microseconds: the share of the raw INSERT rate a subject reaches on its own, with no engine',
  operationsPerRound: operations,
  rounds,
  ...(skipped ? { skipped } : {}),
  rows,
});
