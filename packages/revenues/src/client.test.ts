import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRevenuesClient } from './client.js';
import { RevenuesError } from './errors.js';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES, revenuesHandlers } from './mock/index.js';
import type { MockRevenuesBackOffice } from './mock/index.js';

const NOW = new Date('2026-11-24T10:00:00Z');
let backOffice: MockRevenuesBackOffice;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  backOffice = createMockRevenuesBackOffice({ now: () => NOW });
  server.use(...revenuesHandlers(backOffice));
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createRevenuesClient({ baseUrl: 'https://revenues.mock.councilkit.test/v1', timeoutMs: 500 });
const { singleAdult, twoAdults, withDiscount, mover, claim } = MOCK_REVENUES_FIXTURES;

async function failure(promise: Promise<unknown>): Promise<RevenuesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RevenuesError) return error;
    throw error;
  }
  throw new Error('expected a RevenuesError');
}

describe('createRevenuesClient', () => {
  it('refuses bad options', () => {
    expect(() => createRevenuesClient({ baseUrl: 'not a url' })).toThrow(RevenuesError);
    expect(() => createRevenuesClient({ baseUrl: 'ftp://x.example' })).toThrow(/Invalid revenues client options/);
  });

  it('finds an account by postcode or surname, in any case and spacing', async () => {
    const byPostcode = await client().findAccount({ reference: singleAdult.reference, postcode: 'at11aa' });
    expect(byPostcode).toMatchObject({ accountId: singleAdult.accountId, band: 'C', financialYear: 2026, paymentMethod: { kind: 'direct-debit', paymentDay: 15 } });
    expect(byPostcode.instalments).toHaveLength(10);
    expect(byPostcode.instalments.reduce((sum, instalment) => sum + instalment.amount, 0)).toBe(byPostcode.annualCharge);
    const bySurname = await client().findAccount({ reference: mover.reference, surname: 'obrien' });
    expect(bySurname).toMatchObject({ accountId: mover.accountId, exemptions: [{ class: 'C', to: '2022-01-09' }], liableParties: [{}, { disregardedBecause: 'full-time student' }] });
  });

  it('answers a wrong second factor exactly like an unknown reference, then locks with a retry time', async () => {
    const wrong = await failure(client().findAccount({ reference: singleAdult.reference, postcode: 'ZZ1 1ZZ' }));
    const unknown = await failure(client().findAccount({ reference: '999999999', postcode: 'AT1 1AA' }));
    expect(wrong).toMatchObject({ reason: 'not-found', status: 404 });
    expect(unknown).toMatchObject({ reason: 'not-found', status: 404, message: wrong.message });
    for (let attempt = 0; attempt < 4; attempt += 1) await failure(client().findAccount({ reference: singleAdult.reference, surname: 'Nobody' }));
    const locked = await failure(client().findAccount({ reference: singleAdult.reference, postcode: singleAdult.postcode }));
    expect(locked).toMatchObject({ reason: 'locked', status: 429, retryAt: expect.any(String) });
    expect(backOffice.auditTrail().map((event) => event.type)).toContain('second-factor.locked');
  });

  it('reads an account, statements and payments', async () => {
    const account = await client().getAccount(withDiscount.accountId);
    expect(account.discounts[0]).toMatchObject({ code: 'single-person', percent: 25 });
    const [statement] = await client().listStatements(withDiscount.accountId);
    expect(statement).toMatchObject({ financialYear: 2026, reductions: Math.round(account.annualCharge * 0.25) });
    const payments = await client().listPayments(withDiscount.accountId);
    expect(payments.length).toBeGreaterThan(0);
    // Collected on the 28th: November's is still to come on 24 November, so October's is the latest.
    expect(payments[0]).toMatchObject({ receivedOn: '2026-10-28', method: 'direct-debit' });
    expect(payments).toHaveLength(7);
  });

  it('reports a move out with a daily apportionment to the move date', async () => {
    const outcome = await client().reportMove(
      mover.accountId,
      { kind: 'out', moveDate: '2026-12-01', forwardingAddress: { lines: ['1 Far Away'], postcode: 'FA1 1AA' } },
      { idempotencyKey: 'move-1' },
    );
    const account = backOffice.account(mover.accountId);
    expect(outcome).toMatchObject({ decision: 'applied', status: 'fixed', charges: [{ from: '2026-04-01', to: '2026-12-01', days: 244, daysInYear: 365 }] });
    expect(outcome.charges[0]?.amount).toBe(Math.round((account!.annualCharge * 244) / 365));
    expect(account?.liableParties.every((party) => party.liableTo === '2026-11-30')).toBe(true);
  });

  it('charges the old address from when liability started, if that was after 1 April', async () => {
    await client().reportMove(mover.accountId, { kind: 'in', moveDate: '2026-10-01' });
    const outcome = await client().reportMove(mover.accountId, { kind: 'out', moveDate: '2026-11-20', forwardingAddress: { lines: ['1 Far Away'], postcode: 'FA1 1AA' } });
    expect(outcome.charges).toMatchObject([{ from: '2026-10-01', to: '2026-11-20', days: 50 }]);
  });

  it('sends an old move date for review', async () => {
    const outcome = await client().reportMove(mover.accountId, { kind: 'within', moveDate: '2026-06-01', newAddress: { lines: ['2 New Road'], postcode: 'AT3 3CC' } });
    expect(outcome).toMatchObject({ decision: 'review', status: 'for_triage', reviewReason: expect.stringMatching(/176 days ago/) });
    expect(outcome.charges).toHaveLength(2);
    expect(backOffice.account(mover.accountId)?.propertyAddress.postcode).toBe('AT2 3BB');
  });

  it('refuses a move too far ahead with the rule as code', async () => {
    expect(await failure(client().reportMove(mover.accountId, { kind: 'in', moveDate: '2027-06-01' }))).toMatchObject({ reason: 'ineligible', code: 'too-far-in-future' });
  });

  it('applies a single person discount and refuses one for two adults with a readable reason', async () => {
    const applied = await client().applySinglePersonDiscount(singleAdult.accountId, { livingAloneSince: '2026-01-01', declaration: true });
    expect(applied).toMatchObject({ status: 'fixed', discount: { code: 'single-person', percent: 25 } });
    const refused = await failure(client().applySinglePersonDiscount(twoAdults.accountId, { livingAloneSince: '2026-01-01', declaration: true }));
    expect(refused).toMatchObject({ reason: 'ineligible', code: 'more-than-one-adult', status: 422 });
    expect(refused.message).toMatch(/Charles Babbage and Georgiana Babbage are both adults/);
    expect(backOffice.account(twoAdults.accountId)?.discounts).toEqual([]);
  });

  it('reviews and cancels a single person discount', async () => {
    expect(await client().reviewSinglePersonDiscount(withDiscount.accountId, { stillLivingAlone: true })).toMatchObject({ status: 'closed', discount: { reviewDue: '2027-11-24' } });
    expect(await client().cancelSinglePersonDiscount(withDiscount.accountId, { endDate: '2026-11-20', reason: 'Partner moved in' })).toMatchObject({ discount: { to: '2026-11-20' } });
    expect(await failure(client().cancelSinglePersonDiscount(withDiscount.accountId, { endDate: '2026-11-21', reason: 'Again' }))).toMatchObject({ code: 'no-discount' });
  });

  it('sets up a direct debit after 10 working days of notice on an offered day', async () => {
    expect(await client().listPaymentDays()).toEqual([1, 15, 28]);
    const outcome = await client().setDirectDebit(mover.accountId, { sortCode: '309430', accountNumber: '00733445', accountHolder: 'S OBrien', paymentDay: 1 });
    // 10 working days from Tuesday 24 November 2026 is Tuesday 8 December, so the first 1st is 1 January.
    expect(outcome).toMatchObject({ status: 'action_scheduled', firstCollection: '2027-01-01', paymentMethod: { kind: 'direct-debit', paymentDay: 1, accountEnding: '3445' } });
    expect(await failure(client().setDirectDebit(mover.accountId, { sortCode: '309430', accountNumber: '00733445', accountHolder: 'S OBrien', paymentDay: 10 }))).toMatchObject({
      reason: 'ineligible',
      code: 'payment-day-not-offered',
    });
  });

  it('checks bank details before anything is sent', async () => {
    const error = await failure(client().setDirectDebit(mover.accountId, { sortCode: '12-34-56', accountNumber: '1234567', accountHolder: 'X', paymentDay: 1 }));
    expect(error).toMatchObject({ reason: 'invalid-input', operation: 'setDirectDebit', status: undefined });
    expect(error.issues.map((issue) => issue.path)).toEqual(['sortCode', 'accountNumber']);
  });

  it('finds a claim with awards and outstanding evidence', async () => {
    const found = await client().findClaim({ claimReference: claim.claimReference, surname: 'LOVELACE' });
    expect(found).toMatchObject({ status: 'awaiting-evidence', awards: [{ kind: 'housing-benefit', frequency: 'weekly' }, { kind: 'council-tax-reduction' }], outstandingEvidence: [{ item: expect.any(String) }] });
    expect(found).not.toHaveProperty('surname');
    expect(await failure(client().findClaim({ claimReference: claim.claimReference, postcode: 'ZZ1 1ZZ' }))).toMatchObject({ reason: 'not-found' });
  });

  it('refers a benefit enquiry by the claim id the lookup gave, with a reply-by date in working days', async () => {
    const found = await client().findClaim({ claimReference: claim.claimReference, postcode: claim.postcode });
    const outcome = await client().raiseBenefitEnquiry(found.claimId, { topic: 'evidence', question: 'Have my bank statements arrived?' });
    // 5 working days from Tuesday 24 November 2026.
    expect(outcome).toMatchObject({ reference: 'BEN-000001', status: 'open', respondBy: '2026-12-01' });
    expect(await failure(client().raiseBenefitEnquiry('cl-unknown1', { topic: 'other', question: 'x' }))).toMatchObject({ reason: 'not-found' });
  });

  it('pages updates with a cursor', async () => {
    const first = await client().reportMove(mover.accountId, { kind: 'in', moveDate: '2026-11-20' });
    backOffice.advance(first.reference, 'closed', 'Bill sent');
    const page = await client().listUpdates();
    expect(page.updates.map((update) => [update.reference, update.status])).toEqual([
      [first.reference, 'fixed'],
      [first.reference, 'closed'],
    ]);
    expect(await client().listUpdates({ since: page.cursor })).toEqual({ updates: [], cursor: page.cursor });
  });

  it('replays a write with the same key and refuses the key with a different body', async () => {
    const body = { livingAloneSince: '2026-01-01', declaration: true } as const;
    const first = await client().applySinglePersonDiscount(singleAdult.accountId, body, { idempotencyKey: 'spd-1' });
    const again = await client().applySinglePersonDiscount(singleAdult.accountId, body, { idempotencyKey: 'spd-1' });
    expect(again).toEqual(first);
    expect(backOffice.account(singleAdult.accountId)?.discounts).toHaveLength(1);
    const reused = await failure(client().applySinglePersonDiscount(singleAdult.accountId, { ...body, livingAloneSince: '2026-02-01' }, { idempotencyKey: 'spd-1' }));
    expect(reused).toMatchObject({ reason: 'idempotency-conflict', status: 422 });
  });
});

describe('faults', () => {
  it('maps a 503 to unavailable and succeeds after it is used up', async () => {
    backOffice.faults.inject({ operation: 'getAccount', kind: 'error', status: 503, times: 1 });
    expect(await failure(client().getAccount(singleAdult.accountId))).toMatchObject({ reason: 'unavailable', status: 503 });
    expect(await client().getAccount(singleAdult.accountId)).toMatchObject({ accountId: singleAdult.accountId });
  });

  it('maps a hang to timeout', async () => {
    backOffice.faults.inject({ kind: 'timeout', delayMs: 2_000 });
    expect(await failure(client().listPaymentDays())).toMatchObject({ reason: 'timeout' });
  });

  it('answers slowly but correctly', async () => {
    backOffice.faults.inject({ kind: 'slow', delayMs: 20 });
    expect(await client().listPaymentDays()).toEqual([1, 15, 28]);
  });

  it('maps a malformed body to malformed-response', async () => {
    backOffice.faults.inject({ kind: 'malformed', times: 1 });
    expect(await failure(client().getAccount(singleAdult.accountId))).toMatchObject({ reason: 'malformed-response' });
  });

  it('maps a body that breaks the contract to malformed-response', async () => {
    server.use(...[(await import('msw')).http.get('https://revenues.mock.councilkit.test/v1/direct-debit/payment-days', () => Response.json({ paymentDays: ['first'] }))]);
    expect(await failure(client().listPaymentDays())).toMatchObject({ reason: 'malformed-response', issues: [{ path: 'paymentDays.0' }] });
  });

  it('does not store a 5xx for replay, so a retry with the same key succeeds once', async () => {
    backOffice.faults.inject({ operation: 'applySinglePersonDiscount', kind: 'error', status: 500, times: 1 });
    const body = { livingAloneSince: '2026-01-01', declaration: true } as const;
    expect(await failure(client().applySinglePersonDiscount(singleAdult.accountId, body, { idempotencyKey: 'k-5xx' }))).toMatchObject({ reason: 'unavailable' });
    expect(await client().applySinglePersonDiscount(singleAdult.accountId, body, { idempotencyKey: 'k-5xx' })).toMatchObject({ status: 'fixed' });
  });
});

describe('hostile input is refused before sending and changes nothing', () => {
  it.each([
    ['an injection string as reference', () => client().findAccount({ reference: "1' OR '1'='1", postcode: 'AT1 1AA' })],
    ['a script as surname', () => client().findAccount({ reference: singleAdult.reference, surname: 'x'.repeat(500) })],
    ['both second factors', () => client().findAccount({ reference: singleAdult.reference, postcode: 'AT1 1AA', surname: 'Lovelace' } as never)],
    ['no second factor', () => client().findAccount({ reference: singleAdult.reference } as never)],
    ['a path traversal account id', () => client().getAccount('../../admin')],
    ['a wrong-typed move date', () => client().reportMove(mover.accountId, { kind: 'out', moveDate: 20261201 as never })],
    ['an unknown move kind', () => client().reportMove(mover.accountId, { kind: 'sideways' as never, moveDate: '2026-12-01' })],
    ['an oversized note', () => client().reportMove(mover.accountId, { kind: 'in', moveDate: '2026-11-20', notes: 'x'.repeat(5000) })],
    ['an undeclared discount', () => client().applySinglePersonDiscount(singleAdult.accountId, { livingAloneSince: '2026-01-01', declaration: false as never })],
    ['an extra field', () => client().applySinglePersonDiscount(singleAdult.accountId, { livingAloneSince: '2026-01-01', declaration: true, percent: 100 } as never)],
    ['a bad idempotency key', () => client().applySinglePersonDiscount(singleAdult.accountId, { livingAloneSince: '2026-01-01', declaration: true }, { idempotencyKey: 'bad key\n' })],
  ])('%s', async (_label, call) => {
    const before = JSON.stringify([singleAdult, mover].map((fixture) => backOffice.account(fixture.accountId)));
    expect(await failure(call())).toMatchObject({ reason: 'invalid-input', status: undefined });
    expect(JSON.stringify([singleAdult, mover].map((fixture) => backOffice.account(fixture.accountId)))).toBe(before);
  });
});
