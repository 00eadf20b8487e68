import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
import type { Actor } from '@councilkit/cases';
import { createTestClock } from '@councilkit/cases/testing';
import { createDispatcher, createStatusSync, createWebhookHandler } from '@councilkit/connect';
import { describe, expect, it } from 'vitest';
import { createRevenuesCaseTypes, revenuesStatusMap } from './case-types.js';
import { defineRevenuesBackOffice } from './connector.js';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from './mock/index.js';

const agent: Actor = { id: 'agent-1', teams: ['contact-centre'] };
const { singleAdult, twoAdults, withDiscount, mover, claim } = MOCK_REVENUES_FIXTURES;

function setup(options: Parameters<typeof createRevenuesCaseTypes>[0] = {}) {
  const clock = createTestClock('2026-11-24T10:00:00Z');
  const store = createMemoryStore();
  const types = createRevenuesCaseTypes(options);
  const engine = createCaseEngine({ store, caseTypes: types.all, clock, calendar: createWorkingDayCalendar() });
  const backOffice = createMockRevenuesBackOffice({ now: () => clock.now() });
  const revenues = defineRevenuesBackOffice({ baseUrl: backOffice.baseUrl, fetch: backOffice.fetch });
  const dispatcher = createDispatcher({ store, engine, backOffices: [revenues], clock, workerId: 'dispatcher-1' });
  const sync = createStatusSync({ store, engine, backOffices: [revenues], statusMap: { ...revenuesStatusMap } });
  let counter = 0;
  const key = () => `k-${(counter += 1)}`;
  const open = async (caseType: string, data: Record<string, unknown>) => (await engine.open({ actor: agent, idempotencyKey: key(), caseType, channel: 'phone', data })).caseId;
  const move = (caseId: string, transition: string) => engine.transition({ actor: agent, idempotencyKey: key(), caseId, transition });
  return { clock, store, engine, types, backOffice, dispatcher, sync, open, move };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the transition to be refused');
}

describe('revenues case types', () => {
  it('defines four case types whose referrals all go to revenues, and whose status map names real transitions', () => {
    const { types } = setup();
    expect(types.all.map((type) => type.name)).toEqual(['revenues.moving-home', 'revenues.single-person-discount', 'revenues.direct-debit-change', 'revenues.benefit-enquiry']);
    for (const type of types.all) {
      const refers = Object.values(type.effects).filter((effect) => effect.kind === 'refer');
      expect(refers.length).toBeGreaterThan(0);
      expect(refers.every((effect) => effect.kind === 'refer' && effect.destination === 'revenues')).toBe(true);
      for (const transition of Object.values(revenuesStatusMap[type.name] ?? {})) {
        if (transition) expect(type.transitions[transition], `${type.name}: ${transition}`).toBeDefined();
      }
    }
  });

  it('refers a move through the outbox, delivers it to the back office once, and completes it from the updates feed', async () => {
    const { open, move, store, dispatcher, sync, engine, backOffice } = setup();
    const caseId = await open('revenues.moving-home', {
      accountId: mover.accountId,
      accountReference: mover.reference,
      kind: 'out',
      moveDate: '2026-12-01',
      forwardingAddress: { lines: ['1 Far Away'], postcode: 'FA1 1AA' },
    });
    await move(caseId, 'refer');
    const [message] = await store.listOutbox({ caseId });
    expect(message).toMatchObject({ destination: 'revenues', operation: 'reportMove', status: 'pending' });
    expect(message?.payload).toEqual({ accountId: mover.accountId, kind: 'out', moveDate: '2026-12-01', forwardingAddress: { lines: ['1 Far Away'], postcode: 'FA1 1AA' } });

    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.externalReferences).toMatchObject([{ system: 'revenues', reference: 'MV-000001' }]);
    expect(view.case.data).toMatchObject({ reviewExpected: false });
    expect(backOffice.account(mover.accountId)?.forwardingAddress?.postcode).toBe('FA1 1AA');

    await sync.poll();
    expect((await engine.getCase({ actor: agent, caseId })).case.state).toBe('resolved');
  });

  it('moves the case from a signed webhook push as well as by polling, retrying a push that failed', async () => {
    const clock = createTestClock('2026-11-24T10:00:00Z');
    const store = createMemoryStore();
    const types = createRevenuesCaseTypes();
    const engine = createCaseEngine({ store, caseTypes: types.all, clock, calendar: createWorkingDayCalendar() });
    const secret = 'a-shared-secret-of-32-characters';
    let sync: ReturnType<typeof createStatusSync> | undefined;
    let refuseNext = true;
    const received: number[] = [];
    const backOffice = createMockRevenuesBackOffice({
      now: () => clock.now(),
      webhook: {
        url: 'https://crm.example.gov.uk/hooks/revenues',
        secret,
        fetch: async (url, init) => {
          if (refuseNext) {
            refuseNext = false;
            received.push(503);
            return new Response(null, { status: 503 });
          }
          const answer = await createWebhookHandler({ secret, sync: sync!, backOffice: 'revenues' })(new Request(url, init));
          received.push(answer.status);
          return answer;
        },
      },
    });
    const revenues = defineRevenuesBackOffice({ baseUrl: backOffice.baseUrl, fetch: backOffice.fetch });
    sync = createStatusSync({ store, engine, backOffices: [revenues], statusMap: { ...revenuesStatusMap } });
    const dispatcher = createDispatcher({ store, engine, backOffices: [revenues], clock, workerId: 'dispatcher-1' });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'o', caseType: 'revenues.benefit-enquiry', channel: 'phone', data: { claimId: claim.claimId, claimReference: claim.claimReference, topic: 'payment', question: 'When is my next payment?', outstandingEvidence: [] } });
    await engine.transition({ actor: agent, idempotencyKey: 'r', caseId, transition: 'refer' });
    await dispatcher.dispatchOnce();
    await backOffice.flushWebhooks();
    expect(received).toEqual([503, 200]);
    backOffice.advance('BEN-000001', 'fixed', 'Answered by phone');
    await backOffice.flushWebhooks();
    expect((await engine.getCase({ actor: agent, caseId })).case.state).toBe('resolved');
  });

  it('refuses a move too far ahead, and flags one far in the past for review', async () => {
    const { open, move, engine } = setup({ allowedPastDays: 30 });
    const ahead = await open('revenues.moving-home', { accountId: mover.accountId, accountReference: mover.reference, kind: 'in', moveDate: '2027-06-01' });
    expect(await refusal(move(ahead, 'refer'))).toMatch(/days ahead/);
    const old = await open('revenues.moving-home', { accountId: mover.accountId, accountReference: mover.reference, kind: 'in', moveDate: '2026-09-01' });
    await move(old, 'refer');
    expect((await engine.getCase({ actor: agent, caseId: old })).case.data).toMatchObject({ reviewExpected: true });
  });

  it('refuses a single person discount for two adults with the reason, and refers one adult', async () => {
    const { open, move, store } = setup();
    const two = await open('revenues.single-person-discount', {
      accountId: twoAdults.accountId,
      action: 'apply',
      hasDiscount: false,
      livingAloneSince: '2026-01-01',
      residents: [
        { name: 'Charles Babbage', adult: true },
        { name: 'Georgiana Babbage', adult: true },
      ],
    });
    expect(await refusal(move(two, 'apply'))).toMatch(/Charles Babbage and Georgiana Babbage are both adults/);
    expect(await store.listOutbox({ caseId: two })).toEqual([]);

    const one = await open('revenues.single-person-discount', {
      accountId: singleAdult.accountId,
      action: 'apply',
      hasDiscount: false,
      livingAloneSince: '2026-01-01',
      residents: [{ name: 'Ada Lovelace', adult: true }],
    });
    expect(await refusal(move(one, 'cancel'))).toMatch(/not to end it/);
    await move(one, 'apply');
    expect((await store.listOutbox({ caseId: one }))[0]).toMatchObject({ operation: 'applySinglePersonDiscount', payload: { accountId: singleAdult.accountId, livingAloneSince: '2026-01-01', declaration: true } });
  });

  it('refers a discount review and a cancellation only when there is a discount', async () => {
    const { open, move, store, dispatcher } = setup();
    const review = await open('revenues.single-person-discount', { accountId: withDiscount.accountId, action: 'review', hasDiscount: true, stillLivingAlone: true, residents: [] });
    await move(review, 'review');
    const none = await open('revenues.single-person-discount', { accountId: singleAdult.accountId, action: 'cancel', hasDiscount: false, endDate: '2026-11-20', reason: 'Moved in', residents: [] });
    expect(await refusal(move(none, 'cancel'))).toMatch(/no single person discount/);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect((await store.listOutbox({ caseId: review }))[0]).toMatchObject({ status: 'delivered' });
  });

  it('refuses bad bank details before referral and sends normalised ones', async () => {
    const { open, move, store, dispatcher, backOffice } = setup();
    const bad = await open('revenues.direct-debit-change', { accountId: mover.accountId, sortCode: '12-34', accountNumber: '1234', accountHolder: 'S OBrien', paymentDay: 15 });
    expect(await refusal(move(bad, 'refer'))).toMatch(/sort code.*account number/i);
    const good = await open('revenues.direct-debit-change', { accountId: mover.accountId, sortCode: '30-94-30', accountNumber: '0073 3445', accountHolder: 'S OBrien', paymentDay: 28 });
    await move(good, 'refer');
    expect((await store.listOutbox({ caseId: good }))[0]?.payload).toEqual({ accountId: mover.accountId, sortCode: '309430', accountNumber: '00733445', accountHolder: 'S OBrien', paymentDay: 28 });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect(backOffice.account(mover.accountId)?.paymentMethod).toEqual({ kind: 'direct-debit', paymentDay: 28, accountEnding: '3445' });
  });

  it('answers an evidence question on the call when nothing is outstanding, and refers one that needs the benefits team', async () => {
    const { open, move, dispatcher, engine } = setup();
    const avoidable = await open('revenues.benefit-enquiry', { claimId: claim.claimId, claimReference: claim.claimReference, topic: 'evidence', question: 'Do you need anything?', outstandingEvidence: [] });
    expect(await refusal(move(avoidable, 'refer'))).toMatch(/Nothing is outstanding/);
    const needed = await open('revenues.benefit-enquiry', {
      claimId: claim.claimId,
      claimReference: claim.claimReference,
      topic: 'evidence',
      question: 'Have my bank statements arrived?',
      outstandingEvidence: ['Three months of bank statements'],
    });
    await move(needed, 'refer');
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect((await engine.getCase({ actor: agent, caseId: needed })).case.externalReferences).toMatchObject([{ reference: 'BEN-000001' }]);
  });

  it('refuses case data that breaks the schema, so nothing is opened', async () => {
    const { open, store } = setup();
    await expect(open('revenues.moving-home', { accountId: mover.accountId, accountReference: mover.reference, kind: 'within', moveDate: '2026-12-01' })).rejects.toThrow();
    await expect(open('revenues.single-person-discount', { accountId: "'; DROP TABLE cases;--", action: 'apply', hasDiscount: false, residents: [] })).rejects.toThrow();
    expect(await store.listOutbox({})).toEqual([]);
  });
});
