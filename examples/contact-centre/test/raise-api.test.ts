import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, problemOf, seenStatuses, startApp } from './harness.js';

let running: RunningApp;
let counter = 0;
const key = () => `raise-api-${Date.now()}-${counter++}`;
let write: (body: unknown, idempotencyKey?: string) => Promise<Response>;

beforeAll(async () => {
  running = await startApp({ seedResidents: 20, workers: false });
  const client = createClient(running.url);
  const csrf = await client.signIn('agent', 'agent-password-demo');
  write = (body, idempotencyKey = key()) => client.json('/api/cases', 'POST', body, { 'x-csrf-token': csrf, 'idempotency-key': idempotencyKey });
});
afterAll(async () => {
  await running.stop();
  expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
});

const caseCount = async () => (await running.app.services.store.findCases({})).length;
const directDebit = (paymentDay: number) => ({
  caseType: 'revenues.direct-debit-change',
  channel: 'phone',
  data: { accountId: 'ACC-00000001', sortCode: '309430', accountNumber: '00733445', accountHolder: 'A Resident', paymentDay },
});

describe('POST /api/cases checks eligibility before anything is written', () => {
  it('refuses an ineligible case with 422 not-eligible, the guard as reason and the sentence as detail, and writes nothing', async () => {
    const before = await caseCount();
    const response = await write(directDebit(9));
    expect(response.status).toBe(422);
    const body = (await problemOf(response)) as Awaited<ReturnType<typeof problemOf>> & { detail: string; reason: string; transition: string };
    expect(body).toMatchObject({ type: '/problems/not-eligible', status: 422, reason: 'bankDetailsValid', transition: 'refer', instance: '/api/cases' });
    expect(body.detail).toContain('Choose a payment day: 1, 15, 28');
    expect(await caseCount()).toBe(before);
    expect(await running.app.services.store.listOutbox({})).toEqual([]);
  });

  it('raises an eligible case in its first state when no outcome is given', async () => {
    const response = await write(directDebit(15));
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; state: string };
    expect(created.state).toBe('received');
    expect(await running.app.services.store.listOutbox({ caseId: created.id })).toEqual([]);
  });

  it('with outcome "refer", raises and refers through the outbox in one call; a repeated key replays it', async () => {
    const k = key();
    const response = await write({ ...directDebit(28), outcome: 'refer' }, k);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; state: string };
    expect(created.state).toBe('referred');
    expect((await running.app.services.store.listOutbox({ caseId: created.id })).map((m) => m.operation)).toEqual(['setDirectDebit']);
    const again = await write({ ...directDebit(28), outcome: 'refer' }, k);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    expect(await running.app.services.store.listOutbox({ caseId: created.id })).toHaveLength(1);
  });

  it('with outcome "resolve", a benefit enquiry with nothing outstanding is resolved at first contact, though it could not be referred', async () => {
    const benefit = { caseType: 'revenues.benefit-enquiry', channel: 'phone', data: { claimId: 'CLM-000001', claimReference: 'HB123456', topic: 'evidence', question: 'Have you had my payslips?', outstandingEvidence: [] } };
    const before = await caseCount();
    const refused = await write(benefit);
    expect(refused.status).toBe(422);
    expect(await problemOf(refused)).toMatchObject({ type: '/problems/not-eligible' });
    expect(await caseCount()).toBe(before);
    const resolved = await write({ ...benefit, outcome: 'resolve' });
    expect(resolved.status).toBe(201);
    expect(await resolved.json()).toMatchObject({ status: 'resolved', resolvedAtFirstContact: true });
  });

  it('refuses an outcome the case type has no first-contact step for, as a validation problem on /outcome', async () => {
    const before = await caseCount();
    const response = await write({ caseType: 'contact-centre.general-enquiry', channel: 'phone', data: { topic: 'waste', question: 'When is my bin day?' }, outcome: 'refer' });
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ type: '/problems/validation-failed', errors: [{ pointer: '/outcome' }] });
    expect(await caseCount()).toBe(before);
  });

  it('describes the refusal in the OpenAPI document', async () => {
    const doc = (await (await createClient(running.url).request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }>; requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
      components: { schemas: { Problem: { properties: Record<string, unknown> } } };
    };
    const raise = doc.paths['/cases']!['post']!;
    expect(raise.responses['422']!.description).toContain('The case type refuses this case');
    expect(Object.keys(raise.requestBody.content['application/json']!.schema.properties)).toEqual(expect.arrayContaining(['outcome', 'payload']));
    expect(doc.components.schemas.Problem.properties).toHaveProperty('reason');
  });
});
