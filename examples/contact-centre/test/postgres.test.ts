import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@councilkit/store-postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, startApp } from './harness.js';

const url = process.env['TEST_DATABASE_URL'];
if (!url) console.warn('[contact-centre] PostgreSQL test SKIPPED: set TEST_DATABASE_URL to run the app against a real server.');

describe.skipIf(!url)('on PostgreSQL (DATABASE_URL)', () => {
  const schema = `cc_${randomBytes(6).toString('hex')}`;

  const dataDir = join(tmpdir(), schema);

  afterAll(async () => {
    if (!url) return;
    await rm(dataDir, { recursive: true, force: true });
    // Through the store's own driver: the example does not depend on pg directly.
    const store = await createPostgresStore({ connectionString: url, schema });
    await store.driver.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  });

  it('keeps cases across restarts', async () => {
    const options = { inMemory: false, databaseUrl: url!, databaseSchema: schema, seedResidents: 50, workers: false, dataDir };
    const first = await startApp(options);
    let caseId: string;
    try {
      const client = createClient(first.url);
      const csrf = await client.signIn();
      const raised = await client.json(
        '/api/cases',
        'POST',
        { caseType: 'contact-centre.general-enquiry', channel: 'email', data: { topic: 'planning', question: 'Do I need permission for a shed?' } },
        { 'x-csrf-token': csrf, 'idempotency-key': 'postgres-restart-test' },
      );
      expect(raised.status).toBe(201);
      caseId = ((await raised.json()) as { id: string }).id;
      expect(first.app.services.storage.kind).toBe('postgres');
    } finally {
      await first.stop();
    }
    const second = await startApp(options);
    try {
      const client = createClient(second.url);
      await client.signIn();
      const read = await client.request(`/api/cases/${caseId}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ case: { id: caseId, channel: 'email' } });
      expect(second.app.services.residents.seeded).toBe(false);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
