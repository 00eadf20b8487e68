import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDriver, createPgDriver } from './driver.js';
import { StoreError } from './errors.js';
import { migrate, storeMigrations } from './migrations.js';
import { dropSchema, randomSchema, serverUrl, testPool } from './test-support.js';

describe('migrations on PGlite', () => {
  // One embedded database for the block; every test migrates its own schemas.
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('applies once, then reports nothing to do', async () => {
    const driver = createPGliteDriver({ db });
    const first = await migrate(driver, { schema: 'first' });
    const second = await migrate(driver, { schema: 'first' });
    expect(first.applied).toEqual(storeMigrations('first').map((m) => m.version));
    expect(second).toEqual({ schema: 'first', applied: [], current: first.current });
    await driver.close();
  });

  it('is safe when several starts race on the single connection', async () => {
    const driver = createPGliteDriver({ db });
    const reports = await Promise.all([1, 2, 3].map(() => migrate(driver, { schema: 'race' })));
    expect(reports.flatMap((r) => r.applied)).toEqual(storeMigrations('race').map((m) => m.version));
    const { rows } = await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM race.schema_migrations');
    expect(rows[0]?.n).toBe(storeMigrations('race').length);
    await driver.close();
  });

  it('keeps schemas apart', async () => {
    const driver = createPGliteDriver({ db });
    await migrate(driver, { schema: 'one' });
    await migrate(driver, { schema: 'two' });
    await driver.query(`INSERT INTO one.cursors (name, value, updated_at) VALUES ('a', '1', now())`);
    const { rows } = await driver.query('SELECT * FROM two.cursors');
    expect(rows).toEqual([]);
    await driver.close();
  });

  it('refuses a database that is ahead of this code, or whose history was edited', async () => {
    const driver = createPGliteDriver({ db });
    await migrate(driver, { schema: 'ahead' });
    await driver.query(`INSERT INTO ahead.schema_migrations (version, name, checksum) VALUES (999, 'from-the-future', 'x')`);
    await expect(migrate(driver, { schema: 'ahead' })).rejects.toMatchObject({ name: 'StoreError', reason: 'migration-mismatch' });

    await migrate(driver, { schema: 'edited' });
    await driver.query(`UPDATE edited.schema_migrations SET checksum = 'tampered' WHERE version = 1`);
    await expect(migrate(driver, { schema: 'edited' })).rejects.toBeInstanceOf(StoreError);
    await driver.close();
  });

  it('refuses schema names that are not plain identifiers', async () => {
    const driver = createPGliteDriver({ db });
    for (const schema of ['Bad', 'x"; DROP SCHEMA public; --', '', 'pg_catalog', 'a'.repeat(64)]) {
      await expect(migrate(driver, { schema })).rejects.toMatchObject({ reason: 'invalid-options' });
    }
    await driver.close();
  });
});

describe.skipIf(!serverUrl)('migrations on the PostgreSQL server', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  it('applies each migration exactly once when eight processes start at the same moment', async () => {
    const schema = randomSchema();
    schemas.push(schema);
    // Separate pools stand in for separate processes: separate connections, no shared client state.
    const drivers = Array.from({ length: 8 }, () => createPgDriver({ pool: testPool(1), ownsPool: true }));
    const reports = await Promise.all(drivers.map((driver) => migrate(driver, { schema })));
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(storeMigrations(schema).map((m) => m.version));
    expect(new Set(reports.map((r) => r.current)).size).toBe(1);
    const { rows } = await drivers[0]!.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(storeMigrations(schema).map((m) => m.version));
    await Promise.all(drivers.map((driver) => driver.close()));
  });
});
