import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RevenuesError } from '../errors.js';
import { apportionCharge, chargeForPeriod, daysInFinancialYear, financialYearOf } from './apportionment.js';
import { addDays, dayNumber, fromDayNumber } from './dates.js';

describe('financial years', () => {
  it('runs 1 April to 31 March', () => {
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearOf('2027-03-31')).toBe(2026);
    expect(financialYearOf('2027-01-01')).toBe(2026);
  });

  it('has 366 days when it contains 29 February', () => {
    expect(daysInFinancialYear(2026)).toBe(365);
    expect(daysInFinancialYear(2027)).toBe(366); // contains 2028-02-29
    expect(daysInFinancialYear(2023)).toBe(366); // contains 2024-02-29
    expect(daysInFinancialYear(2024)).toBe(365);
  });
});

describe('apportionCharge', () => {
  it('charges the move-in day and not the move-out day', () => {
    const oneDay = apportionCharge({ annualCharge: 365_000, from: '2026-06-01', to: '2026-06-02' });
    expect(oneDay).toMatchObject({ days: 1, amount: 1000, daysInYear: 365 });
  });

  it('apportions a move in from the move date to the end of the year', () => {
    expect(apportionCharge({ annualCharge: 228_000, from: '2026-10-01' })).toMatchObject({
      financialYear: 2026,
      from: '2026-10-01',
      to: '2027-04-01',
      days: 182,
      amount: 113_688,
    });
  });

  it('apportions a move out from 1 April to the move date', () => {
    expect(apportionCharge({ annualCharge: 228_000, to: '2026-10-01' })).toMatchObject({ from: '2026-04-01', days: 183, amount: 114_312 });
  });

  it('uses 366 days in a leap financial year', () => {
    const leap = apportionCharge({ annualCharge: 366_000, from: '2028-02-29', to: '2028-03-01' });
    expect(leap).toMatchObject({ financialYear: 2027, daysInYear: 366, days: 1, amount: 1000 });
  });

  it('charges the whole year for a whole year', () => {
    expect(apportionCharge({ annualCharge: 199_999, from: '2027-04-01' }).amount).toBe(199_999);
  });

  it('splits at any move date into parts that add up exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2020, max: 2040 }), fc.integer({ min: 1, max: 364 }), (charge, year, offset) => {
        const move = addDays(`${year}-04-01`, offset);
        const before = apportionCharge({ annualCharge: charge, to: move });
        const after = apportionCharge({ annualCharge: charge, from: move });
        expect(before.amount + after.amount).toBe(charge);
        expect(before.days + after.days).toBe(daysInFinancialYear(year));
      }),
    );
  });

  it('refuses a period that ends before it starts, crosses 1 April, or has bad input', () => {
    expect(() => apportionCharge({ annualCharge: 1000, from: '2026-06-02', to: '2026-06-02' })).toThrow(RevenuesError);
    expect(() => apportionCharge({ annualCharge: 1000, from: '2026-06-02', to: '2027-06-02' })).toThrow(/crosses 1 April/);
    expect(() => apportionCharge({ annualCharge: 10.5, from: '2026-06-02' })).toThrow(/whole pence/);
    expect(() => apportionCharge({ annualCharge: 1000, from: '2026-02-30' })).toThrow(/real date/);
    expect(() => apportionCharge({ annualCharge: 1000, from: "2026-01-01'; DROP TABLE accounts;--" })).toThrow(RevenuesError);
    expect(() => apportionCharge({ annualCharge: 1000 })).toThrow(/at least one/);
  });
});

describe('chargeForPeriod', () => {
  it('splits across 1 April using each year\'s charge', () => {
    const charges: Record<number, number> = { 2025: 365_000, 2026: 730_000 };
    const parts = chargeForPeriod({ from: '2026-03-30', to: '2026-04-03', annualChargeFor: (year) => charges[year] ?? 0 });
    expect(parts.map((part) => [part.financialYear, part.days, part.amount])).toEqual([
      [2025, 2, 2000],
      [2026, 2, 4000],
    ]);
  });

  it('covers every day exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-01-01') }), fc.integer({ min: 1, max: 1500 }), (start, length) => {
        const parts = chargeForPeriod({ from: fromDayNumber(start), to: fromDayNumber(start + length), annualChargeFor: () => 100_000 });
        expect(parts.reduce((sum, part) => sum + part.days, 0)).toBe(length);
      }),
    );
  });

  it('refuses bad dates', () => {
    expect(() => chargeForPeriod({ from: 'yesterday', to: '2026-01-01', annualChargeFor: () => 1 })).toThrow(RevenuesError);
    expect(() => chargeForPeriod({ from: '2026-01-01', to: '2025-01-01', annualChargeFor: () => 1 })).toThrow(RevenuesError);
  });
});
