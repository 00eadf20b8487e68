import type { Pool } from 'pg';
import { createPgDriver } from './driver.js';
import { StoreError } from './errors.js';
import { loadPgPool } from './pg-pool.js';
import { createSqlStore, type SqlCaseStore } from './sql-store.js';

/**
 * Options for {@link createPostgresStore}: give a connection string or a pool.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: process.env.DATABASE_URL, poolSize: 20, schema: 'councilkit' };
 * const store = await createPostgresStore(options);
 * ```
 */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`. The store opens (and closes) its own pool. */
  connectionString?: string;
  /** A `pg` pool you manage. The store never ends it. */
  pool?: Pool;
  /**
   * Size of the pool the store opens from `connectionString`. Default: `10`.
   * Each concurrent command holds one connection for one statement; size it to
   * the concurrency you want per process, and keep the sum across processes
   * under the server's `max_connections`.
   */
  poolSize?: number;
  /** PostgreSQL schema holding the tables. Default: `"councilkit"`. */
  schema?: string;
  /** Apply pending migrations on start. Default: `true`. */
  migrate?: boolean;
  /** Use named prepared statements. Default: `true`; turn off behind PgBouncer in transaction mode before 1.21. */
  prepare?: boolean;
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code) || code.startsWith('08') || code === '3D000' || code === '28P01' || code === '28000')
  );
}

/**
 * The production case store: PostgreSQL through `pg`. Applies migrations on
 * start (safe when several processes start together) and returns a
 * {@link SqlCaseStore} that satisfies the `CaseStore` port of `@councilkit/cases`.
 *
 * @example
 * ```ts
 * import { createCaseEngine } from '@councilkit/cases';
 * import { createPostgresStore } from '@councilkit/store-postgres';
 *
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL, poolSize: 20 });
 * const engine = createCaseEngine({ store, caseTypes: [missedCollection] });
 * // on shutdown
 * await store.close();
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<SqlCaseStore> {
  const { connectionString, pool: given, poolSize = 10, schema, migrate, prepare } = options;
  if ((connectionString === undefined) === (given === undefined)) {
    throw new StoreError('invalid-options', 'Give exactly one of connectionString or pool');
  }
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new StoreError('invalid-options', `poolSize must be a whole number of 1 or more, got ${poolSize}`);
  }
  let pool: Pool;
  if (given) {
    pool = given;
  } else {
    const Pool = loadPgPool();
    pool = new Pool({ connectionString, max: poolSize });
    // An idle client dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
  }
  const driver = createPgDriver({ pool, ownsPool: given === undefined, ...(prepare === undefined ? {} : { prepare }) });
  try {
    return await createSqlStore({
      driver,
      ...(schema === undefined ? {} : { schema }),
      ...(migrate === undefined ? {} : { migrate }),
    });
  } catch (error) {
    await driver.close();
    if (isConnectionFailure(error)) {
      throw new StoreError('unavailable', `Could not reach PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}
