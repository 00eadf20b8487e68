import { createPGliteStore } from './pglite-store.js';
import { createPostgresStore } from './postgres-store.js';
import type { SqlCaseStore } from './sql-store.js';

/**
 * Options for {@link createStore}.
 *
 * @example
 * ```ts
 * const options: CreateStoreOptions = { dataDir: './data/cases', schema: 'councilkit' };
 * const store = await createStore(options);
 * ```
 */
export interface CreateStoreOptions {
  /** PostgreSQL URL. Default: `process.env.DATABASE_URL`. When neither is set, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory when no database URL is given. Default: none (in memory). */
  dataDir?: string;
  /** PostgreSQL schema holding the tables. Default: `"councilkit"`. */
  schema?: string;
  /** Pool size for PostgreSQL. Default: `10`. */
  poolSize?: number;
}

/**
 * Pick the store from the environment: PostgreSQL when a database URL is
 * given (or `DATABASE_URL` is set), otherwise embedded PGlite in `dataDir`
 * (or in memory). One line for apps that run the same code on a laptop and in
 * production.
 *
 * @example
 * ```ts
 * import { createStore } from '@councilkit/store-postgres';
 *
 * // DATABASE_URL=postgres://... in production; nothing set on a laptop.
 * const store = await createStore({ dataDir: './data/cases' });
 * console.log(`cases kept in ${store.kind}`);
 * ```
 */
export async function createStore(options: CreateStoreOptions = {}): Promise<SqlCaseStore> {
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const { schema, dataDir, poolSize } = options;
  if (databaseUrl !== undefined) {
    return createPostgresStore({
      connectionString: databaseUrl,
      ...(schema === undefined ? {} : { schema }),
      ...(poolSize === undefined ? {} : { poolSize }),
    });
  }
  return createPGliteStore({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(schema === undefined ? {} : { schema }),
  });
}
