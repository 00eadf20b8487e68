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
import { benchDatabaseUrl, floorStatement, onBenchPostgres, openCase, prepareRawInsert, transition } from './cases-stores.js';
import { createPGliteStore, type SqlCaseStore } from '../packages/store-postgres/src/index.js';
import { interleave, writeResult } from './lib.js';

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
  const insert = await prepareRawInsert(store);
  // Every subject that moves a case has a case of its own.
  const cases = new Map<string, CaseRecord>();
  for (const name of ['update', 'floor', 'three', 'commit']) {
    const record = openCase(`stmt-${run}-${name}`);
    await store.commit({ case: record, expectedVersion: 0, events: [] });
    cases.set(name, record);
  }
  let moves = 0;
  /** The next transition of the subject's own case, as the engine would commit it. */
  const move = (name: string): CaseCommit => {
    const commit = transition(cases.get(name)!, (moves += 1));
    cases.set(name, commit.case);
    return commit;
  };
  /** floorStatement's parameters for a transition. */
  const floorParams = ({ case: next, expectedVersion, events: [event] }: CaseCommit) => [
    next.version,
    next.state,
    event!.at,
    next.id,
    expectedVersion,
    event!.id,
    event!.from,
    JSON.stringify(event!.payload),
  ];
  const checked = (what: string) => (result: { rowCount: number }) => {
    if (result.rowCount !== 1) throw new Error(`${what} did not apply`);
  };
  const now = () => new Date().toISOString();
  const update = `UPDATE ${q}.cases SET version = $1::integer, state = $2::text, updated_at = $3::timestamptz WHERE id = $4::text AND version = $5::integer`;
  const event = `INSERT INTO ${q}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
    VALUES ($1::text, $2::integer, $3::text, $2::integer, 'transitioned', 'agent-1', '["contact-centre"]'::jsonb, $4::timestamptz, 'phone', $5::text, $6::text, $7::jsonb, $8::text)`;
  const key = `INSERT INTO ${q}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
    VALUES ($1::text, decode($2::text, 'hex'), $3::text, $4::jsonb, $5::timestamptz)`;
  // The floor with the idempotency record beside it: the three writes of the store's commit statement.
  const three = `WITH c AS (UPDATE ${q}.cases SET version = $1::integer, state = $2::text, updated_at = $3::timestamptz WHERE id = $4::text AND version = $5::integer RETURNING id),
    ev AS (INSERT INTO ${q}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
      SELECT c.id, $1::integer, $6::text, $1::integer, 'transitioned', 'agent-1', '["contact-centre"]'::jsonb, $3::timestamptz, 'phone', $7::text, $2::text, $8::jsonb, $9::text FROM c RETURNING 1),
    idem AS (INSERT INTO ${q}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
      SELECT $9::text, decode($10::text, 'hex'), c.id, $11::jsonb, $3::timestamptz FROM c RETURNING 1)
    SELECT count(*)::integer AS applied FROM c`;
  const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
  let sequence = 0;

  const subjects: Array<readonly [string, () => Promise<unknown>]> = [
    ['SELECT 1', () => query('SELECT 1')],
    ['raw single-row INSERT (the ceiling)', () => query(insert, ['w0', now(), '{"transition":"t1","from":"received","to":"in-progress"}'])],
    [
      'case UPDATE alone (version-checked, HOT)',
      () => query(update, floorParams(move('update')).slice(0, 5)).then(checked('case UPDATE')),
    ],
    [
      'audit event INSERT alone',
      () => {
        sequence += 1;
        return query(event, [`stmt-${run}-events`, sequence, randomUUID(), now(), 'received', 'in-progress', '{"transition":"t1"}', randomUUID()]);
      },
    ],
    ['idempotency record INSERT alone', () => query(key, [randomUUID(), hex('transition:key'), `stmt-${run}-keys`, '{"version":2}', now()])],
    ['floor: case UPDATE + event INSERT, one statement', () => query(floorStatement(q), floorParams(move('floor'))).then(checked('floor'))],
    [
      'case UPDATE + event INSERT + idempotency INSERT, one statement (the commit shape)',
      async () => {
        const commit = move('three');
        const record = commit.idempotency!;
        const { rows } = await query(three, [...floorParams(commit), record.key, hex(record.fingerprint), JSON.stringify(record.outcome)]);
        if ((rows[0] as { applied: number } | undefined)?.applied !== 1) throw new Error('three writes did not apply');
      },
    ],
    ['store.commit() of a transition (the store statement and its JavaScript)', () => store.commit(move('commit'))],
  ];

  for (const [, fn] of subjects) for (let i = 0; i < 50; i += 1) await fn(); // warm: plans prepared, code compiled
  const samples = await interleave(
    subjects.map(([name, fn]) => [
      name,
      async () => {
        const start = process.hrtime.bigint();
        for (let i = 0; i < operations; i += 1) await fn();
        return Number(process.hrtime.bigint() - start) / 1e3 / operations;
      },
    ] as const),
    rounds,
  );
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
