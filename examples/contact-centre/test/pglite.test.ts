import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, startApp } from './harness.js';

describe('the embedded default (PGlite in a data folder)', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds on the first start, says so, and keeps residents and cases on the next', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cc-pglite-'));
    const options = { inMemory: false, dataDir, seedResidents: 40, workers: false };
    const first = await startApp(options);
    let caseId: string;
    try {
      expect(first.app.services.storage.kind).toBe('pglite');
      expect(first.app.services.startupNotes.join(' ')).toContain('First start: seeded 40 synthetic residents');
      const client = createClient(first.url);
      const csrf = await client.signIn();
      const raised = await client.json(
        '/api/cases',
        'POST',
        { caseType: 'contact-centre.general-enquiry', channel: 'face-to-face', data: { topic: 'housing', question: 'How do I join the housing register?' } },
        { 'x-csrf-token': csrf, 'idempotency-key': 'pglite-restart-test' },
      );
      expect(raised.status).toBe(201);
      caseId = ((await raised.json()) as { id: string }).id;
    } finally {
      await first.stop();
    }
    const second = await startApp({ ...options, seedResidents: 99 });
    try {
      expect(second.app.services.residents.count()).toBe(40);
      expect(second.app.services.startupNotes.join(' ')).toContain('data kept from the last start');
      expect(await second.app.services.store.getCase(caseId)).toMatchObject({ id: caseId, channel: 'face-to-face' });
    } finally {
      await second.stop();
    }
  }, 90_000);
});
