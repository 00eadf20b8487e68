// Issue #7: an erased resident leaves a suppression tombstone so they are not
// silently recreated. The tombstone and the secret keying it must survive a
// restart: erase through the DPO desk, stop, start again on the same data, and
// the erased person's record is still flagged.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Citizen } from '@councilkit/citizen';
import { citizenSchema } from '@councilkit/citizen';
import { createPostgresStore } from '@councilkit/store-postgres';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, seenStatuses, startApp } from './harness.js';

const databaseUrl = process.env['TEST_DATABASE_URL'];
const schema = `cc_supp_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
  if (databaseUrl) {
    const store = await createPostgresStore({ connectionString: databaseUrl, schema });
    await store.driver.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  }
});

/** Erase a seeded resident through the DPO desk; returns who they were. */
async function eraseOne(running: RunningApp): Promise<Citizen> {
  const subject = running.app.services.residents.all().find((c) => c.name.given && c.contactPoints.length > 0) as Citizen;
  const dpo = createClient(running.url);
  await dpo.signIn('dpo', 'dpo-password-demo');
  const erased = await dpo.form(`/dpo/residents/${subject.id}/erase`, { _csrf: await dpo.pageToken('/desktop'), reference: 'ERA-RESTART' });
  expect(erased.status).toBe(200);
  expect(running.app.services.residents.all().some((c) => c.id === subject.id)).toBe(false);
  return subject;
}

/** The same person typed in again as a new contact, with a new id. */
const comingBack = (subject: Citizen) => citizenSchema.parse({ ...subject, id: `new-${subject.id}` }) as Citizen;

describe('suppression tombstones across a restart on PGlite', () => {
  let dataDir: string;
  let running: RunningApp | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cc-suppression-'));
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
  const start = () => startApp({ inMemory: false, dataDir, seedResidents: 30, workers: false });

  it('still flags the erased resident after a restart, with the secret generated once and kept in the data directory', async () => {
    running = await start();
    expect(running.app.services.startupNotes.some((note) => note.includes('Generated the suppression secret'))).toBe(true);
    const secretFile = join(dataDir, 'suppression-secret');
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    const secret = await readFile(secretFile, 'utf8');
    const subject = await eraseOne(running);
    const before = await running.app.services.dataProtection.suppression.check(comingBack(subject));
    expect(before.suppressed).toBe(true);
    await running.stop();

    running = await start();
    expect(running.app.services.startupNotes.some((note) => note.includes('suppression secret'))).toBe(false);
    expect(await readFile(secretFile, 'utf8')).toBe(secret);
    const { suppression } = running.app.services.dataProtection;
    expect(suppression.list().map((t) => t.id)).toEqual(before.tombstoneIds);
    expect(suppression.list()[0]?.keys.join(' ')).not.toContain(subject.name.family);
    expect(await suppression.check(comingBack(subject))).toMatchObject({ suppressed: true, tombstoneIds: before.tombstoneIds });
    const someoneElse = running.app.services.residents.all()[0] as Citizen;
    expect((await suppression.check(someoneElse)).suppressed).toBe(false);
  });
});

describe.skipIf(!databaseUrl)('suppression tombstones across a restart on PostgreSQL', () => {
  it('flags the erased resident after a restart when SUPPRESSION_SECRET is given, and warns when it is not', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cc-suppression-pg-'));
    const start = (suppressionSecret?: string) =>
      startApp({ inMemory: false, dataDir, databaseUrl: databaseUrl!, databaseSchema: schema, seedResidents: 30, workers: false, ...(suppressionSecret ? { suppressionSecret } : {}) });
    const secret = randomBytes(32).toString('base64url');
    let running = await start(secret);
    try {
      const subject = await eraseOne(running);
      await running.stop();
      running = await start(secret);
      expect((await running.app.services.dataProtection.suppression.check(comingBack(subject))).suppressed).toBe(true);
      await running.stop();
      running = await start();
      expect(running.app.services.startupNotes.some((note) => note.startsWith('SUPPRESSION_SECRET is not set'))).toBe(true);
    } finally {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
