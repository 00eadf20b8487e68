import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDriver } from './driver.js';
import type { SqlDriver } from './driver.js';
import { migrate } from './migrations.js';
import { scanStore } from './store-scan.js';

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('scanStore', () => {
  let db: PGlite;
  let driver: SqlDriver;
  beforeAll(async () => {
    db = await PGlite.create();
    driver = createPGliteDriver({ db });
    await migrate(driver, { schema: 'scanned' });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('reads every row of every table, including tables added later and tables without a primary key, a page at a time', async () => {
    await driver.query(`CREATE TABLE scanned.council_notes (area text, n integer, note text, PRIMARY KEY (area, n))`);
    await driver.query(`INSERT INTO scanned.council_notes SELECT 'north', g, 'note ' || g FROM generate_series(1, 12) AS g`);
    await driver.query(`CREATE TABLE scanned.loose (note text)`);
    await driver.query(`INSERT INTO scanned.loose VALUES ('a'), ('b'), ('c')`);
    await driver.query(`INSERT INTO scanned.idempotency_keys VALUES ('k1', convert_to('open {"name":"Ada Lovelace"}', 'UTF8'), 'c1', '{}', now())`);
    await driver.query(`CREATE SCHEMA elsewhere`);
    await driver.query(`CREATE TABLE elsewhere.hidden (note text)`);
    await driver.query(`INSERT INTO elsewhere.hidden VALUES ('not mine')`);

    const rows = await all(scanStore({ driver, schema: 'scanned', batchSize: 5 }));
    const notes = rows.filter((r) => r.location.startsWith('council_notes/'));
    expect(notes.map((r) => r.location)).toEqual(Array.from({ length: 12 }, (_, i) => `council_notes/north/${i + 1}`));
    expect(notes[11]?.value).toEqual({ area: 'north', n: 12, note: 'note 12' });
    expect(rows.filter((r) => r.location.startsWith('loose/')).map((r) => (r.value as { note: string }).note).sort()).toEqual(['a', 'b', 'c']);
    expect(rows.find((r) => r.location === 'idempotency_keys/k1')?.value).toMatchObject({ fingerprint: 'open {"name":"Ada Lovelace"}' });
    expect(rows.some((r) => r.location.startsWith('schema_migrations/'))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('not mine');
  });

  it('refuses bad options', async () => {
    await expect(all(scanStore({ driver, schema: 'Bad Name' }))).rejects.toMatchObject({ name: 'StoreError', reason: 'invalid-options' });
    await expect(all(scanStore({ driver, batchSize: 0 }))).rejects.toMatchObject({ reason: 'invalid-options' });
    await expect(all(scanStore({} as never))).rejects.toMatchObject({ reason: 'invalid-options' });
  });
});
