// The shared CaseStore contract from @councilkit/cases, run against PGlite
// always and against a real PostgreSQL server when TEST_DATABASE_URL is set.
// Every test gets a fresh schema; schemas are dropped when the test ends.
import { PGlite } from '@electric-sql/pglite';
import type { CaseStore } from '@councilkit/cases';
import { defineStoreContractTests } from '@councilkit/cases/testing';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore } from './postgres-store.js';
import { createPGliteStore } from './pglite-store.js';
import type { SqlCaseStore } from './sql-store.js';
import { randomSchema, serverUrl, testPool } from './test-support.js';

async function dropAndClose(store: CaseStore): Promise<void> {
  const sql = store as SqlCaseStore;
  await sql.driver.query(`DROP SCHEMA IF EXISTS "${sql.schema}" CASCADE`);
  await sql.close();
}

// One embedded database for the whole file: starting PGlite takes about a
// second, a schema takes milliseconds.
let lite: PGlite | undefined;
beforeAll(async () => {
  lite = await PGlite.create();
}, 60_000);

defineStoreContractTests({
  name: 'PGlite',
  createStore: () => createPGliteStore({ db: lite!, schema: randomSchema('ck_contract') }),
  disposeStore: dropAndClose,
});

const pool = serverUrl ? testPool(20) : undefined;
defineStoreContractTests({
  name: 'PostgreSQL server',
  skip: pool === undefined,
  createStore: () => createPostgresStore({ pool: pool!, schema: randomSchema('ck_contract') }),
  disposeStore: dropAndClose,
});

afterAll(async () => {
  await lite?.close();
  await pool?.end();
});
