import { z } from 'zod';
import { RevenuesError } from '../errors.js';

/**
 * A person named on the account, as far as the discount rule needs to know.
 *
 * @example
 * ```ts
 * const resident: DiscountResident = { name: 'Liam O\'Brien', adult: true, disregardedBecause: 'full-time student' };
 * ```
 */
export interface DiscountResident {
  /** Display name, used in the reason text. */
  name: string;
  /** True for someone 18 or over. */
  adult: boolean;
  /**
   * Set when the person is disregarded for council tax (for example a full-time
   * student or a carer); disregarded adults do not count towards the number of adults.
   */
  disregardedBecause?: string | undefined;
}

/**
 * The answer from {@link checkSinglePersonDiscount}.
 *
 * @example
 * ```ts
 * const decision: SinglePersonDiscountDecision = checkSinglePersonDiscount({ residents, alreadyApplied: false });
 * if (!decision.eligible) console.log(decision.message);
 * ```
 */
export type SinglePersonDiscountDecision =
  | { eligible: true }
  | {
      eligible: false;
      reason: 'more-than-one-adult' | 'already-applied' | 'no-adult';
      /** A sentence an agent can read to the resident. */
      message: string;
    };

/**
 * Input to {@link checkSinglePersonDiscount}.
 *
 * @example
 * ```ts
 * const input: SinglePersonDiscountInput = { alreadyApplied: false, residents: [{ name: 'Ada Lovelace', adult: true }] };
 * ```
 */
export interface SinglePersonDiscountInput {
  /** The liable parties and any other adults the account records at the property. */
  residents: DiscountResident[];
  /** Whether the account already has a single person discount. */
  alreadyApplied: boolean;
}

const inputSchema = z.object({
  residents: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        adult: z.boolean(),
        disregardedBecause: z.string().trim().min(1).max(200).optional(),
      }),
    )
    .max(50),
  alreadyApplied: z.boolean(),
});

/**
 * The single person discount (25%) is for a home where only one adult
 * counts for council tax. An application for an account with more than one
 * adult liable party (who is not disregarded) is refused with a reason an
 * agent can read out.
 *
 * @example
 * ```ts
 * checkSinglePersonDiscount({
 *   alreadyApplied: false,
 *   residents: [{ name: 'Ada Lovelace', adult: true }, { name: 'Charles Babbage', adult: true }],
 * });
 * // { eligible: false, reason: 'more-than-one-adult', message: 'Ada Lovelace and Charles Babbage are both ...' }
 * ```
 */
export function checkSinglePersonDiscount(input: SinglePersonDiscountInput): SinglePersonDiscountDecision {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new RevenuesError('invalid-input', parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  if (parsed.data.alreadyApplied) {
    return { eligible: false, reason: 'already-applied', message: 'This account already has a single person discount.' };
  }
  const counted = parsed.data.residents.filter((person) => person.adult && person.disregardedBecause === undefined);
  if (counted.length === 0) {
    return {
      eligible: false,
      reason: 'no-adult',
      message: 'No adult who counts for council tax is recorded at this property; ask about exemptions or disregards instead.',
    };
  }
  if (counted.length > 1) {
    const names = counted.map((person) => person.name);
    const list = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return {
      eligible: false,
      reason: 'more-than-one-adult',
      message: `${list} are ${names.length === 2 ? 'both' : 'all'} adults liable at this property, so the single person discount cannot apply. If one of them has moved out, report the move first.`,
    };
  }
  return { eligible: true };
}
