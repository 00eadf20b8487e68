import { describe, expect, it } from 'vitest';
import { createRevenuesClient } from '../client.js';
import { RevenuesError } from '../errors.js';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from './index.js';
import type { MockAccountSeed } from './index.js';

const NOW = new Date('2026-11-24T10:00:00Z');

const seed = (overrides: Partial<MockAccountSeed> = {}): MockAccountSeed => ({
  reference: '5012345678',
  uprn: 100_023_336_956,
  band: 'C',
  address: { lines: ['12 Acacia Avenue', 'Anytown'], postcode: 'at1 4xy' },
  liableParties: [{ personRef: 'syn-r-000001', name: 'Jane Smith', surname: 'Smith', liableFrom: '2019-06-01' }],
  ...overrides,
});

function setup(accounts: MockAccountSeed[]) {
  const backOffice = createMockRevenuesBackOffice({ now: () => NOW, accounts });
  const client = createRevenuesClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
  return { backOffice, client };
}

function thrown(work: () => unknown): RevenuesError {
  try {
    work();
  } catch (error) {
    if (error instanceof RevenuesError) return error;
    throw error;
  }
  throw new Error('expected a RevenuesError');
}

describe('seeding the mock revenues back office', () => {
  it('holds a seeded account beside the fixtures, charged by band, found by reference and postcode', async () => {
    const { client } = setup([seed({ paymentMethod: { kind: 'direct-debit', paymentDay: 15, accountEnding: '4421' } })]);
    const account = await client.findAccount({ reference: '5012345678', postcode: 'AT1 4XY' });
    expect(account).toMatchObject({ accountId: 'ac-5012345678', band: 'C', annualCharge: 202_667, financialYear: 2026, uprn: 100_023_336_956 });
    expect(account.propertyAddress).toEqual({ uprn: 100_023_336_956, lines: ['12 Acacia Avenue', 'Anytown'], postcode: 'AT1 4XY' });
    // Instalments on the 15th from April; by 24 November eight have fallen due and were collected.
    expect(account.instalments.map((instalment) => instalment.status)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'due', 'due']);
    const dueLater = account.instalments.filter((instalment) => instalment.status === 'due').reduce((sum, instalment) => sum + instalment.amount, 0);
    expect(account.balance).toBe(dueLater);
    await expect(client.findAccount({ reference: MOCK_REVENUES_FIXTURES.singleAdult.reference, postcode: MOCK_REVENUES_FIXTURES.singleAdult.postcode })).resolves.toMatchObject({
      accountId: MOCK_REVENUES_FIXTURES.singleAdult.accountId,
    });
  });

  it('keeps missed instalments overdue and in the balance, and leaves them out of the payments', async () => {
    const { client, backOffice } = setup([seed({ missedInstalments: 2, paymentMethod: { kind: 'direct-debit', paymentDay: 1 } })]);
    const account = backOffice.account('ac-5012345678')!;
    const statuses = account.instalments.map((instalment) => instalment.status);
    expect(statuses).toEqual(['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'overdue', 'overdue', 'due', 'due']);
    const unpaid = account.instalments.filter((instalment) => instalment.status !== 'paid').reduce((sum, instalment) => sum + instalment.amount, 0);
    expect(account.balance).toBe(unpaid);
    const payments = await client.listPayments(account.accountId);
    expect(payments).toHaveLength(6);
  });

  it('applies a seeded single person discount to the charge the instalments are worked out from', () => {
    const { backOffice } = setup([seed({ singlePersonDiscountFrom: '2019-06-01' })]);
    const account = backOffice.account('ac-5012345678')!;
    expect(account.discounts).toEqual([{ code: 'single-person', description: 'Single person discount', percent: 25, from: '2019-06-01', reviewDue: '2027-01-31' }]);
    expect(account.instalments.reduce((sum, instalment) => sum + instalment.amount, 0)).toBe(202_667 - Math.round(202_667 * 0.25));
  });

  it('names the record and the field when a seed is wrong', () => {
    const error = thrown(() => setup([seed(), seed({ reference: '5012345679', band: 'Z' as MockAccountSeed['band'] })]));
    expect(error.reason).toBe('invalid-options');
    expect(error.message).toMatch(/^Seeded account 2 \(reference 5012345679\): band: /);
    expect(error.issues[0]?.path).toBe('band');
  });

  it('refuses a reference the mock already holds, a direct debit without a day and a discount two adults cannot have', () => {
    expect(thrown(() => setup([seed({ reference: MOCK_REVENUES_FIXTURES.twoAdults.reference })])).message).toContain('already holds an account with reference 500100002');
    expect(thrown(() => setup([seed(), seed()])).message).toMatch(/^Seeded account 2 .*already holds/);
    expect(thrown(() => setup([seed({ paymentMethod: { kind: 'direct-debit' } })])).message).toContain('A direct debit needs a paymentDay');
    const twoAdults = seed({
      singlePersonDiscountFrom: '2020-01-01',
      liableParties: [
        { personRef: 'a', name: 'Jane Smith', surname: 'Smith', liableFrom: '2019-06-01' },
        { personRef: 'b', name: 'John Smith', surname: 'Smith', liableFrom: '2019-06-01' },
      ],
    });
    expect(thrown(() => setup([twoAdults]))).toMatchObject({ reason: 'invalid-options', code: 'more-than-one-adult' });
    expect(thrown(() => createMockRevenuesBackOffice({ accounts: 'all of them' as unknown as MockAccountSeed[] })).reason).toBe('invalid-options');
  });
});
