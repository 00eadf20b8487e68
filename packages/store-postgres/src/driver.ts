import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { StoreError } from './errors.js';
import { createPGliteHousekeeping } from './pglite-housekeeping.js';
import { createPreparedQuery } from './pglite-prepared.js';

/**
 * The rows one statement returned, and how many rows it touched.
 *
 * @example
 * ```ts
 * const { rows, rowCount }: SqlResult<{ id: string }> = await driver.query('SELECT id FROM councilkit.cases LIMIT 5');
 * ```
 */
export interface SqlResult<Row> {
  /** The rows, with column names as keys. */
  rows: Row[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  rowCount: number;
}

/**
 * Something that runs one parameterised statement. Values always travel as
 * parameters (`$1`, `$2`, ...), never spliced into the text, so data that looks
 * like SQL is stored verbatim.
 *
 * @example
 * ```ts
 * const { rows } = await executor.query<{ id: string }>('SELECT id FROM ck.cases WHERE state = $1', ['received']);
 * ```
 */
export interface SqlExecutor {
  /** Run one statement with positional parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
}

/**
 * The tiny driver interface the store runs on. PostgreSQL (through `pg`) and
 * PGlite both satisfy it, so the store holds exactly one SQL dialect.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPgDriver } from '@councilkit/store-postgres';
 *
 * const driver = createPgDriver({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await driver.transaction(async (tx) => {
 *   await tx.query('INSERT INTO audit.notes (text) VALUES ($1)', ['hello']);
 * });
 * await driver.close();
 * ```
 */
export interface SqlDriver extends SqlExecutor {
  /** Which engine answers: a PostgreSQL server or embedded PGlite. */
  readonly kind: 'postgresql' | 'pglite';
  /**
   * Run `work` inside one transaction on one connection: commit when it
   * resolves, roll back when it throws (and rethrow).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Release the connections (or the embedded database) if this driver owns them. */
  close(): Promise<void>;
}

/**
 * Options for {@link createPgDriver}.
 *
 * @example
 * ```ts
 * const options: PgDriverOptions = { pool: new pg.Pool({ max: 20 }), ownsPool: true, prepare: true };
 * const driver = createPgDriver(options);
 * ```
 */
export interface PgDriverOptions {
  /** A `pg` pool. */
  pool: Pool;
  /**
   * Whether {@link SqlDriver.close} ends the pool. Default: `false`, because
   * a pool handed in usually belongs to the caller.
   */
  ownsPool?: boolean;
  /**
   * Use named prepared statements, so PostgreSQL plans each statement once per
   * connection instead of on every call. Default: `true`.
   */
  prepare?: boolean;
}

const names = new Map<string, string>();

/** Statement names must be stable per text and short; PostgreSQL caps identifiers at 63 bytes. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = hashName(text);
    // The store's statement texts are a small fixed set; the cap only guards callers who build texts freely.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

function hashName(text: string): string {
  // FNV-1a, twice with different seeds, is enough to keep distinct texts apart.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return `ck_${(a >>> 0).toString(36)}_${(b >>> 0).toString(36)}`;
}

function pgExecutor(run: Pick<Pool | PoolClient, 'query'>, prepare: boolean): SqlExecutor {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const config = prepare
        ? { name: statementName(text), text, values: params as unknown[] }
        : { text, values: params as unknown[] };
      const result = await run.query<QueryResultRow>(config);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
  };
}

/**
 * Adapt a `pg` pool to {@link SqlDriver}. Each transaction checks out one
 * connection for its whole life and always gives it back.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPgDriver } from '@councilkit/store-postgres';
 *
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/council', max: 20 });
 * const driver = createPgDriver({ pool, ownsPool: true });
 * const { rows } = await driver.query<{ now: Date }>('SELECT now() AS now');
 * ```
 */
export function createPgDriver(options: PgDriverOptions): SqlDriver {
  const { pool, ownsPool = false, prepare = true } = options;
  const direct = pgExecutor(pool, prepare);
  return {
    kind: 'postgresql',
    query: direct.query,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(pgExecutor(client, prepare));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            // A connection that cannot roll back is unusable; destroy it rather than poison the pool.
            broken = true;
          }
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}

/**
 * Options for {@link createPGliteDriver}.
 *
 * @example
 * ```ts
 * const options: PGliteDriverOptions = { db: await PGlite.create('./data/cases'), ownsDb: true, checkpointWalBytes: 64 * 1024 * 1024 };
 * const driver = createPGliteDriver(options);
 * ```
 */
export interface PGliteDriverOptions {
  /** An open PGlite database. */
  db: PGlite;
  /** Whether {@link SqlDriver.close} closes the database. Default: `false`. */
  ownsDb?: boolean;
  /**
   * Keep a named prepared statement per distinct data statement, so PGlite
   * plans each one once instead of on every call. Default: `true`.
   */
  prepare?: boolean;
  /**
   * Checkpoint once this many bytes of write-ahead log have built up since the
   * last checkpoint. PGlite has no background checkpointer, so without this
   * the log grows with every write for as long as the database is open (in
   * memory, or on disk in a data directory) and a crash replays all of it on
   * the next start. The driver looks every few hundred statements, with one
   * small query, and checkpoints in the background. `false` leaves
   * checkpoints to you (`CHECKPOINT`) and to closing the database.
   * Default: 32 MiB.
   */
  checkpointWalBytes?: number | false;
  /**
   * Vacuum and analyse tables as PostgreSQL's autovacuum would, which PGlite
   * does not run: a table is vacuumed once its dead rows pass 50 plus 20% of
   * its size, and analysed once its changed rows pass 50 plus 10%. Without
   * it, every version of an updated row stays on disk and the planner never
   * gets statistics. The driver looks at the tables at most once a
   * `naptimeMs` (default 60 seconds, autovacuum's own `autovacuum_naptime`)
   * and does the work in the background; PGlite runs one statement at a time,
   * so a look any more often would hold up the statements queued behind it.
   * `false` leaves it to you (`VACUUM`, `ANALYZE`).
   * Default: `true` (`{ naptimeMs: 60_000 }`).
   */
  vacuum?: boolean | PGliteVacuumOptions;
}

/**
 * How often {@link createPGliteDriver} looks for tables to vacuum and analyse.
 *
 * @example
 * ```ts
 * // Look every ten seconds, for a process that churns a small table hard.
 * const driver = createPGliteDriver({ db, vacuum: { naptimeMs: 10_000 } });
 * ```
 */
export interface PGliteVacuumOptions {
  /**
   * The least time between two looks at the tables, in milliseconds; `0`
   * looks every few hundred statements. Default: 60,000, as
   * PostgreSQL's `autovacuum_naptime`.
   */
  naptimeMs?: number;
}

/** Default for {@link PGliteDriverOptions.checkpointWalBytes}: two WAL segments. */
const CHECKPOINT_WAL_BYTES = 32 * 1024 * 1024;
/** Default for {@link PGliteVacuumOptions.naptimeMs}: PostgreSQL's autovacuum_naptime. */
const VACUUM_NAPTIME_MS = 60_000;

// Only data statements are worth keeping prepared; DDL runs once.
const PREPARABLE = /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i;

function pgliteExecutor(run: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await run.query<Row>(text, params as unknown[]);
      // PGlite reports 0 affected rows for a SELECT, so count what came back too.
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
  };
}

/**
 * Adapt a PGlite database to {@link SqlDriver}. PGlite has one connection and
 * queues callers itself, so the same SQL (row locks, `SKIP LOCKED`) runs
 * unchanged; it simply never contends. PGlite also has none of PostgreSQL's
 * background processes, so the driver does their housekeeping: checkpoints
 * ({@link PGliteDriverOptions.checkpointWalBytes}) and autovacuum's work
 * ({@link PGliteDriverOptions.vacuum}).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPGliteDriver } from '@councilkit/store-postgres';
 *
 * const driver = createPGliteDriver({ db: await PGlite.create('./data/cases'), ownsDb: true });
 * await driver.query('SELECT 1');
 * ```
 */
export function createPGliteDriver(options: PGliteDriverOptions): SqlDriver {
  const { db, ownsDb = false, prepare = true, checkpointWalBytes = CHECKPOINT_WAL_BYTES, vacuum = true } = options;
  if (checkpointWalBytes !== false && !(Number.isFinite(checkpointWalBytes) && checkpointWalBytes > 0)) {
    throw new StoreError('invalid-options', `checkpointWalBytes must be a number of bytes above 0, or false; got ${String(checkpointWalBytes)}`);
  }
  const naptimeMs = typeof vacuum === 'object' ? (vacuum.naptimeMs ?? VACUUM_NAPTIME_MS) : VACUUM_NAPTIME_MS;
  if (!(Number.isFinite(naptimeMs) && naptimeMs >= 0)) {
    throw new StoreError('invalid-options', `vacuum.naptimeMs must be a number of milliseconds, 0 or more; got ${String(naptimeMs)}`);
  }
  const direct = pgliteExecutor(db);
  const prepared = createPreparedQuery(db);
  const housekeeping = createPGliteHousekeeping(db, { checkpointWalBytes, vacuum: vacuum === false ? false : { naptimeMs } });
  const run: SqlExecutor['query'] = prepare
    ? <Row>(text: string, params: readonly unknown[] = []) =>
        PREPARABLE.test(text) ? prepared<Row>(text, params) : direct.query<Row>(text, params)
    : direct.query;
  return {
    kind: 'pglite',
    query<Row>(text: string, params?: readonly unknown[]) {
      // Counted after the statement is queued, so housekeeping it starts queues behind it.
      const result = run<Row>(text, params);
      housekeeping.ran();
      return result;
    },
    transaction(work) {
      const result = db.transaction((tx) => work(pgliteExecutor(tx)));
      housekeeping.ran();
      return result;
    },
    async close() {
      await housekeeping.settle();
      if (ownsDb && !db.closed) await db.close();
    },
  };
}
