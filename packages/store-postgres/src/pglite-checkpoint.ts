import type { PGlite } from '@electric-sql/pglite';

// PGlite runs PostgreSQL as a single backend with no checkpointer process, and
// a standalone backend never checkpoints on its own while it is open: neither
// checkpoint_timeout nor max_wal_size triggers one. Left alone, the write-ahead
// log grows with every write for as long as the process lives (in memory, or
// on disk in a data directory), and after a crash the next start replays all
// of it. So the driver asks for a checkpoint itself once enough WAL has built
// up; PostgreSQL then recycles or removes the old segments.

/** How often (in statements) to look at how much WAL the last checkpoint left behind: one cheap query in this many. */
const CHECK_EVERY = 256;

const PENDING_WAL = `SELECT (pg_current_wal_insert_lsn() - redo_lsn)::float8 AS pending FROM pg_control_checkpoint()`;

/** Internal to the driver: counts statements and checkpoints in the background when the WAL since the last one passes a size. */
export interface WalCheckpointer {
  /** Note that a statement ran; every so often this starts a background check. */
  ran(): void;
  /** Wait for a check or checkpoint under way, so the database can close cleanly. */
  settle(): Promise<void>;
}

/** A checkpointer that never checkpoints, for `checkpointWalBytes: false`. */
const OFF: WalCheckpointer = { ran: () => undefined, settle: async () => undefined };

export function createWalCheckpointer(db: PGlite, walBytes: number | false): WalCheckpointer {
  if (walBytes === false) return OFF;
  const threshold = walBytes;
  let statements = 0;
  let running: Promise<void> | undefined;

  async function check(): Promise<void> {
    const { rows } = await db.query<{ pending: number }>(PENDING_WAL);
    if ((rows[0]?.pending ?? 0) >= threshold) await db.exec('CHECKPOINT');
  }

  return {
    ran() {
      statements += 1;
      if (statements < CHECK_EVERY || running !== undefined || db.closed) return;
      statements = 0;
      // Nobody awaits this: the statement that tripped the count should not
      // pay for the checkpoint. A failure only means the log is trimmed later
      // (PostgreSQL checkpoints anyway when the database closes).
      running = check()
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
    },
    async settle() {
      await running;
    },
  };
}
