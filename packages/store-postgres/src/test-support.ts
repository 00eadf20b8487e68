// Shared by this package's tests only (not exported from the entry point).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { loadPgPool } from './pg-pool.js';

/** The real server's URL when the run should include it. */
export const serverUrl = process.env.TEST_DATABASE_URL;

if (!serverUrl) {
  console.warn(
    '[store-postgres] TEST_DATABASE_URL is not set: the PostgreSQL server tests are SKIPPED (PGlite tests still run). ' +
      'Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to include them.',
  );
}

/** A fresh schema name no other run uses. */
export function randomSchema(prefix = 'ck_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A pool on the test server, sized small so parallel test files share the server politely. */
const Pool = loadPgPool();

export function testPool(max = 4): pg.Pool {
  return new Pool({ connectionString: serverUrl, max });
}

/** Drop a schema created by a test run. */
export async function dropSchema(schema: string): Promise<void> {
  const pool = testPool(1);
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}
