import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { createPGliteDriver, type SqlDriver } from './driver.js';
import { createPGliteStore } from './pglite-store.js';

const opened: PGlite[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) if (!db.closed) await db.close();
});

async function openDb(): Promise<PGlite> {
  const db = await PGlite.create();
  opened.push(db);
  await db.exec('CREATE TABLE notes (body text NOT NULL)');
  return db;
}

/** Where the last checkpoint started, and how much WAL has been written since. */
async function walState(db: PGlite): Promise<{ redo: string; pending: number }> {
  const { rows } = await db.query<{ redo: string; pending: number }>(
    'SELECT redo_lsn::text AS redo, (pg_current_wal_insert_lsn() - redo_lsn)::float8 AS pending FROM pg_control_checkpoint()',
  );
  return rows[0]!;
}

/** About 4 MiB of WAL: random text does not compress, so every byte reaches the log. */
async function writeFourMiB(driver: SqlDriver): Promise<void> {
  for (let i = 0; i < 512; i += 1) {
    await driver.query('INSERT INTO notes (body) VALUES ($1)', [randomBytes(6144).toString('base64')]);
  }
}

describe('createPGliteDriver checkpoints', () => {
  it('checkpoints in the background once the WAL since the last checkpoint passes checkpointWalBytes', { timeout: 60_000 }, async () => {
    const db = await openDb();
    const before = await walState(db);
    const driver = createPGliteDriver({ db, checkpointWalBytes: 1024 * 1024 });
    await writeFourMiB(driver);
    await driver.close();
    const after = await walState(db);
    expect(after.redo).not.toBe(before.redo);
    // Checks come every few hundred statements, so at most one check's worth of writes is left behind.
    expect(after.pending).toBeLessThan(4 * 1024 * 1024);
  });

  it('leaves the WAL alone with checkpointWalBytes: false, which is what PGlite does by itself', { timeout: 60_000 }, async () => {
    const db = await openDb();
    const before = await walState(db);
    const driver = createPGliteDriver({ db, checkpointWalBytes: false });
    await writeFourMiB(driver);
    await driver.close();
    const after = await walState(db);
    expect(after.redo).toBe(before.redo);
    expect(after.pending).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('does not checkpoint below the threshold', { timeout: 60_000 }, async () => {
    const db = await openDb();
    const before = await walState(db);
    const driver = createPGliteDriver({ db });
    await writeFourMiB(driver);
    await driver.close();
    expect((await walState(db)).redo).toBe(before.redo);
  });

  it('closes a database it owns after a background checkpoint has finished', { timeout: 60_000 }, async () => {
    const db = await openDb();
    const driver = createPGliteDriver({ db, ownsDb: true, checkpointWalBytes: 1 });
    for (let i = 0; i < 300; i += 1) await driver.query('INSERT INTO notes (body) VALUES ($1)', ['x']);
    await driver.close();
    expect(db.closed).toBe(true);
  });

  it('refuses a checkpointWalBytes that is not a size, with a typed error', { timeout: 60_000 }, async () => {
    const db = await openDb();
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createPGliteDriver({ db, checkpointWalBytes: value })).toThrow(
        expect.objectContaining({ name: 'StoreError', reason: 'invalid-options' }),
      );
    }
  });
});

/** Dead rows, vacuums and analyses PostgreSQL has counted for a table. */
async function tableState(db: PGlite, table: string): Promise<{ dead: number; vacuums: number; analyses: number }> {
  // PGlite hands its statistics over only when told to, at the end of a statement.
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{ dead: number; vacuums: number; analyses: number }>(
    `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums, analyze_count::int AS analyses
     FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return rows[0]!;
}

/** 100 rows, each then updated 20 times through an indexed column: 2,000 dead row versions, far past autovacuum's threshold. */
async function churn(driver: SqlDriver): Promise<void> {
  await driver.query('CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL)');
  // Indexed, so no update can be HOT and pruned away on the page.
  await driver.query('CREATE INDEX counters_n_idx ON counters (n)');
  await driver.query('INSERT INTO counters (id, n) SELECT g, 0 FROM generate_series(1, 100) AS g');
  for (let round = 0; round < 20; round += 1) {
    for (let id = 1; id <= 100; id += 1) await driver.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  }
}

describe('createPGliteDriver vacuums and analyses, as autovacuum would', () => {
  it('vacuums a table whose dead rows pass the threshold, and analyses it', { timeout: 60_000 }, async () => {
    const db = await openDb();
    // naptimeMs 0: a look at the tables with every look at the log, so a short test sees several.
    const driver = createPGliteDriver({ db, checkpointWalBytes: false, vacuum: { naptimeMs: 0 } });
    await churn(driver);
    await driver.close();
    const state = await tableState(db, 'counters');
    expect(state.vacuums).toBeGreaterThan(0);
    expect(state.analyses).toBeGreaterThan(0);
    // The last look came at most a few hundred updates before the end.
    expect(state.dead).toBeLessThan(1000);
    const { rows } = await db.query<{ n: number }>('SELECT sum(n)::int AS n FROM counters');
    expect(rows[0]?.n).toBe(2000);
  });

  // Churning takes well under a minute, so with the default naptime no look at the tables has come yet.
  it.each([
    ['with vacuum: false, which is what PGlite does by itself', { vacuum: false }],
    ['before the naptime (default one minute, as autovacuum_naptime) has passed', {}],
  ] as const)('leaves dead rows and statistics alone %s', { timeout: 60_000 }, async (_, options) => {
    const db = await openDb();
    const driver = createPGliteDriver({ db, checkpointWalBytes: false, ...options });
    await churn(driver);
    await driver.close();
    const state = await tableState(db, 'counters');
    expect(state).toMatchObject({ vacuums: 0, analyses: 0 });
    expect(state.dead).toBeGreaterThan(1500);
  });

  it('looks at the tables once the naptime has passed', { timeout: 60_000 }, async () => {
    const db = await openDb();
    const naptimeMs = 2000;
    const driver = createPGliteDriver({ db, checkpointWalBytes: false, vacuum: { naptimeMs } });
    const started = performance.now();
    await churn(driver);
    const churnedWithinNaptime = performance.now() - started < naptimeMs;
    const early = await tableState(db, 'counters');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, naptimeMs - (performance.now() - started)) + 50));
    // The next look at the log (every few hundred statements) now takes in the tables too.
    for (let i = 0; i < 300; i += 1) await driver.query('SELECT n FROM counters WHERE id = $1', [1 + (i % 100)]);
    await driver.close();
    const late = await tableState(db, 'counters');
    // On a machine too slow to churn within the naptime the first look came during the churn.
    if (churnedWithinNaptime) {
      expect(early.vacuums).toBe(0);
      expect(late.vacuums).toBe(1);
    } else {
      expect(late.vacuums).toBeGreaterThan(0);
    }
    expect(late.dead).toBeLessThan(100);
  });

  it('refuses a naptime that is not a duration, with a typed error', async () => {
    const db = await openDb();
    for (const naptimeMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createPGliteDriver({ db, vacuum: { naptimeMs } })).toThrow(
        expect.objectContaining({ name: 'StoreError', reason: 'invalid-options' }),
      );
    }
  });
});

describe('createPGliteStore housekeeping options', () => {
  it('refuses a bad checkpointWalBytes with a typed error, and frees the data directory it opened', { timeout: 60_000 }, async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ck-housekeeping-'));
    try {
      const dataDir = join(parent, 'cases');
      await expect(createPGliteStore({ dataDir, checkpointWalBytes: -1 })).rejects.toMatchObject({ name: 'StoreError', reason: 'invalid-options' });
      // The refused open let go of its lock, so the directory opens again.
      const store = await createPGliteStore({ dataDir, vacuum: false, checkpointWalBytes: false });
      expect(store.kind).toBe('pglite');
      await store.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
