import type { PGlite } from '@electric-sql/pglite';

// PGlite runs PostgreSQL as one backend, without the background processes a
// server relies on to keep itself tidy:
// - no checkpointer: a standalone backend never checkpoints on its own while
//   it is open (neither checkpoint_timeout nor max_wal_size triggers one), so
//   the write-ahead log grows with every write for as long as the process
//   lives, and after a crash the next start replays all of it;
// - no autovacuum: dead row versions are never reclaimed (a case updated ten
//   thousand times keeps ten thousand of them, and its indexes point at each)
//   and tables are never analysed, so the planner works without statistics.
// The driver does both jobs itself, with the thresholds a server would use.

/** How often (in statements) to look at the write-ahead log: one cheap query in this many. */
const WAL_CHECK_EVERY = 256;

const PENDING_WAL = `SELECT (pg_current_wal_insert_lsn() - redo_lsn)::float8 AS pending FROM pg_control_checkpoint()`;

// autovacuum's default rule: vacuum past 50 dead rows + 20% of the table,
// analyse past 50 changed rows + 10% (reltuples is -1 before the first analyse).
const DUE_TABLES = `SELECT format('%I.%I', s.schemaname, s.relname) AS name,
    s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) AS vacuum
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
     OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`;

/** What the housekeeping does; both on by default in the driver. */
export interface HousekeepingSettings {
  /** Checkpoint once this many bytes of WAL follow the last checkpoint; `false` never. */
  checkpointWalBytes: number | false;
  /**
   * Vacuum and analyse tables past autovacuum's default thresholds, looking at
   * most once per `naptimeMs`; `false` never.
   */
  vacuum: false | { naptimeMs: number };
}

/** Internal to the driver: counts statements and tidies up in the background when something is due. */
export interface Housekeeping {
  /** Note that a statement ran; every so often this starts a background check. */
  ran(): void;
  /** Wait for a check, checkpoint or vacuum under way, so the database can close cleanly. */
  settle(): Promise<void>;
}

export function createPGliteHousekeeping(db: PGlite, settings: HousekeepingSettings): Housekeeping {
  const { checkpointWalBytes, vacuum } = settings;
  if (checkpointWalBytes === false && !vacuum) return { ran: () => undefined, settle: async () => undefined };
  let statements = 0;
  // Like autovacuum's launcher, the first look at the tables comes one naptime after start.
  let lastTableLook = performance.now();
  let running: Promise<void> | undefined;

  async function checkpoint(): Promise<void> {
    if (checkpointWalBytes === false) return;
    const { rows } = await db.query<{ pending: number }>(PENDING_WAL);
    if ((rows[0]?.pending ?? 0) >= checkpointWalBytes) await db.exec('CHECKPOINT');
  }

  async function vacuumDueTables(): Promise<void> {
    // A single backend only hands its table statistics over when told to;
    // they are then there for the next statement.
    await db.query('SELECT pg_stat_force_next_flush()');
    const { rows } = await db.query<{ name: string; vacuum: boolean }>(DUE_TABLES);
    for (const table of rows) await db.exec(table.vacuum ? `VACUUM (ANALYZE) ${table.name}` : `ANALYZE ${table.name}`);
  }

  // Each job on its own: a failure (a table dropped meanwhile, the database
  // closing) only means that job is done on a later look, and never stops the other.
  async function tidy(lookAtTables: boolean): Promise<void> {
    await checkpoint().catch(() => undefined);
    if (lookAtTables) await vacuumDueTables().catch(() => undefined);
  }

  return {
    ran() {
      statements += 1;
      if (statements < WAL_CHECK_EVERY || running !== undefined || db.closed) return;
      statements = 0;
      // Autovacuum runs beside a server's backends; here a VACUUM holds up every
      // statement queued behind it, so tables are looked at no more often than
      // autovacuum would (autovacuum_naptime), however busy the database is.
      const now = performance.now();
      const lookAtTables = vacuum !== false && now - lastTableLook >= vacuum.naptimeMs;
      if (lookAtTables) lastTableLook = now;
      // Nobody awaits this: the statement that tripped the count should not pay for the work.
      running = tidy(lookAtTables).finally(() => {
        running = undefined;
      });
    },
    async settle() {
      await running;
    },
  };
}
