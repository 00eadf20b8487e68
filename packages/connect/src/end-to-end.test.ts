// The connect pieces driven end to end with the real case engine and the
// in-memory store: a referral leaves through the outbox, status comes back by
// polling and by webhook, and every step lands in the case's audit trail.
import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
import type { CaseStore } from '@councilkit/cases';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatcher.js';
import { createStatusSync } from './status-sync.js';
import { manualClock, T0 } from './test-helpers.js';
import { agent, missedBin, openAndRefer, statusMap, supervisor, waste, wasteBackOffice } from './test-scenario.js';
import { createWebhookHandler, signWebhook } from './webhook.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(options: { store?: CaseStore; maxAttempts?: number } = {}) {
  const store = options.store ?? createMemoryStore();
  const clock = manualClock();
  const engine = createCaseEngine({ store, caseTypes: [missedBin], calendar: createWorkingDayCalendar(), clock });
  const dispatcher = createDispatcher({
    store,
    engine,
    backOffices: [waste],
    clock,
    workerId: 'dispatcher-1',
    retry: { maxAttempts: options.maxAttempts ?? 3, baseMs: 1000, maxMs: 60_000 },
    random: () => 0.5,
  });
  const sync = createStatusSync({ store, engine, backOffices: [waste], statusMap });
  return { store, clock, engine, dispatcher, sync };
}

describe('connect end to end with the case engine', () => {
  it('writes the referral in the same commit as the case event and delivers it once', async () => {
    const office = wasteBackOffice(server);
    const { store, engine, dispatcher } = setup();
    const caseId = await openAndRefer(engine, 'c1');

    const [message] = await store.listOutbox({ caseId });
    const referred = (await store.listEvents(caseId)).find((event) => event.type === 'transitioned');
    expect(message).toMatchObject({ status: 'pending', destination: 'waste', operation: 'reportMissedCollection', caseId });
    expect(referred?.caseVersion).toBe(2);
    expect(message?.createdAt).toBe(referred?.at);
    expect(message?.idempotencyKey).toBe(`${caseId}:2:tellCrew`);

    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });
    expect(office.hits).toEqual([message?.idempotencyKey]);
    expect([...office.jobs.values()][0]?.body).toEqual({ uprn: 100023336956, serviceId: 'refuse', caseId });

    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.externalReferences).toMatchObject([{ system: 'waste', reference: 'WM-1' }]);
    expect(view.history.map((event) => event.type)).toEqual(['opened', 'transitioned', 'external-reference-recorded']);
  });

  it('survives a dispatcher dying after delivery: the next one redelivers with the same key, with no second effect', async () => {
    const office = wasteBackOffice(server);
    const { store, clock, engine } = setup();
    const caseId = await openAndRefer(engine, 'c1');
    const dying = createDispatcher({
      store: {
        ...store,
        claimOutbox: (request) => store.claimOutbox(request),
        markDelivered: async () => {
          throw new Error('killed before recording delivery');
        },
      },
      engine,
      backOffices: [waste],
      clock,
      workerId: 'dying',
      leaseMs: 30_000,
    });
    await expect(dying.dispatchOnce()).rejects.toThrow('killed');
    const survivor = createDispatcher({ store, engine, backOffices: [waste], clock, workerId: 'survivor', leaseMs: 30_000 });
    expect(await survivor.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(30_000);
    expect(await survivor.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(office.hits).toHaveLength(2);
    expect(office.jobs.size).toBe(1);
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.externalReferences).toHaveLength(1);
  });

  it('delivers a referral whose case was closed while it was in flight', async () => {
    wasteBackOffice(server);
    const { store, engine, dispatcher } = setup();
    const caseId = await openAndRefer(engine, 'c1');
    await engine.transition({ actor: agent, idempotencyKey: 'c1-withdraw', caseId, transition: 'withdraw' });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    const [message] = await store.listOutbox({ caseId });
    expect(message).toMatchObject({ status: 'delivered', result: { reference: 'WM-1' } });
  });

  it('retries a 503 with Retry-After, then delivers', async () => {
    const office = wasteBackOffice(server);
    office.failNext(() => new HttpResponse(null, { status: 503, headers: { 'retry-after': '30' } }));
    const { store, clock, engine, dispatcher } = setup();
    const caseId = await openAndRefer(engine, 'c1');
    expect(await dispatcher.dispatchOnce()).toMatchObject({ retried: 1 });
    const [waiting] = await store.listOutbox({ caseId });
    expect(waiting?.nextAttemptAt).toBe(new Date(T0 + 30_000).toISOString());
    clock.advance(29_999);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect(office.jobs.size).toBe(1);
  });

  it('makes an incident after the last retry that a supervisor sees on the case and can retry', async () => {
    const office = wasteBackOffice(server);
    const down = () => new HttpResponse(null, { status: 503 });
    office.failNext(down, down, down);
    const { clock, engine, dispatcher } = setup({ maxAttempts: 3 });
    const caseId = await openAndRefer(engine, 'c1');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await dispatcher.dispatchOnce();
      clock.advance(60_000);
    }
    const [incident] = await dispatcher.incidents();
    expect(incident).toMatchObject({ caseId, destination: 'waste', attempts: 3 });
    expect(incident?.reason).toContain('Gave up after 3 attempts');

    const seen = await engine.getCase({ actor: supervisor, caseId });
    const note = seen.history.find((event) => event.type === 'note-added');
    expect(note?.payload.text).toBe(`Could not send to the waste system: ${incident?.reason}`);

    expect(await dispatcher.retryIncident({ messageId: incident?.messageId ?? '', actor: supervisor })).toBe(true);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    const after = await engine.getCase({ actor: supervisor, caseId });
    expect(after.case.externalReferences).toMatchObject([{ reference: 'WM-1' }]);
    expect(after.history.filter((event) => event.type === 'note-added').map((event) => event.actorId)).toEqual(['system:dispatcher', 'sup-1']);
  });

  it('moves the case when status comes back by polling', async () => {
    const office = wasteBackOffice(server);
    const { engine, dispatcher, sync } = setup();
    const caseId = await openAndRefer(engine, 'c1');
    await dispatcher.dispatchOnce();
    office.feed.push(
      { id: 'u-1', reference: 'WM-1', status: 'action_scheduled', updatedAt: '2026-11-24T10:00:00+00:00', description: 'Crew booked for Wednesday' },
      { id: 'u-2', reference: 'WM-1', status: 'collected_maybe', updatedAt: '2026-11-24T11:00:00+00:00' },
      { id: 'u-3', reference: 'WM-1', status: 'fixed', updatedAt: '2026-11-25T12:00:00+00:00' },
    );
    const [result] = await sync.poll();
    expect(result?.outcomes.map((o) => o.outcome)).toEqual(['noted', 'unmapped', 'transitioned']);
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.state).toBe('resolved');
    const moved = view.history.at(-1);
    expect(moved).toMatchObject({ type: 'resolved', from: 'referred', to: 'resolved', actorId: 'system:status-sync', idempotencyKey: 'status:waste:u-3' });
    expect(JSON.stringify(moved?.payload)).toContain('"backOfficeStatus":"fixed"');

    expect((await sync.poll())[0]?.outcomes).toEqual([]);
    expect((await engine.getCase({ actor: agent, caseId })).history).toHaveLength(view.history.length);
  });

  it('moves the case when status is pushed to the webhook, once even if replayed', async () => {
    wasteBackOffice(server);
    const { engine, dispatcher, sync } = setup();
    const caseId = await openAndRefer(engine, 'c1');
    await dispatcher.dispatchOnce();
    const secret = 'waste-webhook-secret-for-tests';
    const handler = createWebhookHandler({ secret, sync, backOffice: 'waste' });
    const body = JSON.stringify({ id: 'push-1', reference: 'WM-1', status: 'not_councils_responsibility', updatedAt: new Date().toISOString(), description: 'Private road' });
    const send = async (deliveryId: string) =>
      handler(new Request('https://crm.test/hooks/waste', { method: 'POST', body, headers: await signWebhook({ secret, body, deliveryId }) }));

    const response = await send('d-1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, outcomes: [{ updateId: 'push-1', outcome: 'transitioned', caseId }] });
    expect((await send('d-1')).status).toBe(409);
    // A new delivery of the same update (a sender retry) is accepted but the update id keeps it from moving the case twice.
    expect((await send('d-2')).status).toBe(200);
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.state).toBe('closed');
    expect(view.history.filter((event) => event.idempotencyKey === 'status:waste:push-1')).toMatchObject([{ type: 'closed', from: 'referred', to: 'closed' }]);
  });
});
