// Shared by this package's tests only (not exported from the entry point).
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { loadPgPool } from './pg-pool.js';
import { createPGliteStore } from './pglite-store.js';
import { createPostgresStore } from './postgres-store.js';
import type { SqlCaseStore } from './sql-store.js';

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

/** One backend a test file runs against: its name, whether to skip it here, and how to open a store on it. */
export type StoreBackend = [name: string, skip: boolean, open: (schema?: string) => Promise<SqlCaseStore>];

/**
 * The two backends most test files run against: an in-memory PGlite, and the
 * real server when TEST_DATABASE_URL is set (skipped otherwise). Opens them
 * before the file's tests and closes them, dropping every server schema it
 * handed out, after. Call at the top level of a test file.
 */
export function useStoreBackends(options: { poolSize?: number; schemaPrefix?: string } = {}): StoreBackend[] {
  let lite: PGlite | undefined;
  const pool = serverUrl ? testPool(options.poolSize ?? 4) : undefined;
  const schemas = new Set<string>();
  beforeAll(async () => {
    lite = await PGlite.create();
  }, 60_000);
  afterAll(async () => {
    await lite?.close();
    await pool?.end();
    for (const schema of schemas) await dropSchema(schema);
  });
  const fresh = () => randomSchema(options.schemaPrefix);
  return [
    ['PGlite', false, (schema = fresh()) => createPGliteStore({ db: lite!, schema })],
    [
      'PostgreSQL server',
      pool === undefined,
      (schema = fresh()) => {
        schemas.add(schema);
        return createPostgresStore({ pool: pool!, schema });
      },
    ],
  ];
}
