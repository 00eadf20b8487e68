import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
import type { Actor } from '@councilkit/cases';
import { createTestClock } from '@councilkit/cases/testing';
import { createDispatcher, createStatusSync, createWebhookHandler } from '@councilkit/connect';
import { describe, expect, it } from 'vitest';
import { createParkingCaseTypes, parkingStatusMap } from './case-types.js';
import { defineParkingBackOffice } from './connector.js';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from './mock/index.js';

const agent: Actor = { id: 'agent-1', teams: ['contact-centre', 'parking'] };
const f = MOCK_PARKING_FIXTURES;

function setup(start = '2026-11-24T10:00:00Z') {
  const clock = createTestClock(start);
  const store = createMemoryStore();
  const types = createParkingCaseTypes();
  const engine = createCaseEngine({ store, caseTypes: types.all, clock, calendar: createWorkingDayCalendar() });
  const backOffice = createMockParkingBackOffice({ now: () => clock.now() });
  const parking = defineParkingBackOffice({ baseUrl: backOffice.baseUrl, fetch: backOffice.fetch });
  const dispatcher = createDispatcher({ store, engine, backOffices: [parking], clock, workerId: 'dispatcher-1' });
  const sync = createStatusSync({ store, engine, backOffices: [parking], statusMap: { ...parkingStatusMap } });
  let counter = 0;
  const key = () => `k-${(counter += 1)}`;
  const open = async (caseType: string, data: Record<string, unknown>) => (await engine.open({ actor: agent, idempotencyKey: key(), caseType, channel: 'web', data })).caseId;
  const move = (caseId: string, transition: string, payload: Record<string, unknown> = {}) => engine.transition({ actor: agent, idempotencyKey: key(), caseId, transition, payload });
  const state = async (caseId: string) => (await engine.getCase({ actor: agent, caseId })).case.state;
  return { clock, store, engine, types, backOffice, dispatcher, sync, open, move, state };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the transition to be refused');
}

describe('the PCN lifecycle as a case type', () => {
  it('has a state for every statutory stage, and paid and cancelled end it', () => {
    const { types } = setup();
    expect(Object.keys(types.pcn.states)).toContain('order-for-recovery');
    expect(types.pcn.states.paid?.terminal).toBe(true);
    expect(types.pcn.states.cancelled?.terminal).toBe(true);
    expect(types.pcn.transitionsFrom('paid')).toEqual([]);
  });

  it('walks a PCN through every stage only when its dates allow, recording each letter', async () => {
    // Affixed Monday 2 March 2026; see pcn-lifecycle.test.ts for the dates.
    const { clock, open, move, state, engine } = setup('2026-03-02T09:00:00Z');
    const caseId = await open('parking.pcn', { pcnNumber: 'AT30000001', vrm: 'AB12CDE', issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [] });
    await move(caseId, 'start-discount');
    expect(await refusal(move(caseId, 'discount-expired'))).toMatch(/stage "discount" \(next: full-charge from 2026-03-16\)/);
    clock.set('2026-03-16T09:00:00Z');
    await move(caseId, 'discount-expired');
    expect(await refusal(move(caseId, 'send-notice-to-owner'))).toMatch(/cannot be sent until the 28-day payment period ends on 2026-03-29/);
    clock.set('2026-03-30T09:00:00Z');
    await move(caseId, 'send-notice-to-owner');
    clock.set('2026-04-10T09:00:00Z');
    await move(caseId, 'receive-representation');
    clock.set('2026-05-01T09:00:00Z');
    await move(caseId, 'reject-representation');
    clock.set('2026-05-20T09:00:00Z');
    await move(caseId, 'lodge-appeal');
    clock.set('2026-07-01T09:00:00Z');
    await move(caseId, 'refuse-appeal');
    clock.set('2026-07-30T09:00:00Z');
    expect(await refusal(move(caseId, 'send-charge-certificate'))).toMatch(/2026-07-30/);
    clock.set('2026-07-31T09:00:00Z');
    await move(caseId, 'send-charge-certificate');
    clock.set('2026-08-28T09:00:00Z');
    await move(caseId, 'send-order-for-recovery');
    clock.set('2026-09-23T09:00:00Z');
    await move(caseId, 'issue-warrant');
    expect(await state(caseId)).toBe('enforcement');
    const data = (await engine.getCase({ actor: agent, caseId })).case.data as { events: { type: string; on: string }[] };
    expect(data.events.map((event) => event.type)).toEqual([
      'notice-to-owner-sent',
      'representation-received',
      'notice-of-rejection-sent',
      'appeal-lodged',
      'appeal-refused',
      'charge-certificate-sent',
      'order-for-recovery-sent',
      'warrant-issued',
    ]);
  });

  it('re-offers the discount after a rejected challenge only through the matching transition', async () => {
    const { clock, open, move, state } = setup('2026-03-02T09:00:00Z');
    const caseId = await open('parking.pcn', { pcnNumber: 'AT30000002', vrm: 'AB12CDE', issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [] });
    await move(caseId, 'start-discount');
    clock.set('2026-03-10T09:00:00Z');
    await move(caseId, 'receive-challenge');
    clock.set('2026-03-26T09:00:00Z');
    expect(await refusal(move(caseId, 'reject-challenge-full-charge'))).toMatch(/stage "discount"/);
    await move(caseId, 'reject-challenge');
    expect(await state(caseId)).toBe('discount');
  });

  it('cancels a representation not decided within 56 days', async () => {
    const { clock, open, move, state } = setup('2026-04-10T09:00:00Z');
    const caseId = await open('parking.pcn', {
      pcnNumber: 'AT30000003',
      vrm: 'AB12CDE',
      issuedOn: '2026-03-02',
      serviceMethod: 'affixed',
      amountFull: 7000,
      events: [{ type: 'notice-to-owner-sent', on: '2026-03-30' }],
    });
    expect(await refusal(move(caseId, 'start-discount'))).toMatch(/stage "notice-to-owner"/);
    await move(caseId, 'receive-representation');
    expect(await refusal(move(caseId, 'deem-accepted'))).toMatch(/next: cancelled from 2026-06-05/);
    clock.set('2026-06-05T09:00:00Z');
    await move(caseId, 'deem-accepted');
    expect(await state(caseId)).toBe('cancelled');
  });

  it('records a payment for the derived amount through the outbox, whatever the caller says', async () => {
    const { open, move, store, dispatcher, backOffice, state } = setup();
    const pcn = backOffice.pcn(f.discount.pcnNumber)!;
    const caseId = await open('parking.pcn', { pcnNumber: pcn.pcnNumber, vrm: pcn.vrm, issuedOn: pcn.issuedOn, serviceMethod: pcn.serviceMethod, amountFull: pcn.amountFull, events: [] });
    await move(caseId, 'start-discount');
    expect(await refusal(move(caseId, 'record-payment', { amount: 1 }))).toMatch(/paymentReference/);
    await move(caseId, 'record-payment', { paymentReference: 'pay_abc123', amount: 1 });
    const [message] = await store.listOutbox({ caseId });
    expect(message).toMatchObject({ destination: 'parking', operation: 'payPcn', payload: { pcnNumber: pcn.pcnNumber, vrm: pcn.vrm, amount: 3500, paymentReference: 'pay_abc123' } });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect(backOffice.pcn(f.discount.pcnNumber)).toMatchObject({ stage: 'paid', paid: 3500 });
    expect(await state(caseId)).toBe('paid');
  });

  it('refuses to record a payment on a PCN already paid, before anything reaches the outbox', async () => {
    const { open, move, store } = setup('2026-04-10T09:00:00Z');
    const caseId = await open('parking.pcn', {
      pcnNumber: 'AT30000009',
      vrm: 'AB12CDE',
      issuedOn: '2026-04-01',
      serviceMethod: 'affixed',
      amountFull: 7000,
      events: [{ type: 'payment', on: '2026-04-03', amount: 3500 }],
    });
    expect(await refusal(move(caseId, 'record-payment', { paymentReference: 'pay_again' }))).toMatch(/Nothing is due on this PCN/);
    expect(await store.listOutbox({ caseId })).toEqual([]);
  });
});

describe('challenge, representation and permit case types', () => {
  it('refers an informal challenge, then closes it from the updates feed when the back office accepts it', async () => {
    const { open, move, dispatcher, sync, backOffice, engine, state } = setup();
    const caseId = await open('parking.challenge', { ...f.challengeable, serviceMethod: 'affixed', stage: 'discount', statement: 'My permit was on display' });
    await move(caseId, 'submit');
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    const reference = (await engine.getCase({ actor: agent, caseId })).case.externalReferences[0]?.reference;
    expect(reference).toMatch(/^CH-/);
    backOffice.decideChallenge(f.challengeable.pcnNumber, reference!, { outcome: 'accepted', reason: 'Permit valid' });
    await sync.poll();
    expect(await state(caseId)).toBe('resolved');
  });

  it('closes a challenge from a signed webhook push', async () => {
    const clock = createTestClock('2026-11-24T10:00:00Z');
    const store = createMemoryStore();
    const engine = createCaseEngine({ store, caseTypes: createParkingCaseTypes().all, clock, calendar: createWorkingDayCalendar() });
    const secret = 'a-shared-secret-of-32-characters';
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const backOffice = createMockParkingBackOffice({
      now: () => clock.now(),
      webhook: { url: 'https://crm.example.gov.uk/hooks/parking', secret, fetch: (url, init) => handler!(new Request(url, init)) },
    });
    const parking = defineParkingBackOffice({ baseUrl: backOffice.baseUrl, fetch: backOffice.fetch });
    const sync = createStatusSync({ store, engine, backOffices: [parking], statusMap: { ...parkingStatusMap } });
    handler = createWebhookHandler({ secret, sync, backOffice: 'parking' });
    const dispatcher = createDispatcher({ store, engine, backOffices: [parking], clock, workerId: 'dispatcher-1' });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'o', caseType: 'parking.challenge', channel: 'web', data: { ...f.challengeable, serviceMethod: 'affixed', stage: 'discount', statement: 'Permit on display' } });
    await engine.transition({ actor: agent, idempotencyKey: 's', caseId, transition: 'submit' });
    await dispatcher.dispatchOnce();
    const reference = (await engine.getCase({ actor: agent, caseId })).case.externalReferences[0]!.reference;
    backOffice.decideChallenge(f.challengeable.pcnNumber, reference, { outcome: 'rejected', reason: 'No permit visible' });
    await backOffice.flushWebhooks();
    expect((await engine.getCase({ actor: agent, caseId })).case.state).toBe('resolved');
  });

  it('refuses an informal challenge after a notice to owner, and a representation before one', async () => {
    const { open, move, store } = setup();
    const late = await open('parking.challenge', { ...f.noticeToOwner, serviceMethod: 'affixed', stage: 'notice-to-owner', statement: 'x' });
    expect(await refusal(move(late, 'submit'))).toMatch(/formal representation instead/);
    const early = await open('parking.representation', { ...f.challengeable, serviceMethod: 'affixed', stage: 'discount', statement: 'x', ground: 'procedural-impropriety' });
    expect(await refusal(move(early, 'submit'))).toMatch(/open when the notice to owner arrives/);
    expect(await store.listOutbox({})).toEqual([]);
  });

  it('refers a representation with its ground', async () => {
    const { open, move, store, dispatcher } = setup();
    const caseId = await open('parking.representation', { ...f.noticeToOwner, serviceMethod: 'affixed', stage: 'notice-to-owner', statement: 'Signs missing', ground: 'contravention-did-not-occur' });
    await move(caseId, 'submit');
    expect((await store.listOutbox({ caseId }))[0]?.payload).toMatchObject({ kind: 'representation', ground: 'contravention-did-not-occur' });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
  });

  it('refers a permit application and resolves it as issued from the updates feed', async () => {
    const { open, move, dispatcher, sync, state } = setup();
    const bad = await open('parking.permit-application', { zone: 'A', vrm: 'ZX99ABC', uprn: f.propertyInZone.uprn, holderName: 'Grace Hopper', startDate: '2027-06-01' });
    expect(await refusal(move(bad, 'apply'))).toMatch(/Choose a start date from 2026-11-24 to 2027-02-22/);
    const caseId = await open('parking.permit-application', { zone: 'A', vrm: 'ZX99ABC', uprn: f.propertyInZone.uprn, holderName: 'Grace Hopper', startDate: '2026-12-01' });
    await move(caseId, 'apply');
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    await sync.poll();
    expect(await state(caseId)).toBe('resolved');
  });

  it('refuses case data that breaks the schema', async () => {
    const { open } = setup();
    await expect(open('parking.pcn', { pcnNumber: "'; DROP TABLE--", vrm: 'AB12CDE', issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [] })).rejects.toThrow();
    await expect(open('parking.representation', { ...f.noticeToOwner, serviceMethod: 'affixed', stage: 'notice-to-owner', statement: 'x', ground: 'because' })).rejects.toThrow();
  });
});
