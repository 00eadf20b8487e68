import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createParkingClient } from './client.js';
import { ParkingError } from './errors.js';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES, parkingHandlers } from './mock/index.js';
import type { MockParkingBackOffice } from './mock/index.js';

// Tuesday 24 November 2026, 10:00 London.
let now = new Date('2026-11-24T10:00:00Z');
let backOffice: MockParkingBackOffice;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  now = new Date('2026-11-24T10:00:00Z');
  backOffice = createMockParkingBackOffice({ now: () => now });
  server.use(...parkingHandlers(backOffice));
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'https://parking.mock.councilkit.test/v1';
const client = () => createParkingClient({ baseUrl: BASE, timeoutMs: 500 });
const f = MOCK_PARKING_FIXTURES;

async function failure(promise: Promise<unknown>): Promise<ParkingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ParkingError) return error;
    throw error;
  }
  throw new Error('expected a ParkingError');
}

describe('PCNs', () => {
  it('refuses bad options', () => {
    expect(() => createParkingClient({ baseUrl: '' })).toThrow(ParkingError);
  });

  it('finds a PCN by number and VRM in any case and spacing, with the derived amount due', async () => {
    const pcn = await client().findPcn({ pcnNumber: 'at10000001', vrm: 'ab12 cde' });
    // Issued Saturday 21 November: discount to Friday 4 December, then full charge.
    expect(pcn).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2026-12-04', discountUntil: '2026-12-04', amountFull: 7000, nextStep: { stage: 'full-charge', from: '2026-12-05' } });
  });

  it('answers a wrong VRM exactly like an unknown PCN', async () => {
    const wrong = await failure(client().findPcn({ pcnNumber: f.discount.pcnNumber, vrm: 'ZZ99ZZZ' }));
    const unknown = await failure(client().findPcn({ pcnNumber: 'AT99999999', vrm: f.discount.vrm }));
    expect(wrong).toMatchObject({ reason: 'not-found', status: 404 });
    expect(unknown.message).toBe(wrong.message);
  });

  it('shows each fixture at its stage', async () => {
    expect(await client().findPcn(f.noticeToOwner)).toMatchObject({ stage: 'notice-to-owner', amountDue: 7000, letters: [{ kind: 'notice-to-owner' }] });
    expect(await client().findPcn(f.postal)).toMatchObject({ stage: 'discount', serviceMethod: 'postal', letters: [{ kind: 'penalty-charge-notice' }] });
    expect(await client().findPcn(f.chargeCertificate)).toMatchObject({ stage: 'charge-certificate', amountDue: 10500 });
    expect(await client().findPcn(f.paid)).toMatchObject({ stage: 'paid', amountDue: 0, dueBy: null });
    expect(await client().findPcn({ pcnNumber: f.challenged.pcnNumber, vrm: f.challenged.vrm })).toMatchObject({ stage: 'informal-challenge', onHold: true, dueBy: null, representations: [{ challengeId: 'CH-SEED-1' }] });
  });

  it('gives a timeline oldest first', async () => {
    const timeline = await client().getPcnTimeline(f.chargeCertificate);
    expect(timeline.entries.map((entry) => entry.kind)).toEqual(['stage', 'letter', 'letter']);
    expect(timeline.entries[2]?.letter).toMatchObject({ kind: 'charge-certificate' });
  });

  it('records a payment for exactly the amount due and refuses any other amount', async () => {
    const short = await failure(client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: 3000, paymentReference: 'pay_1' }));
    expect(short).toMatchObject({ reason: 'amount-mismatch', status: 409, message: expect.stringMatching(/amount due now is 3500 pence, until 2026-12-04/) });
    const receipt = await client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: 3500, paymentReference: 'pay_2' }, { idempotencyKey: 'pay_2' });
    expect(receipt).toMatchObject({ stage: 'paid', amountDue: 0, amount: 3500, receivedOn: '2026-11-24' });
    expect(await failure(client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: 3500, paymentReference: 'pay_3' }))).toMatchObject({ reason: 'not-allowed-at-stage' });
  });

  it('charges the full amount once the discount has gone, as the calendar moves on', async () => {
    now = new Date('2026-12-05T10:00:00Z');
    expect(await client().findPcn(f.discount)).toMatchObject({ stage: 'full-charge', amountDue: 7000 });
    expect(await failure(client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: 3500, paymentReference: 'late' }))).toMatchObject({ reason: 'amount-mismatch' });
  });
});

describe('challenges', () => {
  const evidence = [{ filename: 'permit.jpg', contentType: 'image/jpeg' as const, sizeBytes: 1000, sha256: 'b'.repeat(64) }];

  it('takes an informal challenge, puts the PCN on hold, and reports the decision through updates', async () => {
    const challenge = await client().challengePcn(f.challengeable.pcnNumber, { vrm: f.challengeable.vrm, kind: 'informal', statement: 'Permit displayed', evidence });
    expect(challenge).toMatchObject({ status: 'received', requestStatus: 'open', evidenceCount: 1, receivedOn: '2026-11-24' });
    expect(await client().findPcn(f.challengeable)).toMatchObject({ stage: 'informal-challenge', onHold: true, amountDue: 3500 });
    backOffice.decideChallenge(f.challengeable.pcnNumber, challenge.challengeId, { outcome: 'rejected', reason: 'No permit was visible' });
    // Rejection posted Tuesday 24 November, served Thursday 26 November: the discount is offered again to 9 December.
    expect(await client().findPcn(f.challengeable)).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2026-12-09' });
    expect(await client().getChallenge({ ...f.challengeable, challengeId: challenge.challengeId })).toMatchObject({ status: 'rejected', requestStatus: 'no_further_action', decisionReason: 'No permit was visible' });
    const page = await client().listUpdates();
    expect(page.updates.map((update) => update.status)).toEqual(['open', 'no_further_action']);
    expect(await client().listUpdates({ since: page.cursor })).toEqual({ updates: [], cursor: page.cursor });
  });

  it('cancels the PCN when a challenge is accepted', async () => {
    backOffice.decideChallenge(f.challenged.pcnNumber, f.challenged.challengeId, { outcome: 'accepted', reason: 'Permit valid' });
    expect(await client().findPcn({ pcnNumber: f.challenged.pcnNumber, vrm: f.challenged.vrm })).toMatchObject({ stage: 'cancelled', amountDue: 0, letters: [{ kind: 'challenge-acceptance' }] });
  });

  it('takes a representation on a statutory ground after a notice to owner', async () => {
    const made = await client().challengePcn(f.noticeToOwner.pcnNumber, { vrm: f.noticeToOwner.vrm, kind: 'representation', ground: 'procedural-impropriety', statement: 'The notice to owner gave the wrong date' });
    expect(made).toMatchObject({ kind: 'representation', ground: 'procedural-impropriety' });
    backOffice.decideChallenge(f.noticeToOwner.pcnNumber, made.challengeId, { outcome: 'rejected', reason: 'The date was right' });
    expect(await client().findPcn(f.noticeToOwner)).toMatchObject({ stage: 'notice-of-rejection', amountDue: 7000, dueBy: '2026-12-23' });
  });

  it('refuses a challenge the stage does not allow, with a reason to read out', async () => {
    expect(await failure(client().challengePcn(f.noticeToOwner.pcnNumber, { vrm: f.noticeToOwner.vrm, kind: 'informal', statement: 'x' }))).toMatchObject({
      reason: 'not-allowed-at-stage',
      message: expect.stringMatching(/formal representation/),
    });
    expect(await failure(client().challengePcn(f.challenged.pcnNumber, { vrm: f.challenged.vrm, kind: 'informal', statement: 'again' }))).toMatchObject({ reason: 'not-allowed-at-stage' });
  });

  it('needs a ground for a representation before sending', async () => {
    expect(await failure(client().challengePcn(f.postal.pcnNumber, { vrm: f.postal.vrm, kind: 'representation', statement: 'x' }))).toMatchObject({ reason: 'invalid-input', issues: [{ path: 'ground' }] });
  });
});

describe('permits', () => {
  it('lists zones and issues a 12-month permit', async () => {
    expect((await client().listPermitZones()).map((zone) => zone.code)).toEqual(['A', 'B']);
    const permit = await client().applyForPermit({ zone: 'a', vrm: 'zx99 abc', uprn: f.propertyInZone.uprn, holderName: 'Grace Hopper', startDate: '2026-12-01' });
    expect(permit).toMatchObject({ zone: 'A', vrm: 'ZX99ABC', start: '2026-12-01', end: '2027-11-30', status: 'pending', price: 12000 });
    expect(await client().getPermit(permit.permitId)).toEqual(permit);
  });

  it('refuses a property outside the zone and a vehicle already permitted', async () => {
    expect(await failure(client().applyForPermit({ zone: 'B', vrm: 'ZX99ABC', uprn: f.propertyInZone.uprn, holderName: 'G H', startDate: '2026-11-24' }))).toMatchObject({ reason: 'ineligible', code: 'not-in-zone' });
    expect(await failure(client().applyForPermit({ zone: 'A', vrm: 'AB12CDE', uprn: f.propertyInZone.uprn, holderName: 'G H', startDate: '2026-11-24' }))).toMatchObject({ code: 'vehicle-already-permitted' });
  });

  it('renews from 28 days before the end, not earlier', async () => {
    const renewed = await client().renewPermit(f.renewablePermit.permitId);
    expect(renewed).toMatchObject({ start: '2025-12-19', end: '2027-12-18' });
    expect(await failure(client().renewPermit(f.activePermit.permitId))).toMatchObject({ code: 'too-early-to-renew', message: expect.stringMatching(/from 2027-07-19/) });
  });

  it('changes the vehicle and starts visitor sessions within the daily limit', async () => {
    expect(await client().changePermitVehicle(f.activePermit.permitId, { vrm: 'YY11 ZZZ', from: '2026-11-25' })).toMatchObject({ vrm: 'YY11ZZZ' });
    const session = await client().startVisitorSession({ permitId: f.activePermit.permitId, vrm: 'VV11AAA', start: '2026-11-24T18:00:00+00:00', durationMinutes: 240 });
    expect(session).toMatchObject({ zone: 'A', end: '2026-11-24T22:00:00.000Z', price: 600 });
    await client().startVisitorSession({ permitId: f.activePermit.permitId, vrm: 'VV11AAB', start: '2026-11-24T08:00:00+00:00', durationMinutes: 240 });
    expect(await failure(client().startVisitorSession({ permitId: f.activePermit.permitId, vrm: 'VV11AAC', start: '2026-11-24T12:00:00+00:00', durationMinutes: 30 }))).toMatchObject({ code: 'daily-limit' });
  });
});

describe('faults and malformed answers', () => {
  it('maps errors, timeouts and malformed bodies', async () => {
    backOffice.faults.inject({ operation: 'findPcn', kind: 'error', status: 502, times: 1 });
    expect(await failure(client().findPcn(f.discount))).toMatchObject({ reason: 'unavailable', status: 502 });
    backOffice.faults.inject({ operation: 'findPcn', kind: 'malformed', times: 1 });
    expect(await failure(client().findPcn(f.discount))).toMatchObject({ reason: 'malformed-response' });
    backOffice.faults.inject({ operation: 'findPcn', kind: 'timeout', delayMs: 2000, times: 1 });
    expect(await failure(client().findPcn(f.discount))).toMatchObject({ reason: 'timeout' });
    backOffice.faults.inject({ operation: 'findPcn', kind: 'slow', delayMs: 10, times: 1 });
    expect(await client().findPcn(f.discount)).toMatchObject({ stage: 'discount' });
  });

  it('refuses an answer whose amount is not whole pence', async () => {
    server.use(http.get(`${BASE}/pcns/:number`, () => Response.json({ ...backOffice.pcn(f.discount.pcnNumber), amountDue: 35.5 })));
    expect(await failure(client().findPcn(f.discount))).toMatchObject({ reason: 'malformed-response', issues: [{ path: 'amountDue' }] });
  });

  it('replays a payment with the same key and refuses the key with another body', async () => {
    const body = { vrm: f.discount.vrm, amount: 3500, paymentReference: 'pay_9' };
    const first = await client().payPcn(f.discount.pcnNumber, body, { idempotencyKey: 'k-9' });
    expect(await client().payPcn(f.discount.pcnNumber, body, { idempotencyKey: 'k-9' })).toEqual(first);
    expect(backOffice.pcn(f.discount.pcnNumber)?.paid).toBe(3500);
    expect(await failure(client().payPcn(f.discount.pcnNumber, { ...body, paymentReference: 'pay_10' }, { idempotencyKey: 'k-9' }))).toMatchObject({ reason: 'idempotency-conflict' });
  });
});

describe('hostile input is refused before sending and changes nothing', () => {
  it.each([
    ['a VRM with SQL', () => client().findPcn({ pcnNumber: f.discount.pcnNumber, vrm: "AB12'; DROP TABLE pcns;--" })],
    ['a missing VRM', () => client().findPcn({ pcnNumber: f.discount.pcnNumber } as never)],
    ['a PCN number with a path', () => client().findPcn({ pcnNumber: '../admin', vrm: 'AB12CDE' })],
    ['a fractional amount', () => client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: 35.5, paymentReference: 'x' })],
    ['a string amount', () => client().payPcn(f.discount.pcnNumber, { vrm: f.discount.vrm, amount: '3500' as never, paymentReference: 'x' })],
    ['an oversized statement', () => client().challengePcn(f.challengeable.pcnNumber, { vrm: f.challengeable.vrm, kind: 'informal', statement: 'x'.repeat(6000) })],
    ['a path in an evidence file name', () => client().challengePcn(f.challengeable.pcnNumber, { vrm: f.challengeable.vrm, kind: 'informal', statement: 'x', evidence: [{ filename: '../../etc/passwd', contentType: 'image/jpeg', sizeBytes: 1, sha256: 'c'.repeat(64) }] })],
    ['an executable as evidence', () => client().challengePcn(f.challengeable.pcnNumber, { vrm: f.challengeable.vrm, kind: 'informal', statement: 'x', evidence: [{ filename: 'a.exe', contentType: 'application/x-msdownload' as never, sizeBytes: 1, sha256: 'c'.repeat(64) }] })],
    ['eleven evidence files', () => client().challengePcn(f.challengeable.pcnNumber, { vrm: f.challengeable.vrm, kind: 'informal', statement: 'x', evidence: Array.from({ length: 11 }, () => ({ filename: 'a.png', contentType: 'image/png' as const, sizeBytes: 1, sha256: 'c'.repeat(64) })) })],
    ['an unknown ground', () => client().challengePcn(f.noticeToOwner.pcnNumber, { vrm: f.noticeToOwner.vrm, kind: 'representation', ground: 'felt-like-it' as never, statement: 'x' })],
    ['a 45-minute visitor session', () => client().startVisitorSession({ permitId: f.activePermit.permitId, vrm: 'VV11AAA', start: '2026-11-24T18:00:00+00:00', durationMinutes: 45 })],
  ])('%s', async (_label, call) => {
    const before = JSON.stringify([f.discount, f.challengeable, f.noticeToOwner].map((fixture) => backOffice.pcn(fixture.pcnNumber)));
    expect(await failure(call())).toMatchObject({ reason: 'invalid-input', status: undefined });
    expect(JSON.stringify([f.discount, f.challengeable, f.noticeToOwner].map((fixture) => backOffice.pcn(fixture.pcnNumber)))).toBe(before);
  });
});
