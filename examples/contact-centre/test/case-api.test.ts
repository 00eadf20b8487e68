import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, problemOf, seenStatuses, startApp } from './harness.js';

let running: RunningApp;
let counter = 0;
const key = () => `test-key-${Date.now()}-${counter++}`;

beforeAll(async () => {
  running = await startApp({ seedResidents: 200 });
});
afterAll(async () => {
  await running.stop();
  // No request any test made may have produced a server error.
  expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
});

async function agent() {
  const client = createClient(running.url);
  const csrf = await client.signIn('agent', 'agent-password-demo');
  const write = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    client.json(path, 'POST', body, { 'x-csrf-token': csrf, 'idempotency-key': key(), ...extra });
  return { client, csrf, write };
}

const enquiry = (citizenId?: string) => ({
  caseType: 'contact-centre.general-enquiry',
  channel: 'phone',
  ...(citizenId ? { citizenId } : {}),
  data: { topic: 'waste', question: 'Which day is my bin collected?' },
});

const caseCount = async () => (await running.app.services.store.findCases({})).length;

describe('cases through the JSON API', () => {
  it('raises a case, replays a repeated Idempotency-Key, and reads it back with history', async () => {
    const { client, csrf } = await agent();
    const citizenId = running.app.services.residents.all()[0]!.id;
    const k = key();
    const headers = { 'x-csrf-token': csrf, 'idempotency-key': k };
    const first = await client.json('/api/cases', 'POST', enquiry(citizenId), headers);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; state: string; citizenId: string };
    expect(created).toMatchObject({ state: 'received', citizenId });
    const again = await client.json('/api/cases', 'POST', enquiry(citizenId), headers);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);

    const view = await client.request(`/api/cases/${created.id}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ case: { id: created.id }, availableTransitions: expect.arrayContaining(['answer']), history: [{ type: 'opened' }] });

    const resident = (await (await client.request(`/api/residents/${citizenId}`)).json()) as { cases: Array<{ case: { id: string } }> };
    expect(resident.cases.map((c) => c.case.id)).toContain(created.id);
  });

  it('moves a case, refuses a stale version with 409, and a move that is not allowed with 409', async () => {
    const { write } = await agent();
    const created = (await (await write('/api/cases', enquiry())).json()) as { id: string; version: number };
    const moved = await write(`/api/cases/${created.id}/transitions`, { transition: 'answer', expectedVersion: created.version });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ status: 'closed', resolvedAtFirstContact: true });
    const stale = await write(`/api/cases/${created.id}/notes`, { text: 'late', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const notAllowed = await write(`/api/cases/${created.id}/transitions`, { transition: 'arrange-call-back', expectedVersion: 2 });
    expect(notAllowed.status).toBe(409);
    expect((await problemOf(notAllowed)).type).toBe('/problems/case-refused');
  });

  it('refuses bad bodies with 4xx problems and creates nothing', async () => {
    const { client, csrf, write } = await agent();
    const before = await caseCount();
    const cases: Array<[Response, number, string]> = [
      [await write('/api/cases', { ...enquiry(), data: { topic: 42, question: ['x'] } }), 422, '/problems/validation-failed'],
      [await write('/api/cases', { ...enquiry(), caseType: 'nope' }), 422, '/problems/validation-failed'],
      [await write('/api/cases', { ...enquiry(), channel: 'carrier-pigeon' }), 422, '/problems/validation-failed'],
      [await write('/api/cases', { ...enquiry(), citizenId: "x' OR 1=1 --" }), 422, '/problems/validation-failed'],
      [await write('/api/cases', { ...enquiry(), extra: true }), 422, '/problems/validation-failed'],
      [await write('/api/cases', [1, 2, 3]), 422, '/problems/validation-failed'],
      [await write('/api/cases', null), 422, '/problems/validation-failed'],
      [await client.json('/api/cases', 'POST', enquiry(), { 'x-csrf-token': csrf }), 400, '/problems/bad-request'],
      [await client.json('/api/cases', 'POST', enquiry(), { 'x-csrf-token': 'forged', 'idempotency-key': key() }), 403, '/problems/csrf-failed'],
      [await client.json('/api/cases', 'POST', enquiry(), { 'idempotency-key': key() }), 403, '/problems/csrf-failed'],
      [await client.request('/api/cases', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key() }, body: '{"caseType":' }), 400, '/problems/malformed-json'],
      [await write('/api/cases', { ...enquiry(), data: { topic: 'waste', question: 'x'.repeat(200_000) } }), 413, '/problems/payload-too-large'],
    ];
    for (const [response, status, type] of cases) {
      expect(response.status).toBe(status);
      expect((await problemOf(response)).type).toBe(type);
    }
    expect(await caseCount()).toBe(before);
  });

  it('points at the bad data fields', async () => {
    const { write } = await agent();
    const response = await write('/api/cases', { ...enquiry(), data: { topic: 'moon', question: '' } });
    const body = (await problemOf(response)) as unknown as { errors: Array<{ pointer: string }> };
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/data/question', '/data/topic']);
  });

  it('escapes hostile text everywhere it is shown', async () => {
    const { client, write } = await agent();
    const hostile = '<script>alert(1)</script>{{7*7}}';
    const created = (await (await write('/api/cases', { ...enquiry(), data: { topic: 'other', question: hostile } })).json()) as { id: string };
    const html = await (await client.request(`/cases/${created.id}`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}');
    expect(html).not.toContain('<script>alert(1)');
    for (const q of ["' OR 1=1 --", '<img src=x onerror=alert(1)>', '%00', '../../etc/passwd', 'a'.repeat(200)]) {
      const search = await client.request(`/api/residents?q=${encodeURIComponent(q)}`);
      expect(search.status).toBe(200);
      const page = await client.request(`/desktop?q=${encodeURIComponent(q)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('<img src=x');
    }
  });

  it("refuses another team's restricted case with 403 and changes nothing", async () => {
    const social = createClient(running.url);
    const socialCsrf = await social.signIn('socialcare', 'socialcare-password-demo');
    const raised = await social.json(
      '/api/cases',
      'POST',
      { caseType: 'social-care.adult-referral', channel: 'phone', data: { concern: 'falls', details: 'Two falls this week', urgent: true } },
      { 'x-csrf-token': socialCsrf, 'idempotency-key': key() },
    );
    expect(raised.status).toBe(201);
    const restricted = (await raised.json()) as { id: string; version: number };

    const { client, write } = await agent();
    const read = await client.request(`/api/cases/${restricted.id}`);
    expect(read.status).toBe(403);
    expect((await problemOf(read)).type).toBe('/problems/access-denied');
    for (const [path, body] of [
      [`/api/cases/${restricted.id}/transitions`, { transition: 'no-further-action', expectedVersion: restricted.version }],
      [`/api/cases/${restricted.id}/claim`, { expectedVersion: restricted.version }],
      [`/api/cases/${restricted.id}/notes`, { text: 'peek' }],
    ] as const) {
      const response = await write(path, body);
      expect(response.status).toBe(403);
    }
    expect(await running.app.services.store.getCase(restricted.id)).toMatchObject({ version: restricted.version, state: 'received' });
    const raise = await write('/api/cases', { caseType: 'social-care.adult-referral', channel: 'phone', data: { concern: 'falls', details: 'x', urgent: false } });
    expect(raise.status).toBe(422);
    const queue = await client.request('/api/queues/social-care');
    expect(queue.status).toBe(403);
    const html = await client.request(`/cases/${restricted.id}`);
    expect(html.status).toBe(403);
  });

  it('answers odd case ids and query strings with 4xx', async () => {
    const { client } = await agent();
    expect((await client.request('/api/cases/does-not-exist')).status).toBe(404);
    expect((await client.request(`/api/cases/${encodeURIComponent('../../etc/passwd')}`)).status).toBe(404);
    expect((await client.request(`/api/cases/${'x'.repeat(300)}`)).status).toBe(404);
    expect((await client.request('/api/residents')).status).toBe(422);
    expect((await client.request('/api/metrics?from=yesterday')).status).toBe(422);
    expect((await client.request('/api/metrics?from=2026-02-01&to=2026-01-01')).status).toBe(422);
    expect((await client.request('/cases/does-not-exist')).status).toBe(404);
    expect((await client.request('/residents/does-not-exist')).status).toBe(404);
  });

  it('reports metrics from the engine', async () => {
    const { client } = await agent();
    const response = await client.request('/api/metrics');
    expect(response.status).toBe(200);
    const metrics = (await response.json()) as { volume: number; byChannel: Record<string, { count: number }> };
    expect(metrics.volume).toBe(await caseCount());
  });
});
