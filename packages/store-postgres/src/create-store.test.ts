import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { createPostgresStore } from './postgres-store.js';
import { openCommit } from './fixtures.js';
import { storeMigrations } from './migrations.js';
import { DEFAULT_SCHEMA } from './schema-name.js';
import { dropSchema, randomSchema, serverUrl } from './test-support.js';

// Every migration the package ships, in order: what a fresh schema gets.
const shipped = storeMigrations(DEFAULT_SCHEMA).map((migration) => migration.version);

describe('createStore', () => {
  it('uses embedded PGlite in memory when no database URL is given', { timeout: 60_000 }, async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const store = await createStore({ schema: randomSchema() });
      expect(store.kind).toBe('pglite');
      await store.commit(openCommit('c1'));
      expect((await store.getCase('c1'))?.version).toBe(1);
      await store.close();
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('says the database is unavailable, with a typed reason, when nothing listens', async () => {
    await expect(createStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toMatchObject({
      name: 'StoreError',
      reason: 'unavailable',
    });
  });
});

describe.skipIf(!serverUrl)('createStore with a PostgreSQL URL', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  it('opens its own pool from the URL (or DATABASE_URL) and closes it', async () => {
    const schema = randomSchema();
    schemas.push(schema);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = serverUrl;
    try {
      const store = await createStore({ schema, poolSize: 2 });
      expect(store.kind).toBe('postgresql');
      expect(store.migration.applied).toEqual(shipped);
      await store.commit(openCommit('c1'));
      await store.close();
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('skips migrations when told to, for apps whose role may not create tables', async () => {
    const schema = randomSchema();
    schemas.push(schema);
    await expect(createPostgresStore({ connectionString: serverUrl!, schema, poolSize: 1, migrate: false })).rejects.toMatchObject({
      reason: 'migration-mismatch',
    });
    const migrated = await createPostgresStore({ connectionString: serverUrl!, schema, poolSize: 1 });
    await migrated.close();
    const store = await createPostgresStore({ connectionString: serverUrl!, schema, poolSize: 1, migrate: false });
    expect(store.migration).toEqual({ schema, applied: [], current: Math.max(...shipped) });
    await store.commit(openCommit('c1'));
    expect((await store.getCase('c1'))?.id).toBe('c1');
    await store.close();
  });
});
