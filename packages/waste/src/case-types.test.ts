import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
import type { Actor } from '@councilkit/cases';
import { createTestClock } from '@councilkit/cases/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  containerRequestCaseData,
  createWasteCaseTypes,
  createWasteClient,
  missedCollectionCaseData,
  WASTE_FIXTURES,
  wasteStatusMap,
} from './index.js';
import type { WasteClient } from './index.js';
import { createWasteBackOffice, wasteHandlers } from './mock/index.js';
import type { WasteBackOffice } from './mock/index.js';

const agent: Actor = { id: 'agent-1', teams: ['contact-centre'] };
const baseUrl = 'https://waste.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let clock: ReturnType<typeof createTestClock>;
let backOffice: WasteBackOffice;
let waste: WasteClient;

function setup(options: Parameters<typeof createWasteCaseTypes>[0] = {}) {
  const store = createMemoryStore();
  const types = createWasteCaseTypes(options);
  const engine = createCaseEngine({ store, caseTypes: types.all, clock, calendar: createWorkingDayCalendar() });
  return { store, engine, types };
}

beforeEach(() => {
  clock = createTestClock('2026-03-04T10:00:00Z'); // Wednesday
  backOffice = createWasteBackOffice({ seed: 2, now: () => clock.now() });
  server.resetHandlers(...wasteHandlers(backOffice, { baseUrl }));
  waste = createWasteClient({ baseUrl });
});

describe('waste case types', () => {
  it('defines all five, named and versioned', () => {
    const { types } = setup();
    expect(types.all.map((t) => t.name)).toEqual([
      'waste.missed-collection',
      'waste.container-request',
      'waste.bulky-booking',
      'waste.garden-subscription',
      'waste.assisted-collection',
    ]);
    for (const type of types.all) {
      const refer = Object.values(type.effects).filter((e) => e.kind === 'refer');
      expect(refer.length).toBeGreaterThan(0);
      expect(refer.every((e) => e.kind === 'refer' && e.destination === 'waste')).toBe(true);
      // every status-map transition exists on the type
      for (const transition of Object.values(wasteStatusMap[type.name] ?? {})) {
        if (transition !== null && transition !== undefined) expect(type.transitions[transition], `${type.name} ${transition}`).toBeDefined();
      }
    }
  });

  it('refers an eligible missed collection through the outbox, and the payload is the operation body', async () => {
    const { engine, store } = setup();
    const property = await waste.getProperty(WASTE_FIXTURES.uprn);
    const { services } = await waste.getPropertyServices(WASTE_FIXTURES.uprn);
    const data = missedCollectionCaseData({ property, service: services.find((s) => s.id === 'refuse')!, notes: 'Bin still full' });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'open-1', caseType: 'waste.missed-collection', channel: 'phone', data });
    await engine.transition({ actor: agent, idempotencyKey: 'refer-1', caseId, transition: 'refer' });

    const [message] = await store.listOutbox({});
    expect(message).toMatchObject({ caseId, destination: 'waste', operation: 'reportMissedCollection', status: 'pending' });
    expect(message!.payload).toEqual({ uprn: WASTE_FIXTURES.uprn, serviceId: 'refuse', notes: 'Bin still full' });

    // What the dispatcher does: send the payload with the message's idempotency key, twice (a retry).
    const sent = await waste.reportMissedCollection(message!.payload as never, { idempotencyKey: message!.idempotencyKey });
    const retried = await waste.reportMissedCollection(message!.payload as never, { idempotencyKey: message!.idempotencyKey });
    expect(retried.reference).toBe(sent.reference);
    await engine.recordExternalReference({ actor: agent, idempotencyKey: 'ref-1', caseId, system: 'waste', reference: sent.reference });

    backOffice.complete(sent.reference);
    const { updates } = await waste.listUpdates();
    const done = updates.filter((u) => u.reference === sent.reference).at(-1)!;
    const transition = wasteStatusMap['waste.missed-collection']?.[done.status];
    expect(transition).toBe('complete');
    await engine.transition({ actor: agent, idempotencyKey: 'done-1', caseId, transition: transition! });
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.state).toBe('resolved');
  });

  it('refuses to refer when the crew recorded not presented, with the sentence for the agent', async () => {
    const { engine, store } = setup();
    backOffice.recordCollection({ uprn: WASTE_FIXTURES.uprn, serviceId: 'refuse', outcome: 'Not presented' });
    const property = await waste.getProperty(WASTE_FIXTURES.uprn);
    const { services } = await waste.getPropertyServices(WASTE_FIXTURES.uprn);
    const data = missedCollectionCaseData({ property, service: services.find((s) => s.id === 'refuse')! });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'open-2', caseType: 'waste.missed-collection', channel: 'phone', data });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'refer-2', caseId, transition: 'refer' })).rejects.toMatchObject({
      reason: 'guard-refused',
      guard: 'eligible',
      message: expect.stringMatching(/not put out for collection on Wednesday 4 March 2026/),
    });
    expect(await store.listOutbox({})).toEqual([]);
    // The agent explains and resolves at first contact instead.
    await engine.transition({ actor: agent, idempotencyKey: 'rfc-2', caseId, transition: 'resolve-on-call' });
  });

  it('re-checks the window at referral time against the engine clock and the nation', async () => {
    const base = { uprn: 100, serviceId: 'refuse', serviceName: 'rubbish', scheduledDate: '2026-04-02', lastOutcome: 'Collected' as const };
    clock.set('2026-04-08T12:00:00+01:00');
    const { engine } = setup();
    // England and Wales: Good Friday and Easter Monday skip, so Thu 2 April is reportable until Wed 8 April.
    const ew = await engine.open({ actor: agent, idempotencyKey: 'o-ew', caseType: 'waste.missed-collection', channel: 'web', data: { ...base, nation: 'england-and-wales' } });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-ew', caseId: ew.caseId, transition: 'refer' })).resolves.toMatchObject({ state: 'referred' });
    // Scotland has no Easter Monday holiday, so the window ended Tue 7 April.
    const sc = await engine.open({ actor: agent, idempotencyKey: 'o-sc', caseType: 'waste.missed-collection', channel: 'web', data: { ...base, nation: 'scotland' } });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-sc', caseId: sc.caseId, transition: 'refer' })).rejects.toMatchObject({ reason: 'guard-refused' });
  });

  it('guards container limits and cannot cancel at the back office before it has a reference', async () => {
    const { engine, store } = setup();
    const types = await waste.listContainerTypes();
    const { services } = await waste.getPropertyServices(WASTE_FIXTURES.uprn);
    const recycling = types.find((t) => t.id === 'recycling-240')!;
    const over = containerRequestCaseData({ uprn: WASTE_FIXTURES.uprn, containerType: recycling, services, reason: 'extra', quantity: 2 });
    const a = await engine.open({ actor: agent, idempotencyKey: 'o-c1', caseType: 'waste.container-request', channel: 'phone', data: over });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-c1', caseId: a.caseId, transition: 'refer' })).rejects.toMatchObject({
      guard: 'withinLimits',
      message: expect.stringMatching(/at most 2/),
    });

    const ok = containerRequestCaseData({ uprn: WASTE_FIXTURES.uprn, containerType: recycling, services, reason: 'extra', quantity: 1 });
    const b = await engine.open({ actor: agent, idempotencyKey: 'o-c2', caseType: 'waste.container-request', channel: 'phone', data: ok });
    await engine.transition({ actor: agent, idempotencyKey: 'r-c2', caseId: b.caseId, transition: 'refer' });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'x-c2', caseId: b.caseId, transition: 'cancel' })).rejects.toMatchObject({ guard: 'referenced' });

    const [message] = await store.listOutbox({});
    const request = await waste.requestContainer(message!.payload as never, { idempotencyKey: message!.idempotencyKey });
    await engine.recordExternalReference({ actor: agent, idempotencyKey: 'e-c2', caseId: b.caseId, system: 'waste', reference: request.reference });
    await engine.transition({ actor: agent, idempotencyKey: 'x-c2b', caseId: b.caseId, transition: 'cancel' });
    const cancel = (await store.listOutbox({})).find((m) => m.operation === 'cancelContainerRequest')!;
    expect(cancel.payload).toEqual({ reference: request.reference });
    const { reference, ...body } = cancel.payload as { reference: string };
    await expect(waste.cancelContainerRequest(reference, body, { idempotencyKey: cancel.idempotencyKey })).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('books bulky waste only while the hold is valid, and cancels with the refund rules', async () => {
    const { engine, store } = setup();
    const hold = await waste.reserveBulkySlot({ uprn: WASTE_FIXTURES.uprn, slotId: 'slot-2026-03-09' });
    const data = {
      uprn: WASTE_FIXTURES.uprn,
      reservationId: hold.id,
      reservationExpiresAt: hold.expiresAt,
      slotDate: hold.slot.date,
      items: [{ itemId: 'table', quantity: 1 }],
      location: 'Drive',
      paymentReference: 'PAY-1',
      price: 1000,
    };
    const late = await engine.open({ actor: agent, idempotencyKey: 'o-b1', caseType: 'waste.bulky-booking', channel: 'web', data });
    clock.advance({ minutes: 20 });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-b1', caseId: late.caseId, transition: 'book' })).rejects.toMatchObject({ guard: 'holdValid' });

    clock.set('2026-03-04T10:00:00Z');
    const fresh = await engine.open({ actor: agent, idempotencyKey: 'o-b2', caseType: 'waste.bulky-booking', channel: 'web', data });
    await engine.transition({ actor: agent, idempotencyKey: 'r-b2', caseId: fresh.caseId, transition: 'book' });
    const [message] = await store.listOutbox({});
    expect(message).toMatchObject({ operation: 'bookBulkyCollection', payload: { reservationId: hold.id, location: 'Drive', paymentReference: 'PAY-1' } });
    const booking = await waste.bookBulkyCollection(message!.payload as never, { idempotencyKey: message!.idempotencyKey });
    await engine.recordExternalReference({ actor: agent, idempotencyKey: 'e-b2', caseId: fresh.caseId, system: 'waste', reference: booking.reference });
    // On the collection day itself the crew is already scheduled, so the guard refuses.
    clock.set('2026-03-09T07:00:00Z');
    await expect(engine.transition({ actor: agent, idempotencyKey: 'x-b2', caseId: fresh.caseId, transition: 'cancel' })).rejects.toMatchObject({ guard: 'cancellable' });
  });

  it('refuses garden waste for a flat and a second assisted application', async () => {
    const { engine } = setup();
    const g = await engine.open({
      actor: agent,
      idempotencyKey: 'o-g',
      caseType: 'waste.garden-subscription',
      channel: 'web',
      data: { uprn: 1, propertyType: 'flat', bins: 1, paymentMethod: 'card', paymentReference: 'P' },
    });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-g', caseId: g.caseId, transition: 'subscribe' })).rejects.toMatchObject({
      message: 'Garden waste collection is not available for flats.',
    });
    const a = await engine.open({
      actor: agent,
      idempotencyKey: 'o-a',
      caseType: 'waste.assisted-collection',
      channel: 'phone',
      data: { uprn: 1, reason: 'Uses a wheelchair', pendingReference: 'AC-100001' },
    });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'r-a', caseId: a.caseId, transition: 'apply' })).rejects.toMatchObject({
      message: expect.stringContaining('AC-100001'),
    });
  });
});
