import { z } from 'zod';
import { RevenuesError } from '../errors.js';
import { addDays, dayNumber, isoDateSchema } from './dates.js';

/**
 * The council tax financial year a date falls in, named by the calendar year
 * it starts in: 1 April 2026 to 31 March 2027 is `2026`.
 *
 * @example
 * ```ts
 * financialYearOf('2027-03-31'); // 2026
 * financialYearOf('2027-04-01'); // 2027
 * ```
 */
export function financialYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  return monthDay >= '04-01' ? year : year - 1;
}

/**
 * Days in a council tax year: 366 when it contains a 29 February
 * (1 April 2027 to 31 March 2028 does), otherwise 365.
 *
 * @example
 * ```ts
 * daysInFinancialYear(2027); // 366
 * daysInFinancialYear(2026); // 365
 * ```
 */
export function daysInFinancialYear(financialYear: number): number {
  return dayNumber(`${financialYear + 1}-04-01`) - dayNumber(`${financialYear}-04-01`);
}

/**
 * Input to {@link apportionCharge}. Dates are `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * const input: ApportionChargeInput = { annualCharge: 228_000, from: '2026-10-01' };
 * apportionCharge(input).amount; // 113688
 * ```
 */
export interface ApportionChargeInput {
  /** The annual charge for the property and band, in pence, after no discounts. */
  annualCharge: number;
  /** First day of liability (inclusive). Default: 1 April of the year `to` falls in. */
  from?: string;
  /**
   * First day with no liability (exclusive), usually the move-out date.
   * Default: 1 April after `from`, so liability runs to the end of the year.
   */
  to?: string;
}

/**
 * The charge for part of one council tax year.
 *
 * @example
 * ```ts
 * const part: Apportionment = apportionCharge({ annualCharge: 228_000, to: '2026-10-01' });
 * part.days; // 183
 * ```
 */
export interface Apportionment {
  /** The financial year (named by its starting calendar year). */
  financialYear: number;
  /** First liable day (inclusive). */
  from: string;
  /** First day no longer liable (exclusive). */
  to: string;
  /** Liable days: `to - from`. */
  days: number;
  /** 365 or 366. */
  daysInYear: number;
  /** The annual charge used, in pence. */
  annualCharge: number;
  /** The charge for the period in pence, rounded to the nearest penny. */
  amount: number;
}

const pence = z.number().int('Amounts are whole pence').min(0).max(100_000_000);

const inputSchema = z.object({
  annualCharge: pence,
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

/** The charge owed from the start of the year up to (not including) `day`, rounded; differences of this telescope exactly. */
function cumulative(annualCharge: number, financialYear: number, day: number): number {
  const elapsed = day - dayNumber(`${financialYear}-04-01`);
  return Math.round((annualCharge * elapsed) / daysInFinancialYear(financialYear));
}

/**
 * Apportion an annual council tax charge to the days a person is liable.
 *
 * Convention: council tax is a daily charge and liability is decided by who
 * is resident at the end of each day (Local Government Finance Act 1992,
 * s.2), so the moving-in day is charged and the moving-out day is not.
 * The period is the half-open range `[from, to)`. The day count is actual
 * days over actual days in the year (365, or 366 when the year contains
 * 29 February). Pence are rounded on the running total from 1 April, so
 * splitting a year at any date gives two amounts that add up exactly to the
 * annual charge.
 *
 * Throws {@link RevenuesError} `invalid-input` when `to` is not after `from`
 * or the period crosses 1 April (use {@link chargeForPeriod} for that).
 *
 * @example
 * ```ts
 * // Moving in on 1 October 2026 with a Band D charge of £2,280.00
 * apportionCharge({ annualCharge: 228_000, from: '2026-10-01' });
 * // { days: 182, daysInYear: 365, amount: 113_688, to: '2027-04-01', ... }
 * ```
 */
export function apportionCharge(input: ApportionChargeInput): Apportionment {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new RevenuesError('invalid-input', parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const { annualCharge } = parsed.data;
  const anchor = parsed.data.from ?? (parsed.data.to === undefined ? undefined : addDays(parsed.data.to, -1));
  if (anchor === undefined) {
    throw new RevenuesError('invalid-input', 'Give at least one of from or to');
  }
  const financialYear = financialYearOf(anchor);
  const yearStart = `${financialYear}-04-01`;
  const yearEnd = `${financialYear + 1}-04-01`;
  const from = parsed.data.from ?? yearStart;
  const to = parsed.data.to ?? yearEnd;
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  if (toDay <= fromDay) {
    throw new RevenuesError('invalid-input', 'The end of liability must be after its start');
  }
  if (toDay > dayNumber(yearEnd)) {
    throw new RevenuesError('invalid-input', 'The period crosses 1 April; apportion each financial year separately');
  }
  return {
    financialYear,
    from,
    to,
    days: toDay - fromDay,
    daysInYear: daysInFinancialYear(financialYear),
    annualCharge,
    amount: cumulative(annualCharge, financialYear, toDay) - cumulative(annualCharge, financialYear, fromDay),
  };
}

/**
 * Input to {@link chargeForPeriod}.
 *
 * @example
 * ```ts
 * const input: ChargeForPeriodInput = { from: '2026-03-30', to: '2026-04-03', annualChargeFor: () => 228_000 };
 * ```
 */
export interface ChargeForPeriodInput {
  /** First liable day (inclusive), `YYYY-MM-DD`. */
  from: string;
  /** First day no longer liable (exclusive), `YYYY-MM-DD`. */
  to: string;
  /** The annual charge in pence for each financial year the period touches. */
  annualChargeFor: (financialYear: number) => number;
}

/**
 * Apportion a liability period that may cross one or more 1 Aprils, using
 * each year's own annual charge.
 *
 * @example
 * ```ts
 * const charges: Record<number, number> = { 2025: 210_000, 2026: 228_000 };
 * const parts = chargeForPeriod({ from: '2026-01-10', to: '2026-05-01', annualChargeFor: (y) => charges[y] ?? 0 });
 * parts.map((p) => p.amount); // one amount for 2025/26 and one for 2026/27
 * ```
 */
export function chargeForPeriod(input: ChargeForPeriodInput): Apportionment[] {
  const from = isoDateSchema.safeParse(input.from);
  const to = isoDateSchema.safeParse(input.to);
  if (!from.success || !to.success) {
    throw new RevenuesError('invalid-input', 'Enter dates as YYYY-MM-DD');
  }
  if (dayNumber(to.data) <= dayNumber(from.data)) {
    throw new RevenuesError('invalid-input', 'The end of liability must be after its start');
  }
  const parts: Apportionment[] = [];
  let cursor = from.data;
  while (dayNumber(cursor) < dayNumber(to.data)) {
    const year = financialYearOf(cursor);
    const yearEnd = `${year + 1}-04-01`;
    const end = dayNumber(yearEnd) < dayNumber(to.data) ? yearEnd : to.data;
    parts.push(apportionCharge({ annualCharge: input.annualChargeFor(year), from: cursor, to: end }));
    cursor = end;
  }
  return parts;
}
