import { ConflictError } from '@councilkit/cases';
import type {
  AccessDeniedQuery,
  AccessDeniedRecord,
  CaseCommit,
  CaseEvent,
  CaseQuery,
  CaseRecord,
  CaseStore,
  ClaimRequest,
  CommandSnapshot,
  IdempotencyRecord,
  JsonObject,
  OutboxClaimRequest,
  OutboxMessage,
  OutboxQuery,
  TimerCompletion,
  TimerQuery,
  TimerRecord,
} from '@councilkit/cases';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { pseudonymiseSqlCase } from './case-erasure.js';
import { StoreError } from './errors.js';
import { createGroupCommit } from './group-commit.js';
import { migrate, storeMigrations, type MigrationReport } from './migrations.js';
import { toAccessDenied, toCase, toEvent, toIdempotency, toOutbox, toTimer, type Row } from './rows.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/**
 * Options for {@link createSqlStore}.
 *
 * @example
 * ```ts
 * const options: SqlStoreOptions = { driver: createPGliteDriver({ db }), schema: 'cases', migrate: true };
 * const store = await createSqlStore(options);
 * ```
 */
export interface SqlStoreOptions {
  /** The driver to run on: {@link createPgDriver} or {@link createPGliteDriver}. */
  driver: SqlDriver;
  /** PostgreSQL schema holding the tables. Default: `"councilkit"`. */
  schema?: string;
  /**
   * Apply pending migrations before returning. Default: `true`. Turn it off
   * when a deploy step runs {@link migrate} and the application role may not
   * create tables; the store then checks the schema is up to date and throws
   * {@link StoreError} with reason `migration-mismatch` if it is not.
   */
  migrate?: boolean;
  /**
   * Group commit: while commit statements are in flight, commits made at the
   * same time for different cases wait and then go out together as one
   * statement, each still version-checked and refused or applied on its own.
   * A commit that finds a free slot goes out at once. `false` sends every
   * commit as its own statement. Default: on, `maxInFlight` 1 on PGlite (it
   * runs one statement at a time anyway) and 2 on PostgreSQL, `maxBatch` 32.
   */
  groupCommit?: false | { maxInFlight?: number; maxBatch?: number };
}

/**
 * What the SQL stores add to the `CaseStore` port of `@councilkit/cases`: the
 * handles an operator needs.
 *
 * @example
 * ```ts
 * const store = await createPGliteStore();
 * console.log(store.kind, store.schema, store.migration.current);
 * await store.close();
 * ```
 */
export interface SqlStoreHandles {
  /** `postgresql` or `pglite`. */
  readonly kind: SqlDriver['kind'];
  /** The schema the tables live in. */
  readonly schema: string;
  /** What the start-up migration did (`applied` is empty when migrations were skipped or already done). */
  readonly migration: MigrationReport;
  /** The driver underneath, for health checks and operational queries. */
  readonly driver: SqlDriver;
  /** Close the connections this store opened itself (a pool or database you handed in stays open). */
  close(): Promise<void>;
}

/**
 * A `CaseStore` (the storage port of `@councilkit/cases`) on SQL, plus
 * {@link SqlStoreHandles}. Hand it to `createCaseEngine({ store })`.
 *
 * @example
 * ```ts
 * const store: SqlCaseStore = await createPGliteStore();
 * await store.getCase('case-1');
 * await store.close();
 * ```
 */
export type SqlCaseStore = CaseStore & SqlStoreHandles;

// The case columns in one list, so the INSERT and the UPDATE of a commit are
// built from the same mapping and cannot drift apart.
const CASE_COLUMNS: ReadonlyArray<readonly [column: string, cast: string, value: (c: CaseRecord) => unknown]> = [
  ['id', 'text', (c) => c.id],
  ['case_type', 'text', (c) => c.caseType],
  ['case_type_version', 'integer', (c) => c.caseTypeVersion],
  ['version', 'integer', (c) => c.version],
  ['state', 'text', (c) => c.state],
  ['status', 'text', (c) => c.status],
  ['data', 'jsonb', (c) => JSON.stringify(c.data)],
  ['channel', 'text', (c) => c.channel],
  ['citizen_id', 'text', (c) => c.citizenId ?? null],
  ['team', 'text', (c) => c.team ?? null],
  ['queue', 'text', (c) => c.queue ?? null],
  ['assignee', 'text', (c) => c.assignee ?? null],
  ['restricted_to', 'jsonb', (c) => (c.restrictedTo === undefined ? null : JSON.stringify(c.restrictedTo))],
  ['opened_at', 'timestamptz', (c) => c.openedAt],
  ['updated_at', 'timestamptz', (c) => c.updatedAt],
  ['resolved_at', 'timestamptz', (c) => c.resolvedAt ?? null],
  ['closed_at', 'timestamptz', (c) => c.closedAt ?? null],
  ['resolved_at_first_contact', 'boolean', (c) => c.resolvedAtFirstContact ?? null],
  ['sla_met', 'boolean', (c) => c.slaMet ?? null],
  ['reopen_count', 'integer', (c) => c.reopenCount],
  ['handling_seconds', 'double precision', (c) => c.handlingSeconds ?? null],
  ['sla', 'jsonb', (c) => (c.sla === undefined ? null : JSON.stringify(c.sla))],
  ['sla_breach_at', 'timestamptz', (c) => c.sla?.breachAt ?? null],
  ['sla_paused_at', 'timestamptz', (c) => c.sla?.pausedAt ?? null],
  ['external_references', 'jsonb', (c) => JSON.stringify(c.externalReferences)],
  ['attachments', 'jsonb', (c) => JSON.stringify(c.attachments)],
];

/** What a parameter is read from: the commit, and its case row already turned into column values. */
interface CommitInput {
  change: CaseCommit;
  values: unknown[];
}

type ParamGetter = (input: CommitInput) => unknown;

/** One shape of commit statement, and how to fill its parameters. */
interface CommitVariant {
  text: string;
  params: ParamGetter[];
}

// Which optional parts a commit carries. Each combination gets its own
// statement text (and so its own prepared statement and cached plan): a plain
// transition does not pay for empty timer and outbox parts.
const PART = { create: 1, events: 2, oneEvent: 128, idempotency: 4, cancel: 8, schedule: 16, complete: 32, outbox: 64 } as const;

function partsOf(change: CaseCommit): number {
  return (
    (change.expectedVersion === 0 ? PART.create : 0) |
    (change.events.length > 1 ? PART.events : change.events.length === 1 ? PART.oneEvent : 0) |
    (change.idempotency ? PART.idempotency : 0) |
    (change.cancelTimers ? PART.cancel : 0) |
    (change.scheduleTimers?.length ? PART.schedule : 0) |
    (change.completeTimers?.length ? PART.complete : 0) |
    (change.outbox?.length ? PART.outbox : 0)
  );
}

// Bounds on per-store memory: prepared statement shapes, and cases whose last written values are kept.
const MAX_VARIANTS = 256;
const MAX_REMEMBERED = 10_000;
const UPDATED_AT = CASE_COLUMNS.findIndex(([column]) => column === 'updated_at');
const VERSION = CASE_COLUMNS.findIndex(([column]) => column === 'version');
/** Every case column but the id: what a full UPDATE sets. */
const ALL_COLUMNS = CASE_COLUMNS.reduce((mask, _, i) => (i === 0 ? mask : (mask | (1 << i)) >>> 0), 0);

// The JSON recordsets commits carry, and the statements that write them. A
// single commit and a batch read them from different sources (`from`: the
// applied case `c` joined to the recordset), but write them the same way.
const EVENT_RECORD = `id text, "caseId" text, sequence integer, "caseVersion" integer, type text, "actorId" text, "actorTeams" jsonb,
      at timestamptz, channel text, "from" text, "to" text, payload jsonb, "idempotencyKey" text`;
const TIMER_RECORD = `id text, "caseId" text, kind text, step integer, "dueAt" timestamptz, "createdAt" timestamptz`;
const OUTBOX_RECORD = `id text, "caseId" text, "caseType" text, destination text, operation text, payload jsonb, "idempotencyKey" text,
      attempts integer, "nextAttemptAt" timestamptz, "createdAt" timestamptz`;

function eventsCte(s: string, from: string): string {
  return `ev AS (
    INSERT INTO ${s}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
    SELECT c.id, e.sequence, e.id, e."caseVersion", e.type, e."actorId", e."actorTeams", e.at, e.channel, e."from", e."to", e.payload, e."idempotencyKey"
    FROM ${from}
    RETURNING 1)`;
}

function cancelledCte(s: string, at: string, from: string, where: string): string {
  return `cancelled AS (
    UPDATE ${s}.timers t SET status = 'cancelled', cancelled_at = ${at}, lease_owner = NULL, lease_expires_at = NULL
    FROM ${from}
    WHERE ${where}
    RETURNING 1)`;
}

function scheduledCte(s: string, from: string): string {
  return `scheduled AS (
    INSERT INTO ${s}.timers (id, case_id, kind, step, due_at, status, created_at)
    SELECT tm.id, tm."caseId", tm.kind, tm.step, tm."dueAt", 'pending', tm."createdAt"
    FROM ${from}
    RETURNING 1)`;
}

function queuedCte(s: string, from: string): string {
  return `queued AS (
    INSERT INTO ${s}.outbox (id, case_id, case_type, destination, operation, payload, idempotency_key, status, attempts, next_attempt_at, created_at)
    SELECT ob.id, ob."caseId", ob."caseType", ob.destination, ob.operation, ob.payload, ob."idempotencyKey", 'pending',
      coalesce(ob.attempts, 0), ob."nextAttemptAt", ob."createdAt"
    FROM ${from}
    RETURNING 1)`;
}

function buildVariant(s: string, parts: number, columns: number): CommitVariant {
  const params: ParamGetter[] = [];
  const param = (getter: ParamGetter, cast: string): string => {
    params.push(getter);
    return `$${params.length}::${cast}`;
  };
  const column = (i: number) => param(({ values }) => values[i], CASE_COLUMNS[i]![1]);
  const ctes: string[] = [];
  let updatedAt: string;
  if (parts & PART.create) {
    const caseValues = CASE_COLUMNS.map((_, i) => column(i));
    updatedAt = caseValues[UPDATED_AT]!;
    ctes.push(`c AS (
    INSERT INTO ${s}.cases (${CASE_COLUMNS.map(([name]) => name).join(', ')})
    VALUES (${caseValues.join(', ')})
    RETURNING id)`);
  } else {
    // Only the columns this commit changes: unchanged jsonb need not be sent, parsed or rewritten.
    const sets: string[] = [];
    let updatedAtValue: string | undefined;
    CASE_COLUMNS.forEach(([name], i) => {
      if (i === 0 || !(columns & (1 << i))) return;
      const placeholder = column(i);
      if (i === UPDATED_AT) updatedAtValue = placeholder;
      sets.push(`${name} = ${placeholder}`);
    });
    ctes.push(`c AS (
    UPDATE ${s}.cases SET ${sets.join(', ')}
    WHERE id = ${column(0)} AND version = ${param(({ change }) => change.expectedVersion, 'integer')}
    RETURNING id)`);
    updatedAt = updatedAtValue ?? (parts & PART.cancel ? column(UPDATED_AT) : '');
  }
  // Every part selects FROM c: when the version check fails nothing else is
  // written, and when any part fails the whole statement (its own implicit
  // transaction) rolls back.
  if (parts & PART.oneEvent) {
    // The common case, one event, as plain parameters: no JSON to build or unpack.
    const e = (get: (event: CaseEvent) => unknown, cast: string) => param(({ change }) => get(change.events[0]!), cast);
    ctes.push(`ev AS (
    INSERT INTO ${s}.case_events (case_id, sequence, id, case_version, type, actor_id, actor_teams, at, channel, from_state, to_state, payload, idempotency_key)
    SELECT c.id, ${e((x) => x.sequence, 'integer')}, ${e((x) => x.id, 'text')}, ${e((x) => x.caseVersion, 'integer')}, ${e((x) => x.type, 'text')},
      ${e((x) => x.actorId, 'text')}, ${e((x) => JSON.stringify(x.actorTeams), 'jsonb')}, ${e((x) => x.at, 'timestamptz')},
      ${e((x) => x.channel ?? null, 'text')}, ${e((x) => x.from ?? null, 'text')}, ${e((x) => x.to ?? null, 'text')},
      ${e((x) => JSON.stringify(x.payload), 'jsonb')}, ${e((x) => x.idempotencyKey ?? null, 'text')}
    FROM c
    RETURNING 1)`);
  }
  if (parts & PART.events) {
    ctes.push(eventsCte(s, `c CROSS JOIN jsonb_to_recordset(${param(({ change }) => JSON.stringify(change.events), 'jsonb')}) AS e(${EVENT_RECORD})`));
  }
  if (parts & PART.idempotency) {
    ctes.push(`idem AS (
    INSERT INTO ${s}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
    SELECT ${param(({ change }) => change.idempotency?.key, 'text')},
      decode(${param(({ change }) => Buffer.from(change.idempotency?.fingerprint ?? '', 'utf8').toString('hex'), 'text')}, 'hex'),
      ${param(({ change }) => change.idempotency?.caseId, 'text')}, ${param(({ change }) => JSON.stringify(change.idempotency?.outcome ?? {}), 'jsonb')},
      ${param(({ change }) => change.idempotency?.createdAt, 'timestamptz')}
    FROM c
    RETURNING 1)`);
  }
  let cancelled = '';
  if (parts & PART.cancel) {
    const kinds = param(({ change }) => (change.cancelTimers?.kinds ? [...change.cancelTimers.kinds] : null), 'text[]');
    cancelled = `t.case_id = c.id AND t.status IN ('pending', 'claimed') AND (${kinds} IS NULL OR t.kind = ANY(${kinds}))`;
    ctes.push(cancelledCte(s, updatedAt, 'c', cancelled));
  }
  if (parts & PART.schedule) {
    ctes.push(scheduledCte(s, `c CROSS JOIN jsonb_to_recordset(${param(({ change }) => JSON.stringify(change.scheduleTimers), 'jsonb')}) AS tm(${TIMER_RECORD})`));
  }
  if (parts & PART.complete) {
    ctes.push(`completed AS (
    UPDATE ${s}.timers t SET status = 'fired', fired_at = x."firedAt", lateness_ms = x."latenessMs",
      lease_owner = NULL, lease_expires_at = NULL
    FROM c, jsonb_to_recordset(${param(({ change }) => JSON.stringify(change.completeTimers), 'jsonb')}) AS x(
      id text, "workerId" text, "firedAt" timestamptz, "latenessMs" bigint)
    WHERE t.id = x.id AND t.status = 'claimed' AND t.lease_owner = x."workerId"${
      // Cancellations apply first (the port's order), so a timer this commit
      // cancels is not also completed: one statement must not touch a row twice.
      cancelled ? `
      AND NOT (${cancelled})` : ''
    }
    RETURNING 1)`);
  }
  if (parts & PART.outbox) {
    ctes.push(queuedCte(s, `c CROSS JOIN jsonb_to_recordset(${param(({ change }) => JSON.stringify(change.outbox), 'jsonb')}) AS ob(${OUTBOX_RECORD})`));
  }
  return { text: `WITH ${ctes.join(',\n  ')}\n  SELECT count(*)::integer AS applied FROM c`, params };
}

/** Commits that can share a statement: any update of an existing case, except one that completes fired timers (the scheduler's, rare). */
function batchable(change: CaseCommit): boolean {
  return change.expectedVersion > 0 && !change.completeTimers?.length;
}

/** Which optional parts a batch statement carries: each combination is its own statement text. */
const BATCH = { events: 1, keys: 2, cancel: 4, schedule: 8, outbox: 16 } as const;

function batchPartsOf(change: CaseCommit): number {
  return (
    (change.events.length > 0 ? BATCH.events : 0) |
    (change.idempotency ? BATCH.keys : 0) |
    (change.cancelTimers ? BATCH.cancel : 0) |
    (change.scheduleTimers?.length ? BATCH.schedule : 0) |
    (change.outbox?.length ? BATCH.outbox : 0)
  );
}

/** The JSON arrays a batch statement takes, in parameter order after the case rows. */
type BatchParam = 'events' | 'keys' | 'timers' | 'outbox';

interface BatchStatement {
  text: string;
  params: BatchParam[];
}

/**
 * One statement applying many independent commits. $1 is a JSON array of case
 * rows (`v` the expected version, `cN` the value of CASE_COLUMNS[N], and for
 * cancellations `cc` whether to cancel, `ck` which kinds, `ca` when); the other
 * parameters are JSON arrays of every event, idempotency record (`o`: the case
 * it belongs to), timer and outbox message in the batch. Each case row is
 * version-checked on its own, everything else is written only for the cases
 * whose update applied, and the ids that applied come back.
 */
function buildBatch(s: string, columns: number, parts: number): BatchStatement {
  const params: BatchParam[] = [];
  const param = (name: BatchParam) => {
    params.push(name);
    return `$${params.length + 1}::jsonb`;
  };
  const record = ['c0 text', 'v integer'];
  const sets: string[] = [];
  CASE_COLUMNS.forEach(([name, cast], i) => {
    if (i === 0 || !(columns & (1 << i))) return;
    record.push(`c${i} ${cast}`);
    sets.push(`${name} = x.c${i}`);
  });
  if (parts & BATCH.cancel) record.push('cc boolean', 'ck text[]', 'ca timestamptz');
  const ctes = [
    `x AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${record.join(', ')}))`,
    `c AS (
    UPDATE ${s}.cases t SET ${sets.join(', ')}
    FROM x WHERE t.id = x.c0 AND t.version = x.v
    RETURNING t.id)`,
  ];
  if (parts & BATCH.events) {
    ctes.push(eventsCte(s, `c JOIN jsonb_to_recordset(${param('events')}) AS e(${EVENT_RECORD}) ON e."caseId" = c.id`));
  }
  if (parts & BATCH.keys) {
    ctes.push(`idem AS (
    INSERT INTO ${s}.idempotency_keys (key, fingerprint, case_id, outcome, created_at)
    SELECT k.key, decode(k.fingerprint, 'hex'), k."caseId", k.outcome, k."createdAt"
    FROM c JOIN jsonb_to_recordset(${param('keys')}) AS k(o text, key text, fingerprint text, "caseId" text, outcome jsonb, "createdAt" timestamptz) ON k.o = c.id
    RETURNING 1)`);
  }
  if (parts & BATCH.cancel) {
    ctes.push(
      cancelledCte(
        s,
        'x.ca',
        'c JOIN x ON x.c0 = c.id',
        `x.cc AND t.case_id = c.id AND t.status IN ('pending', 'claimed') AND (x.ck IS NULL OR t.kind = ANY(x.ck))`,
      ),
    );
  }
  if (parts & BATCH.schedule) {
    ctes.push(scheduledCte(s, `c JOIN jsonb_to_recordset(${param('timers')}) AS tm(${TIMER_RECORD}) ON tm."caseId" = c.id`));
  }
  if (parts & BATCH.outbox) {
    ctes.push(queuedCte(s, `c JOIN jsonb_to_recordset(${param('outbox')}) AS ob(${OUTBOX_RECORD}) ON ob."caseId" = c.id`));
  }
  return { text: `WITH ${ctes.join(',\n  ')}\n  SELECT id FROM c`, params };
}

/** The JSON text of one case row for {@link buildBatch}: jsonb columns already hold JSON text and are spliced in as they are. */
function batchRow(change: CaseCommit, values: readonly unknown[], columns: number, parts: number): string {
  let row = `{"c0":${JSON.stringify(values[0])},"v":${change.expectedVersion}`;
  for (let i = 1; i < CASE_COLUMNS.length; i += 1) {
    if (!(columns & (1 << i))) continue;
    const value = values[i];
    let json: string;
    if (value === null || value === undefined) json = 'null';
    else if (CASE_COLUMNS[i]![1] === 'jsonb') json = value as string;
    // JSON has no NaN or Infinity; as text, double precision reads them as a commit on its own stores them.
    else if (typeof value === 'number' && !Number.isFinite(value)) json = `"${String(value)}"`;
    else json = JSON.stringify(value);
    row += `,"c${i}":${json}`;
  }
  if (parts & BATCH.cancel) {
    const cancel = change.cancelTimers;
    // Cancelled timers are stamped with the case's new updatedAt, as a commit on its own does.
    row += `,"cc":${cancel !== undefined},"ck":${JSON.stringify(cancel?.kinds ?? null)},"ca":${JSON.stringify(values[UPDATED_AT])}`;
  }
  return `${row}}`;
}

// Records keep ISO-8601 UTC text, which sorts correctly as plain code units.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invalid(message: string): StoreError {
  return new StoreError('invalid-commit', message);
}

function checkCommit(commit: CaseCommit): void {
  const { case: next, expectedVersion } = commit;
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw invalid(`expectedVersion must be a whole number of 0 or more, got ${expectedVersion}`);
  }
  if (next.version !== expectedVersion + 1) {
    throw invalid(`case.version must be expectedVersion + 1 (${expectedVersion + 1}), got ${next.version}`);
  }
  const foreign = [
    ...commit.events.map((event) => event.caseId),
    ...(commit.scheduleTimers ?? []).map((timer) => timer.caseId),
    ...(commit.outbox ?? []).map((message) => message.caseId),
  ].find((caseId) => caseId !== next.id);
  if (foreign !== undefined) {
    throw invalid(`every event, timer and outbox message in a commit must belong to case ${next.id}; found one for ${foreign}`);
  }
}

function databaseCode(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}

/** Placeholder-numbered WHERE clauses, so every filter value travels as a parameter. */
function whereBuilder() {
  const clauses: string[] = [];
  const params: unknown[] = [];
  return {
    params,
    add(clause: (next: () => string) => string, ...values: unknown[]) {
      let index = 0;
      clauses.push(
        clause(() => {
          params.push(values[index]);
          index += 1;
          return `$${params.length}`;
        }),
      );
    },
    param(value: unknown): string {
      params.push(value);
      return `$${params.length}`;
    },
    sql: () => (clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`),
  };
}

function groupCommitSettings(
  given: SqlStoreOptions['groupCommit'],
  kind: SqlDriver['kind'],
): { maxInFlight: number; maxBatch: number } | undefined {
  if (given === false) return undefined;
  const settings = { maxInFlight: given?.maxInFlight ?? (kind === 'pglite' ? 1 : 2), maxBatch: given?.maxBatch ?? 32 };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new StoreError('invalid-options', `groupCommit.${name} must be a whole number of 1 or more, got ${value}`);
    }
  }
  return settings;
}

/** With migrations left to a deploy step, refuse to start on a schema that is behind, rather than fail on the first command. */
async function checkMigrated(driver: SqlDriver, schema: string): Promise<MigrationReport> {
  const latest = Math.max(...storeMigrations(schema).map((migration) => migration.version));
  let current = 0;
  try {
    const { rows } = await driver.query<{ current: number | null }>(
      `SELECT max(version)::integer AS current FROM ${quoteSchema(schema)}.schema_migrations`,
    );
    current = rows[0]?.current ?? 0;
  } catch {
    // No migrations table yet: the schema has never been migrated.
  }
  if (current < latest) {
    throw new StoreError(
      'migration-mismatch',
      `Schema "${schema}" is at migration ${current}, but this version of @councilkit/store-postgres needs ${latest}. Run migrate() (or start once with migrate: true).`,
    );
  }
  return { schema, applied: [], current };
}

/**
 * Build a `CaseStore` on any {@link SqlDriver}. {@link createPostgresStore}
 * and {@link createPGliteStore} call this; use it directly when you already
 * hold a driver (for example one shared with other councilkit stores).
 *
 * Every command is one statement: the version-checked case update, its audit
 * events, idempotency record, timer changes and outbox messages commit together
 * or not at all. Claims use `FOR UPDATE SKIP LOCKED` with leases, so any number
 * of processes can run schedulers and dispatchers against one database.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPGliteDriver, createSqlStore } from '@councilkit/store-postgres';
 *
 * const driver = createPGliteDriver({ db: await PGlite.create(), ownsDb: true });
 * const store = await createSqlStore({ driver, schema: 'cases' });
 * ```
 */
export async function createSqlStore(options: SqlStoreOptions): Promise<SqlCaseStore> {
  const { driver, schema = DEFAULT_SCHEMA } = options;
  const s = quoteSchema(schema);
  const grouping = groupCommitSettings(options.groupCommit, driver.kind);
  const migration = options.migrate === false ? await checkMigrated(driver, schema) : await migrate(driver, { schema });
  const variants = new Map<string, CommitVariant>();
  const batches = new Map<string, BatchStatement>();
  // The column values this process last wrote for each case, by version. A
  // version is written exactly once, so when a commit starts from a version we
  // wrote, the stored row is exactly these values and only the columns that
  // differ need sending. Anything else (first touch, a version written by
  // another process) sends every column.
  const written = new Map<string, { version: number; values: unknown[] }>();
  const db: SqlExecutor = driver;

  function variantFor(parts: number, columns: number): CommitVariant {
    let key = `${parts}:${columns}`;
    let variant = variants.get(key);
    if (variant === undefined) {
      // Keep the number of prepared shapes bounded, whatever callers change.
      if (variants.size >= MAX_VARIANTS) {
        key = `${parts}:${ALL_COLUMNS}`;
        variant = variants.get(key);
        if (variant) return variant;
        columns = ALL_COLUMNS;
      }
      variant = buildVariant(s, parts, columns);
      variants.set(key, variant);
    }
    return variant;
  }

  function remember(caseId: string, version: number, values: unknown[]): void {
    written.delete(caseId);
    if (written.size >= MAX_REMEMBERED) written.delete(written.keys().next().value as string);
    written.set(caseId, { version, values });
  }

  async function rows(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await db.query<Row>(text, params)).rows;
  }

  /** The stored version of a case; 0 when there is none, as the port's conflict errors report it. */
  async function currentVersion(caseId: string): Promise<number> {
    const found = await rows(`SELECT version FROM ${s}.cases WHERE id = $1::text`, [caseId]);
    return found[0] === undefined ? 0 : Number(found[0].version);
  }

  /** A checked commit with its case row as column values and the columns its UPDATE must set. */
  interface Pending {
    change: CaseCommit;
    values: unknown[];
    columns: number;
  }

  function pending(change: CaseCommit): Pending {
    checkCommit(change);
    const next = change.case;
    const values = CASE_COLUMNS.map(([, , value]) => value(next));
    let columns = ALL_COLUMNS;
    const before = written.get(next.id);
    if (change.expectedVersion > 0 && before?.version === change.expectedVersion) {
      columns = 1 << VERSION;
      for (let i = 1; i < values.length; i += 1) if (values[i] !== before.values[i]) columns |= 1 << i;
      columns >>>= 0;
    }
    return { change, values, columns };
  }

  async function versionConflict(change: CaseCommit, actual?: number): Promise<ConflictError> {
    const caseId = change.case.id;
    written.delete(caseId);
    const current = actual ?? (await currentVersion(caseId));
    return new ConflictError(
      'version-conflict',
      `Case ${caseId} is at version ${current}, not ${change.expectedVersion}: reload it and try again`,
      { caseId, expectedVersion: change.expectedVersion, actualVersion: current },
    );
  }

  async function commitAlone({ change, values, columns }: Pending): Promise<void> {
    const next = change.case;
    const variant = variantFor(partsOf(change), columns);
    const input = { change, values };
    const params = variant.params.map((get) => get(input));
    let applied: number;
    try {
      const result = await db.query<{ applied: number }>(variant.text, params);
      applied = result.rows[0]?.applied ?? 0;
    } catch (error) {
      written.delete(next.id);
      const { code, constraint } = databaseCode(error);
      if (code === '23505' && constraint === 'cases_pkey') {
        throw new ConflictError('case-exists', `Case ${next.id} already exists`, {
          caseId: next.id,
          expectedVersion: 0,
          actualVersion: await currentVersion(next.id),
        });
      }
      if (code === '22P05' || code === '22021') {
        // PostgreSQL text and jsonb cannot hold the NUL character (U+0000).
        throw new StoreError('invalid-commit', `Case ${next.id} holds text PostgreSQL cannot store (the NUL character, U+0000); remove it and try again`, {
          cause: error,
        });
      }
      if (code === '23505' && constraint === 'idempotency_keys_pkey') {
        throw new ConflictError(
          'idempotency-key-taken',
          `Idempotency key ${change.idempotency?.key ?? ''} was already used`,
          { caseId: next.id, expectedVersion: change.expectedVersion, actualVersion: await currentVersion(next.id) },
        );
      }
      throw error;
    }
    if (applied === 0) throw await versionConflict(change);
    remember(next.id, next.version, values);
  }

  async function commitBatch(batch: readonly Pending[]): Promise<ReadonlyArray<Error | undefined>> {
    let columns = 0;
    let parts = 0;
    for (const item of batch) {
      columns |= item.columns;
      parts |= batchPartsOf(item.change);
    }
    columns >>>= 0;
    let key = `${columns}:${parts}`;
    let statement = batches.get(key);
    if (statement === undefined) {
      // Keep the number of prepared shapes bounded, whatever callers change.
      if (batches.size >= MAX_VARIANTS) {
        columns = ALL_COLUMNS;
        key = `${columns}:${parts}`;
      }
      statement = batches.get(key) ?? buildBatch(s, columns, parts);
      batches.set(key, statement);
    }
    const caseRows: string[] = [];
    const lists: Record<BatchParam, string[]> = { events: [], keys: [], timers: [], outbox: [] };
    for (const { change, values } of batch) {
      caseRows.push(batchRow(change, values, columns, parts));
      for (const event of change.events) lists.events.push(JSON.stringify(event));
      for (const timer of change.scheduleTimers ?? []) lists.timers.push(JSON.stringify(timer));
      for (const message of change.outbox ?? []) lists.outbox.push(JSON.stringify(message));
      const idempotency = change.idempotency;
      if (idempotency) {
        lists.keys.push(
          JSON.stringify({
            o: change.case.id,
            key: idempotency.key,
            fingerprint: Buffer.from(idempotency.fingerprint, 'utf8').toString('hex'),
            caseId: idempotency.caseId,
            outcome: idempotency.outcome,
            createdAt: idempotency.createdAt,
          }),
        );
      }
    }
    const params = [`[${caseRows.join(',')}]`, ...statement.params.map((name) => `[${lists[name].join(',')}]`)];
    const { rows: appliedRows } = await db.query<{ id: string }>(statement.text, params);
    const applied = new Set(appliedRows.map((row) => row.id));
    const refused = batch.filter(({ change }) => !applied.has(change.case.id)).map(({ change }) => change.case.id);
    // One read for every refused commit in the batch, for the versions their conflicts report.
    const versions = new Map<string, number>();
    if (refused.length > 0) {
      const found = await rows(`SELECT id, version FROM ${s}.cases WHERE id = ANY($1::text[])`, [refused]);
      for (const row of found) versions.set(String(row.id), Number(row.version));
    }
    return Promise.all(
      batch.map(async ({ change, values }) => {
        if (applied.has(change.case.id)) {
          remember(change.case.id, change.case.version, values);
          return undefined;
        }
        return versionConflict(change, versions.get(change.case.id) ?? 0);
      }),
    );
  }

  const grouped =
    grouping &&
    createGroupCommit<Pending>({
      single: commitAlone,
      batch: commitBatch,
      key: (item) => item.change.case.id,
      maxBatch: grouping.maxBatch,
      maxInFlight: grouping.maxInFlight,
    });

  async function commit(change: CaseCommit): Promise<void> {
    const item = pending(change);
    return grouped && batchable(change) ? grouped(item) : commitAlone(item);
  }

  async function findCases(query: CaseQuery): Promise<CaseRecord[]> {
    const w = whereBuilder();
    if (query.caseType !== undefined) w.add((p) => `case_type = ${p()}::text`, query.caseType);
    if (query.citizenId !== undefined) w.add((p) => `citizen_id = ${p()}::text`, query.citizenId);
    if (query.statuses !== undefined) w.add((p) => `status = ANY(${p()}::text[])`, [...query.statuses]);
    if (query.states !== undefined) w.add((p) => `state = ANY(${p()}::text[])`, [...query.states]);
    if (query.team !== undefined) w.add((p) => `team = ${p()}::text`, query.team);
    if (query.queue !== undefined) w.add((p) => `queue = ${p()}::text`, query.queue);
    if (query.assignee !== undefined) w.add((p) => `assignee = ${p()}::text`, query.assignee);
    if (query.channel !== undefined) w.add((p) => `channel = ${p()}::text`, query.channel);
    if (query.breachAtOrBefore !== undefined) {
      w.add((p) => `sla_breach_at <= ${p()}::timestamptz AND sla_paused_at IS NULL`, query.breachAtOrBefore);
    }
    if (query.openedFrom !== undefined) w.add((p) => `opened_at >= ${p()}::timestamptz`, query.openedFrom);
    if (query.openedBefore !== undefined) w.add((p) => `opened_at < ${p()}::timestamptz`, query.openedBefore);
    if (query.resolvedFrom !== undefined) w.add((p) => `resolved_at >= ${p()}::timestamptz`, query.resolvedFrom);
    if (query.resolvedBefore !== undefined) w.add((p) => `resolved_at < ${p()}::timestamptz`, query.resolvedBefore);
    if (query.externalReference !== undefined) {
      const { system, reference } = query.externalReference;
      w.add((p) => `external_references @> ${p()}::jsonb`, JSON.stringify([{ system, reference }]));
    }
    let tail = 'ORDER BY opened_at, id';
    if (query.limit !== undefined) tail += ` LIMIT ${w.param(query.limit)}::integer`;
    if (query.offset !== undefined && query.offset > 0) tail += ` OFFSET ${w.param(query.offset)}::integer`;
    return (await rows(`SELECT * FROM ${s}.cases ${w.sql()} ${tail}`, w.params)).map(toCase);
  }

  async function claimDueTimers(request: ClaimRequest): Promise<TimerRecord[]> {
    const claimed = await rows(
      `WITH due AS (
        SELECT id FROM ${s}.timers
        WHERE status IN ('pending', 'claimed') AND due_at <= $2::timestamptz
          AND (status = 'pending' OR lease_expires_at <= $2::timestamptz)
        ORDER BY due_at, id
        LIMIT $3::integer
        FOR UPDATE SKIP LOCKED
      )
      UPDATE ${s}.timers t
      SET status = 'claimed', lease_owner = $1::text, attempts = t.attempts + 1,
          lease_expires_at = $2::timestamptz + make_interval(secs => $4::double precision / 1000)
      FROM due WHERE t.id = due.id
      RETURNING t.*`,
      [request.workerId, request.now, request.limit, request.leaseMs],
    );
    return claimed.map(toTimer).sort((a, b) => compareText(a.dueAt, b.dueAt) || compareText(a.id, b.id));
  }

  async function completeTimer(completion: TimerCompletion): Promise<boolean> {
    const result = await db.query(
      `UPDATE ${s}.timers SET status = 'fired', fired_at = $3::timestamptz, lateness_ms = $4::bigint,
         lease_owner = NULL, lease_expires_at = NULL
       WHERE id = $1::text AND status = 'claimed' AND lease_owner = $2::text`,
      [completion.id, completion.workerId, completion.firedAt, Math.round(completion.latenessMs)],
    );
    return result.rowCount > 0;
  }

  async function listTimers(query: TimerQuery = {}): Promise<TimerRecord[]> {
    const w = whereBuilder();
    if (query.caseId !== undefined) w.add((p) => `case_id = ${p()}::text`, query.caseId);
    if (query.statuses !== undefined) w.add((p) => `status = ANY(${p()}::text[])`, [...query.statuses]);
    return (await rows(`SELECT * FROM ${s}.timers ${w.sql()} ORDER BY due_at, id`, w.params)).map(toTimer);
  }

  async function claimOutbox(request: OutboxClaimRequest): Promise<OutboxMessage[]> {
    const claimed = await rows(
      `WITH due AS (
        SELECT id FROM ${s}.outbox
        WHERE status = 'pending' AND next_attempt_at <= $2::timestamptz
          AND (lease_expires_at IS NULL OR lease_expires_at <= $2::timestamptz)
          AND ($5::text[] IS NULL OR destination = ANY($5::text[]))
        ORDER BY created_at, id
        LIMIT $3::integer
        FOR UPDATE SKIP LOCKED
      )
      UPDATE ${s}.outbox o
      SET lease_owner = $1::text, attempts = o.attempts + 1,
          lease_expires_at = $2::timestamptz + make_interval(secs => $4::double precision / 1000)
      FROM due WHERE o.id = due.id
      RETURNING o.*`,
      [request.workerId, request.now, request.limit, request.leaseMs, request.destinations ? [...request.destinations] : null],
    );
    // RETURNING has no order; put the oldest first as the port promises.
    return claimed.map(toOutbox).sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
  }

  async function leased(text: string, params: unknown[]): Promise<boolean> {
    return (await db.query(text, params)).rowCount > 0;
  }

  async function listOutbox(query: OutboxQuery = {}): Promise<OutboxMessage[]> {
    const w = whereBuilder();
    if (query.caseId !== undefined) w.add((p) => `case_id = ${p()}::text`, query.caseId);
    if (query.destination !== undefined) w.add((p) => `destination = ${p()}::text`, query.destination);
    if (query.statuses !== undefined) w.add((p) => `status = ANY(${p()}::text[])`, [...query.statuses]);
    const limit = query.limit === undefined ? '' : ` LIMIT ${w.param(query.limit)}::integer`;
    return (await rows(`SELECT * FROM ${s}.outbox ${w.sql()} ORDER BY created_at, id${limit}`, w.params)).map(toOutbox);
  }

  return {
    kind: driver.kind,
    schema,
    migration,
    driver,
    close: () => driver.close(),
    commit,
    pseudonymiseCase: (input) => pseudonymiseSqlCase(driver, s, input),

    async getCase(caseId) {
      const found = await rows(`SELECT * FROM ${s}.cases WHERE id = $1::text`, [caseId]);
      return found[0] ? toCase(found[0]) : undefined;
    },

    async listEvents(caseId): Promise<CaseEvent[]> {
      return (await rows(`SELECT * FROM ${s}.case_events WHERE case_id = $1::text ORDER BY sequence`, [caseId])).map(toEvent);
    },

    findCases,

    async getIdempotency(key): Promise<IdempotencyRecord | undefined> {
      const found = await rows(
        `SELECT key, case_id, outcome, created_at, encode(fingerprint, 'hex') AS fingerprint_hex FROM ${s}.idempotency_keys WHERE key = $1::text`,
        [key],
      );
      return found[0] ? toIdempotency(found[0]) : undefined;
    },

    async loadForCommand({ caseId, idempotencyKey }): Promise<CommandSnapshot> {
      // One round trip for both reads the engine makes before a command; the
      // columns are those getCase and getIdempotency read, so the answers match.
      const found = await rows(
        `SELECT c.*, i.key AS ik_key, i.case_id AS ik_case_id, i.outcome AS ik_outcome, i.created_at AS ik_created_at,
                encode(i.fingerprint, 'hex') AS ik_fingerprint_hex
           FROM (SELECT 1) AS one
           LEFT JOIN ${s}.cases c ON c.id = $1::text
           LEFT JOIN ${s}.idempotency_keys i ON i.key = $2::text`,
        [caseId, idempotencyKey],
      );
      const row = found[0];
      const current = row && row.id != null ? toCase(row) : undefined;
      const seen =
        row && row.ik_key != null
          ? toIdempotency({ key: row.ik_key, case_id: row.ik_case_id, outcome: row.ik_outcome, created_at: row.ik_created_at, fingerprint_hex: row.ik_fingerprint_hex })
          : undefined;
      return { case: current, idempotency: seen };
    },

    async recordAccessDenied(record: AccessDeniedRecord) {
      await db.query(
        `INSERT INTO ${s}.access_denied (id, at, actor_id, actor_teams, action, case_type, case_id, reason)
         VALUES ($1::text, $2::timestamptz, $3::text, $4::jsonb, $5::text, $6::text, $7::text, $8::text)`,
        [
          record.id,
          record.at,
          record.actorId,
          JSON.stringify(record.actorTeams),
          record.action,
          record.caseType,
          record.caseId ?? null,
          record.reason,
        ],
      );
    },

    async listAccessDenied(query: AccessDeniedQuery = {}) {
      const w = whereBuilder();
      if (query.caseId !== undefined) w.add((p) => `case_id = ${p()}::text`, query.caseId);
      if (query.actorId !== undefined) w.add((p) => `actor_id = ${p()}::text`, query.actorId);
      const limit = query.limit === undefined ? '' : ` LIMIT ${w.param(query.limit)}::integer`;
      return (await rows(`SELECT * FROM ${s}.access_denied ${w.sql()} ORDER BY seq${limit}`, w.params)).map(
        toAccessDenied,
      );
    },

    claimDueTimers,
    completeTimer,
    listTimers,
    claimOutbox,

    markDelivered(input: { id: string; workerId: string; at: string; result?: JsonObject }) {
      return leased(
        `UPDATE ${s}.outbox SET status = 'delivered', delivered_at = $3::timestamptz, result = $4::jsonb,
           lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $1::text AND status = 'pending' AND lease_owner = $2::text`,
        [input.id, input.workerId, input.at, input.result === undefined ? null : JSON.stringify(input.result)],
      );
    },

    markFailed(input: { id: string; workerId: string; error: string; nextAttemptAt: string }) {
      return leased(
        `UPDATE ${s}.outbox SET last_error = $3::text, next_attempt_at = $4::timestamptz, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $1::text AND status = 'pending' AND lease_owner = $2::text`,
        [input.id, input.workerId, input.error, input.nextAttemptAt],
      );
    },

    markIncident(input: { id: string; workerId: string; reason: string; at: string }) {
      return leased(
        `UPDATE ${s}.outbox SET status = 'incident', incident_reason = $3::text, incident_at = $4::timestamptz,
           lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $1::text AND status = 'pending' AND lease_owner = $2::text`,
        [input.id, input.workerId, input.reason, input.at],
      );
    },

    retryIncident(input: { id: string; nextAttemptAt: string }) {
      return leased(
        `UPDATE ${s}.outbox SET status = 'pending', next_attempt_at = $2::timestamptz
         WHERE id = $1::text AND status = 'incident'`,
        [input.id, input.nextAttemptAt],
      );
    },

    async listIncidents(query: { destination?: string; limit?: number } = {}) {
      return listOutbox({ ...query, statuses: ['incident'] });
    },

    async getOutboxMessage(id) {
      const found = await rows(`SELECT * FROM ${s}.outbox WHERE id = $1::text`, [id]);
      return found[0] ? toOutbox(found[0]) : undefined;
    },

    listOutbox,

    async getCursor(name) {
      const found = await rows(`SELECT value FROM ${s}.cursors WHERE name = $1::text`, [name]);
      return found[0]?.value as string | undefined;
    },

    async setCursor(name, value) {
      await db.query(
        `INSERT INTO ${s}.cursors (name, value, updated_at) VALUES ($1::text, $2::text, now())
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
        [name, value],
      );
    },
  };
}
