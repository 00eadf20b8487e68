import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { createPGliteDriver, type PGliteDriverOptions, type PGliteVacuumOptions, type SqlDriver } from './driver.js';
import { StoreError } from './errors.js';
import { createSqlStore, type SqlCaseStore } from './sql-store.js';

/**
 * Options for {@link createPGliteStore}.
 *
 * @example
 * ```ts
 * const options: PGliteStoreOptions = { dataDir: './data/cases' };
 * const store = await createPGliteStore(options);
 * ```
 */
export interface PGliteStoreOptions {
  /** Folder for the database files, kept across restarts. Default: none, the database lives in memory. */
  dataDir?: string;
  /** An open PGlite database you manage. The store never closes it. */
  db?: PGlite;
  /** PostgreSQL schema holding the tables. Default: `"councilkit"`. */
  schema?: string;
  /** Apply pending migrations on start. Default: `true`. */
  migrate?: boolean;
  /**
   * Checkpoint once this much write-ahead log has built up, since PGlite has
   * no background checkpointer: see {@link PGliteDriverOptions.checkpointWalBytes}.
   * `false` turns it off. Default: 32 MiB.
   */
  checkpointWalBytes?: number | false;
  /**
   * Vacuum and analyse tables as PostgreSQL's autovacuum would, which PGlite
   * does not run, looking at most once a minute: see {@link PGliteDriverOptions.vacuum}.
   * Default: `true`.
   */
  vacuum?: boolean | PGliteVacuumOptions;
}

/**
 * The embedded case store: PGlite (PostgreSQL compiled to WebAssembly) in this
 * process, in memory or in a data directory. Same SQL as
 * {@link createPostgresStore}, so moving to a server later is a connection
 * string, not a rewrite. One store at a time may open a data directory: a
 * lock file beside it (`<dataDir>.lock`) makes a second open fail with
 * {@link StoreError} reason `data-dir-in-use` rather than lose writes.
 *
 * @example
 * ```ts
 * import { createPGliteStore } from '@councilkit/store-postgres';
 *
 * const store = await createPGliteStore({ dataDir: './data/cases' });
 * const open = await store.findCases({ statuses: ['open'] });
 * await store.close();
 * ```
 */
export async function createPGliteStore(options: PGliteStoreOptions = {}): Promise<SqlCaseStore> {
  const { dataDir, db: given, schema, migrate, checkpointWalBytes, vacuum } = options;
  if (dataDir !== undefined && given !== undefined) {
    throw new StoreError('invalid-options', 'Give dataDir or db, not both');
  }
  if (dataDir !== undefined && dataDir.trim() === '') {
    throw new StoreError('invalid-options', 'dataDir must not be blank; leave it out for an in-memory database');
  }
  const release = dataDir === undefined ? () => undefined : lockDataDir(dataDir);
  let driver: SqlDriver | undefined;
  let created: PGlite | undefined;
  try {
    if (given === undefined) created = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    const db = given ?? created!;
    driver = createPGliteDriver({
      db,
      ownsDb: given === undefined,
      ...(checkpointWalBytes === undefined ? {} : { checkpointWalBytes }),
      ...(vacuum === undefined ? {} : { vacuum }),
    });
    const store = await createSqlStore({
      driver,
      ...(schema === undefined ? {} : { schema }),
      ...(migrate === undefined ? {} : { migrate }),
    });
    return {
      ...store,
      async close() {
        try {
          await store.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    if (driver) await driver.close();
    else if (created && !created.closed) await created.close();
    release();
    throw error;
  }
}
