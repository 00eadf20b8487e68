import type { Account, Claim } from '../schemas.js';

/** Band charges relative to band D (England): A 6/9 ... H 18/9; I is Wales only (21/9). */
export const BAND_RATIOS: Record<Account['band'], number> = { A: 6, B: 7, C: 8, D: 9, E: 11, F: 13, G: 15, H: 18, I: 21 };

/**
 * The seeded accounts' fixed ids and references, for tests and the conformance description.
 *
 * @example
 * ```ts
 * const { reference, postcode } = MOCK_REVENUES_FIXTURES.singleAdult;
 * await client.findAccount({ reference, postcode });
 * ```
 */
export const MOCK_REVENUES_FIXTURES = {
  /** One adult, no discount, pays by direct debit: applies for a single person discount. */
  singleAdult: { accountId: 'ac-5f3a9c1e7b20', reference: '500100001', postcode: 'AT1 1AA', surname: 'Lovelace' },
  /** Two adult liable parties: a single person discount is refused. */
  twoAdults: { accountId: 'ac-8b2d4e6f1a93', reference: '500100002', postcode: 'AT1 1AB', surname: 'Babbage' },
  /** Has a single person discount: cancel or review it. */
  withDiscount: { accountId: 'ac-1c7e9a3b5d48', reference: '500100003', postcode: 'AT1 2AA', surname: 'Hopper' },
  /** Pays by card: moves and direct debit set-up. */
  mover: { accountId: 'ac-9e4b2c8d6f15', reference: '500100004', postcode: 'AT2 3BB', surname: "O'Brien" },
  /** A claim with an award and outstanding evidence (second factor: surname Lovelace or postcode AT1 1AA). */
  claim: { claimId: 'cl-4d2f8a6b', claimReference: 'HB-100001', postcode: 'AT1 1AA', surname: 'Lovelace' },
} as const;

/** The facts of an account that the mock derives the rest from (charge, instalments and balance). */
export interface AccountFacts {
  accountId: string;
  reference: string;
  postcode: string;
  uprn: number;
  band: Account['band'];
  lines: string[];
}

/**
 * An account's fixed parts from its facts: the annual charge by band, the
 * check digit, and empty instalments and balance (the mock works those out on
 * every read). Fixtures and seeded accounts are both built here.
 */
export function accountBase(facts: AccountFacts, financialYear: number, bandDCharge: number): Omit<Account, 'liableParties' | 'paymentMethod' | 'discounts'> {
  return {
    accountId: facts.accountId,
    reference: facts.reference,
    checkDigit: String(Number.parseInt(facts.reference.replace(/\D/g, '') || '0', 10) % 11 % 10),
    uprn: facts.uprn,
    band: facts.band,
    propertyAddress: { uprn: facts.uprn, lines: facts.lines, postcode: facts.postcode },
    financialYear,
    annualCharge: Math.round((bandDCharge * BAND_RATIOS[facts.band]) / 9),
    balance: 0,
    instalments: [],
    exemptions: [],
  };
}

/** A 25% single person discount from `from`, due for review at the end of January. */
export function singlePersonDiscount(from: string, financialYear: number): Account['discounts'][number] {
  return { code: 'single-person', description: 'Single person discount', percent: 25, from, reviewDue: `${financialYear + 1}-01-31` };
}

/** The seeded accounts, for the given financial year and band D charge. */
export function seedAccounts(financialYear: number, bandDCharge: number): Account[] {
  const base = (fixture: { accountId: string; reference: string; postcode: string }, uprn: number, band: Account['band'], lines: string[]) =>
    accountBase({ ...fixture, uprn, band, lines }, financialYear, bandDCharge);
  const f = MOCK_REVENUES_FIXTURES;
  return [
    {
      ...base(f.singleAdult, 100_090_000_001, 'C', ['1 Analytical Row', 'Anytown']),
      liableParties: [{ personRef: 'P-1001', name: 'Ada Lovelace', surname: 'Lovelace', liableFrom: '2019-06-01' }],
      paymentMethod: { kind: 'direct-debit', paymentDay: 15, accountEnding: '4421' },
      discounts: [],
    },
    {
      ...base(f.twoAdults, 100_090_000_002, 'D', ['2 Difference Engine Way', 'Anytown']),
      liableParties: [
        { personRef: 'P-1002', name: 'Charles Babbage', surname: 'Babbage', liableFrom: '2015-04-01' },
        { personRef: 'P-1003', name: 'Georgiana Babbage', surname: 'Babbage', liableFrom: '2015-04-01' },
      ],
      paymentMethod: { kind: 'direct-debit', paymentDay: 1, accountEnding: '9034' },
      discounts: [],
    },
    {
      ...base(f.withDiscount, 100_090_000_003, 'B', ['Flat 3', '3 Compiler Court', 'Anytown']),
      liableParties: [{ personRef: 'P-1004', name: 'Grace Hopper', surname: 'Hopper', liableFrom: '2020-09-14' }],
      paymentMethod: { kind: 'direct-debit', paymentDay: 28, accountEnding: '1180' },
      discounts: [singlePersonDiscount('2020-09-14', financialYear)],
    },
    {
      ...base(f.mover, 100_090_000_004, 'E', ['4 Relay Street', 'Anytown']),
      liableParties: [
        { personRef: 'P-1005', name: "Siobhan O'Brien", surname: "O'Brien", liableFrom: '2022-01-10' },
        { personRef: 'P-1006', name: "Liam O'Brien", surname: "O'Brien", liableFrom: '2022-01-10', disregardedBecause: 'full-time student' },
      ],
      paymentMethod: { kind: 'card' },
      discounts: [],
      exemptions: [{ class: 'C', description: 'Empty and unfurnished before the current residents moved in', from: '2021-11-01', to: '2022-01-09' }],
    },
  ];
}

/** The seeded claims. */
export function seedClaims(financialYear: number): (Claim & { postcode: string; surname: string })[] {
  return [
    {
      claimId: MOCK_REVENUES_FIXTURES.claim.claimId,
      claimReference: MOCK_REVENUES_FIXTURES.claim.claimReference,
      personRef: 'P-1001',
      ninoMasked: '******56C',
      kinds: ['housing-benefit', 'council-tax-reduction'],
      status: 'awaiting-evidence',
      receivedOn: `${financialYear}-05-02`,
      decidedOn: `${financialYear}-05-20`,
      awards: [
        { kind: 'housing-benefit', amount: 8_650, frequency: 'weekly', from: `${financialYear}-05-04` },
        { kind: 'council-tax-reduction', amount: 31_200, frequency: 'annual', from: `${financialYear}-05-04` },
      ],
      lastPayment: { paidOn: `${financialYear}-10-27`, amount: 17_300 },
      outstandingEvidence: [{ item: 'Three months of bank statements', requestedOn: `${financialYear}-10-01`, dueBy: `${financialYear}-10-31` }],
      postcode: MOCK_REVENUES_FIXTURES.claim.postcode,
      surname: MOCK_REVENUES_FIXTURES.claim.surname,
    },
  ];
}
