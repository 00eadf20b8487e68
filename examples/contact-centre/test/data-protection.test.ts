// The data-protection desk over HTTP on PGlite (and PostgreSQL): a subject
// access export, restriction (enforced for agents, then lifted), erasure
// with its check-your-answers plan, and a scan of every table afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Citizen } from '@councilkit/citizen';
import { scanForPersonalData } from '@councilkit/citizen/gdpr';
import { createPostgresStore } from '@councilkit/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, seenStatuses, startApp } from './harness.js';

let running: RunningApp;
let counter = 0;
const key = () => `dp-test-${counter++}`;
const databaseUrl = process.env['TEST_DATABASE_URL'];

afterAll(() => {
  expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
});

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set (residents then share the cases schema). */
const backends: Array<{ name: string; skip: boolean; start: (dataDir: string) => Promise<RunningApp>; drop?: () => Promise<void> }> = [
  { name: 'PGlite', skip: false, start: (dataDir) => startApp({ inMemory: false, dataDir, seedResidents: 60, workers: false }) },
  (() => {
    const schema = `cc_dpo_${randomBytes(5).toString('hex')}`;
    return {
      name: 'PostgreSQL',
      skip: !databaseUrl,
      start: (dataDir: string) => startApp({ inMemory: false, dataDir, databaseUrl: databaseUrl!, databaseSchema: schema, seedResidents: 60, workers: false }),
      async drop() {
        const store = await createPostgresStore({ connectionString: databaseUrl!, schema });
        await store.driver.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await store.close();
      },
    };
  })(),
];

const fullName = (c: Citizen) => `${c.name.given} ${c.name.family}`;

/** A resident with a phone number, and no identifier another resident shares (a household's council tax account), so a scan for them is about them alone. */
function pickSubject(all: readonly Citizen[], not: string[] = []): Citizen {
  const found = all.find(
    (c) =>
      !not.includes(c.id) &&
      c.name.given &&
      c.contactPoints.some((p) => p.kind === 'phone') &&
      all.filter((o) => o.id !== c.id).every((o) => o.identifiers.every((i) => !c.identifiers.some((mine) => mine.value === i.value)) && fullName(o) !== fullName(c)),
  );
  if (!found) throw new Error('no suitable seeded resident');
  return found;
}

async function signedIn(username: string, password: string) {
  const client = createClient(running.url);
  const csrf = await client.signIn(username, password);
  const page = (path: string) => client.request(path);
  const form = async (path: string, fields: Record<string, string>) => client.form(path, { _csrf: await client.pageToken('/desktop'), ...fields });
  const raise = async (citizen: Citizen, question: string) => {
    const response = await client.json(
      '/api/cases',
      'POST',
      { caseType: 'contact-centre.general-enquiry', channel: 'phone', citizenId: citizen.id, data: { topic: 'waste', question } },
      { 'x-csrf-token': csrf, 'idempotency-key': key() },
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string; version: number });
  };
  const answer = async (caseId: string, expectedVersion: number) => {
    const response = await client.json(`/api/cases/${caseId}/transitions`, 'POST', { transition: 'answer', expectedVersion }, { 'x-csrf-token': csrf, 'idempotency-key': key() });
    expect(response.status).toBe(200);
  };
  return { client, csrf, page, form, raise, answer };
}

const search = async (who: Awaited<ReturnType<typeof signedIn>>, citizen: Citizen) => (await (await who.page(`/desktop?q=${encodeURIComponent(fullName(citizen))}`)).text()).includes(`/residents/${citizen.id}"`);

for (const backend of backends) describe.skipIf(backend.skip)(`the data protection desk on ${backend.name}`, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cc-dpo-'));
    running = await backend.start(dataDir);
  }, 90_000);
  afterAll(async () => {
    await running?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await backend.drop?.();
  });

  it('exports, restricts (enforced for agents, refusals audited), lifts, and erases a resident so nothing of them is left', async () => {
    const { services } = running.app;
    const subject = pickSubject(services.residents.all());
    const phone = subject.contactPoints.find((p) => p.kind === 'phone')!.value;
    const agent = await signedIn('agent', 'agent-password-demo');
    const dpo = await signedIn('dpo', 'dpo-password-demo');

    const first = await agent.raise(subject, `${fullName(subject)} asks which day the bins go; call back on ${phone}`);
    await agent.answer(first.id, first.version);
    const second = await agent.raise(subject, `Second call from ${fullName(subject)} about a missed bin`);
    await agent.answer(second.id, second.version);

    // Only the officer sees the way in from the resident's page.
    const link = `/dpo/residents/${subject.id}`;
    expect(await (await agent.page(`/residents/${subject.id}`)).text()).not.toContain(link);
    expect(await (await dpo.page(`/residents/${subject.id}`)).text()).toContain(link);

    // Subject access: JSON to download, and the readable document.
    const json = await dpo.page(`${link}/subject-access.json?reference=SAR-77`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain('attachment; filename="subject-access-SAR-77.json"');
    const pkg = (await json.json()) as { reference: string; records: Array<{ data: Citizen }>; cases: Array<{ case: { id: string; data: { question: string } } }>; rights: string[] };
    expect(pkg.reference).toBe('SAR-77');
    expect(pkg.records[0]?.data.name.family).toBe(subject.name.family);
    expect(pkg.cases.map((k) => k.case.id).sort()).toEqual([first.id, second.id].sort());
    expect(pkg.cases.some((k) => k.case.data.question.includes(phone))).toBe(true);
    const readable = await (await dpo.page(`${link}/subject-access`)).text();
    expect(readable).toContain(`The personal data Anytown Borough Council holds about you`);
    expect(readable).toContain(subject.name.family);
    expect(readable).toContain('right to erasure');

    // Restriction without a reference is refused with an error summary; with one, it bites.
    const missing = await dpo.form(`${link}/restrict`, { reference: '  ' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Enter the request reference');
    expect(await search(agent, subject)).toBe(true);
    expect((await dpo.form(`${link}/restrict`, { reference: 'DPR-1' })).status).toBe(303);
    expect(await search(agent, subject)).toBe(false);
    expect((await agent.page(`/cases/${first.id}`)).status).toBe(403);
    expect((await agent.client.request(`/api/cases/${first.id}`)).status).toBe(403);
    const refusals = await services.store.listAccessDenied({ caseId: first.id });
    expect(refusals.filter((r) => r.actorId === 'user-agent').length).toBeGreaterThanOrEqual(2);
    // The resident's page, the pages that act for them and their API record are the officer's alone while restricted.
    const residentPage = await agent.page(`/residents/${subject.id}`);
    expect(residentPage.status).toBe(403);
    expect(await residentPage.text()).toContain('Ask the data protection officer');
    expect((await agent.page(`/residents/${subject.id}/container`)).status).toBe(403);
    const residentApi = await agent.client.request(`/api/residents/${subject.id}`);
    expect(residentApi.status).toBe(403);
    expect(residentApi.headers.get('content-type')).toContain('application/problem+json');
    // The officer still sees the cases, and the change in each case's audit trail.
    const restrictedView = await (await dpo.page(link)).text();
    expect(restrictedView).toContain('Processing restricted');
    expect(restrictedView).toContain('DPR-1');
    const history = await services.store.listEvents(first.id);
    expect(history.at(-1)).toMatchObject({ type: 'access-restricted', actorId: 'user-dpo', payload: { teams: ['data-protection'], reason: 'DPR-1' } });

    expect((await dpo.form(`${link}/lift`, { reference: 'DPR-1 checked' })).status).toBe(303);
    expect(await search(agent, subject)).toBe(true);
    expect((await agent.page(`/cases/${first.id}`)).status).toBe(200);
    expect((await agent.page(`/residents/${subject.id}`)).status).toBe(200);

    // Erasure: the plan first, then the outcome.
    const metricsBefore = await services.engine.metrics({ from: new Date('2020-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') });
    expect((await scanForPersonalData({ subject: [subject], extraIds: [subject.id] }, services.dataProtection.scan!())).length).toBeGreaterThan(0);
    const noReference = await dpo.page(`${link}/erase?reference=`);
    expect(noReference.status).toBe(400);
    const check = await (await dpo.page(`${link}/erase?reference=ERA-9`)).text();
    expect(check).toContain('Check before erasing');
    expect(check).toContain('Deleted');
    expect(check).toContain(`Case ${first.id}`);
    expect(check).toContain('Pseudonymised (kept for statistics)');
    expect(await search(agent, subject)).toBe(true);
    const erased = await dpo.form(`${link}/erase`, { reference: 'ERA-9' });
    expect(erased.status).toBe(200);
    const outcome = await erased.text();
    expect(outcome).toContain('Erasure complete');
    const pseudonym = /<code>(erased-[^<]+)<\/code>/.exec(outcome)?.[1];
    expect(pseudonym).toBeDefined();

    // Afterwards: not found, cases pseudonymised, nothing of them in any table, metrics unchanged.
    expect(await search(agent, subject)).toBe(false);
    expect((await agent.page(`/residents/${subject.id}`)).status).toBe(404);
    expect((await dpo.page(link)).status).toBe(404);
    const apiCase = await agent.client.request(`/api/cases/${first.id}`);
    expect(apiCase.status).toBe(200);
    const caseBody = await apiCase.text();
    expect(JSON.parse(caseBody).case).toMatchObject({ citizenId: pseudonym, data: {} });
    expect(caseBody).not.toContain(subject.name.family);
    const casePage = await (await agent.page(`/cases/${first.id}`)).text();
    expect(casePage).not.toContain(subject.name.family);
    expect(casePage).not.toContain(phone);
    expect(await scanForPersonalData({ subject: [subject], extraIds: [subject.id] }, services.dataProtection.scan!())).toEqual([]);
    expect(await services.engine.metrics({ from: new Date('2020-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') })).toEqual(metricsBefore);
    expect((await agent.page('/dashboard')).status).toBe(200);
  }, 60_000);

  it('shows an open case as blocked in the plan and restricts it instead of erasing it', async () => {
    const { services } = running.app;
    const subject = pickSubject(services.residents.all());
    const agent = await signedIn('agent', 'agent-password-demo');
    const dpo = await signedIn('dpo', 'dpo-password-demo');
    const open = await agent.raise(subject, 'Still waiting on a reply');
    const link = `/dpo/residents/${subject.id}`;
    const check = await (await dpo.page(`${link}/erase?reference=ERA-10`)).text();
    expect(check).toContain('Case still open: Close the case first');
    const outcome = await (await dpo.form(`${link}/erase`, { reference: 'ERA-10' })).text();
    expect(outcome).toContain('Partly erased');
    // The record went; the open case is kept, restricted to the data protection team.
    expect((await agent.page(`/cases/${open.id}`)).status).toBe(403);
    expect((await services.store.getCase(open.id))?.restrictedTo).toEqual(['data-protection']);
    expect(await (await dpo.page('/dpo')).text()).toContain(`Case ${open.id}`);
  }, 60_000);

  it('refuses every desk route to an ordinary agent', async () => {
    const agent = await signedIn('agent', 'agent-password-demo');
    const id = running.app.services.residents.all()[0]!.id;
    for (const path of ['/dpo', `/dpo/residents/${id}`, `/dpo/residents/${id}/subject-access`, `/dpo/residents/${id}/subject-access.json`, `/dpo/residents/${id}/erase?reference=X`]) {
      expect([path, (await agent.page(path)).status]).toEqual([path, 403]);
    }
    for (const action of ['restrict', 'lift', 'erase']) {
      expect([action, (await agent.form(`/dpo/residents/${id}/${action}`, { reference: 'X' })).status]).toEqual([action, 403]);
    }
    expect(await running.app.services.dataProtection.erasureStore({ id: 'check', teams: [] }).listRestrictions()).not.toContainEqual(expect.objectContaining({ reason: 'X' }));
    // Signed out: sent to sign in.
    expect((await createClient(running.url).request('/dpo')).status).toBe(303);
  }, 60_000);
});

describe('the data protection desk in memory', () => {
  it('restricts and lifts across requests, and erases through the memory erasure store', async () => {
    const memory = await startApp({ seedResidents: 60, workers: false });
    try {
      const client = createClient(memory.url);
      await client.signIn('dpo', 'dpo-password-demo');
      const agent = createClient(memory.url);
      const csrf = await agent.signIn('agent', 'agent-password-demo');
      const subject = pickSubject(memory.app.services.residents.all());
      const raised = await agent.json('/api/cases', 'POST', { caseType: 'contact-centre.general-enquiry', channel: 'phone', citizenId: subject.id, data: { topic: 'waste', question: `Call ${fullName(subject)}` } }, { 'x-csrf-token': csrf, 'idempotency-key': key() });
      const { id, version } = (await raised.json()) as { id: string; version: number };
      const found = async () => (await (await agent.request(`/desktop?q=${encodeURIComponent(fullName(subject))}`)).text()).includes(`/residents/${subject.id}"`);
      const form = async (path: string, reference: string) => client.form(path, { _csrf: await client.pageToken('/desktop'), reference });
      const link = `/dpo/residents/${subject.id}`;

      expect(await found()).toBe(true);
      expect((await form(`${link}/restrict`, 'DPR-M')).status).toBe(303);
      expect(await found()).toBe(false);
      expect((await agent.request(`/cases/${id}`)).status).toBe(403);
      expect(await (await client.request('/dpo')).text()).toContain(fullName(subject));
      expect((await form(`${link}/lift`, 'Checked')).status).toBe(303);
      expect(await found()).toBe(true);
      expect((await agent.request(`/cases/${id}`)).status).toBe(200);

      // Restricting and lifting are changes of their own: the case moved on two versions.
      const current = (await memory.app.services.store.getCase(id))!;
      expect(current.version).toBe(version + 2);
      const answered = await agent.json(`/api/cases/${id}/transitions`, 'POST', { transition: 'answer', expectedVersion: current.version }, { 'x-csrf-token': csrf, 'idempotency-key': key() });
      expect(answered.status).toBe(200);
      expect(await (await form(`${link}/erase`, 'ERA-M')).text()).toContain('Erasure complete');
      expect(await found()).toBe(false);
      expect(memory.app.services.residents.index?.get(subject.id)).toBeUndefined();
      expect((await memory.app.services.store.getCase(id))?.data).toEqual({});
    } finally {
      await memory.stop();
    }
  }, 60_000);
});
