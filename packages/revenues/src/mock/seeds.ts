import { z } from 'zod';
import { RevenuesError } from '../errors.js';
import { checkSinglePersonDiscount } from '../rules/single-person-discount.js';
import { accountIdSchema, accountReferenceSchema, localDateSchema, paymentMethodSchema, postcodeSchema, uprnSchema } from '../schemas.js';
import type { Account } from '../schemas.js';
import { accountBase, singlePersonDiscount } from './fixtures.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const mockAccountSeedSchema = z.strictObject({
  reference: accountReferenceSchema,
  accountId: accountIdSchema.optional(),
  uprn: uprnSchema,
  band: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']),
  address: z.strictObject({ lines: z.array(text(100)).min(1).max(6), postcode: postcodeSchema }),
  liableParties: z
    .array(
      z.strictObject({
        personRef: text(32),
        name: text(200),
        surname: text(100),
        liableFrom: localDateSchema,
        disregardedBecause: text(200).optional(),
      }),
    )
    .min(1, 'An account needs at least one liable party')
    .max(20),
  paymentMethod: paymentMethodSchema
    .refine((method) => method.kind !== 'direct-debit' || method.paymentDay !== undefined, 'A direct debit needs a paymentDay')
    .default({ kind: 'card' }),
  singlePersonDiscountFrom: localDateSchema.optional(),
  missedInstalments: z.int().min(0).max(10).default(0),
});

/**
 * An extra council tax account for the mock revenues back office to hold
 * beside its fixtures: only the facts. The mock works out the annual charge
 * from the band (with the statutory ratios and its `bandDCharge`), the ten
 * instalments from the payment day, and the balance, as it does for its
 * fixtures.
 *
 * @example
 * ```ts
 * const seed: MockAccountSeed = {
 *   reference: '5012345678',
 *   uprn: 100_023_336_956,
 *   band: 'C',
 *   address: { lines: ['12 Acacia Avenue', 'Anytown'], postcode: 'AT1 4XY' },
 *   liableParties: [{ personRef: 'syn-r-000001', name: 'Jane Smith', surname: 'Smith', liableFrom: '2019-06-01' }],
 *   paymentMethod: { kind: 'direct-debit', paymentDay: 15, accountEnding: '4421' },
 *   singlePersonDiscountFrom: '2019-06-01',
 *   missedInstalments: 2,
 * };
 * ```
 */
export interface MockAccountSeed {
  /** The account reference printed on bills: 6 to 12 letters and digits. */
  reference: string;
  /** The opaque account id. Default: `ac-` and the reference in lower case. */
  accountId?: string;
  uprn: number;
  band: Account['band'];
  /** The property address: lines before the postcode, and the postcode (the lookup's second factor). */
  address: { lines: string[]; postcode: string };
  /** Who is liable now; their surnames are the lookup's other second factor. */
  liableParties: Array<{ personRef: string; name: string; surname: string; liableFrom: string; disregardedBecause?: string }>;
  /** How the account pays; a direct debit needs a `paymentDay`. Default: `{ kind: 'card' }`. */
  paymentMethod?: Account['paymentMethod'];
  /** A 25% single person discount from this date. Refused when the liable parties would not qualify. Default: none. */
  singlePersonDiscountFrom?: string;
  /** How many of the instalments that have fallen due were not paid: they show as `overdue` and stay in the balance. Default: `0`. */
  missedInstalments?: number;
}

/** A seeded account, built like a fixture, and how many instalments it has missed. */
export interface SeededAccount {
  account: Account;
  missedInstalments: number;
}

/**
 * Check the seeds at the mock's boundary and build their accounts. A bad
 * seed throws a `RevenuesError` with reason `invalid-options` naming the
 * record (its position and reference) and the field.
 */
export function buildSeededAccounts(seeds: unknown, taken: { ids: Set<string>; references: Set<string> }, financialYear: number, bandDCharge: number): SeededAccount[] {
  if (!Array.isArray(seeds)) throw new RevenuesError('invalid-options', 'accounts must be a list of account seeds');
  const out: SeededAccount[] = [];
  seeds.forEach((raw, index) => {
    const reference = (raw as { reference?: unknown } | null)?.reference;
    const name = `Seeded account ${index + 1}${typeof reference === 'string' ? ` (reference ${reference})` : ''}`;
    const parsed = mockAccountSeedSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new RevenuesError('invalid-options', `${name}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`, { issues });
    }
    const seed = parsed.data;
    const accountId = seed.accountId ?? `ac-${seed.reference.toLowerCase()}`;
    if (taken.references.has(seed.reference)) throw new RevenuesError('invalid-options', `${name}: the mock already holds an account with reference ${seed.reference}`);
    if (taken.ids.has(accountId)) throw new RevenuesError('invalid-options', `${name}: the mock already holds an account with id ${accountId}`);
    if (seed.singlePersonDiscountFrom !== undefined) {
      const decision = checkSinglePersonDiscount({
        alreadyApplied: false,
        residents: seed.liableParties.map((party) => ({ name: party.name, adult: true, ...(party.disregardedBecause ? { disregardedBecause: party.disregardedBecause } : {}) })),
      });
      if (!decision.eligible) throw new RevenuesError('invalid-options', `${name}: a single person discount cannot be seeded: ${decision.message}`, { code: decision.reason });
    }
    taken.references.add(seed.reference);
    taken.ids.add(accountId);
    out.push({
      account: {
        ...accountBase({ accountId, reference: seed.reference, postcode: seed.address.postcode, uprn: seed.uprn, band: seed.band, lines: seed.address.lines }, financialYear, bandDCharge),
        liableParties: seed.liableParties.map((party) => ({ ...party })),
        paymentMethod: seed.paymentMethod,
        discounts: seed.singlePersonDiscountFrom === undefined ? [] : [singlePersonDiscount(seed.singlePersonDiscountFrom, financialYear)],
      },
      missedInstalments: seed.missedInstalments,
    });
  });
  return out;
}
