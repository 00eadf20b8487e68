import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidays } from './bank-holidays.js';
import { CalendarError, createWorkingDayCalendar } from './calendar.js';

// Official GOV.UK lists (https://www.gov.uk/bank-holidays), copied by hand.
const ENGLAND_AND_WALES: Record<number, string[]> = {
  2018: ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

const SCOTLAND: Record<number, string[]> = {
  2019: ['2019-01-01', '2019-01-02', '2019-04-19', '2019-05-06', '2019-05-27', '2019-08-05', '2019-12-02', '2019-12-25', '2019-12-26'],
  2021: ['2021-01-01', '2021-01-04', '2021-04-02', '2021-05-03', '2021-05-31', '2021-08-02', '2021-11-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-01-04', '2022-04-15', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-01', '2022-09-19', '2022-11-30', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-01-03', '2023-04-07', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-07', '2023-11-30', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-01-02', '2024-03-29', '2024-05-06', '2024-05-27', '2024-08-05', '2024-12-02', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
};

const NORTHERN_IRELAND: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-03-17', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-07-13', '2020-08-31', '2020-12-25', '2020-12-28'],
  2024: ['2024-01-01', '2024-03-18', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-07-12', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28'],
};

describe('bank holidays', () => {
  it.each(Object.entries(ENGLAND_AND_WALES))('England and Wales %s matches GOV.UK', (year, dates) => {
    expect(bankHolidays('england-and-wales', Number(year)).map((h) => h.date)).toEqual(dates);
  });
  it.each(Object.entries(SCOTLAND))('Scotland %s matches GOV.UK', (year, dates) => {
    expect(bankHolidays('scotland', Number(year)).map((h) => h.date)).toEqual(dates);
  });
  it.each(Object.entries(NORTHERN_IRELAND))('Northern Ireland %s matches GOV.UK', (year, dates) => {
    expect(bankHolidays('northern-ireland', Number(year)).map((h) => h.date)).toEqual(dates);
  });

  it('puts Good Friday two days before each known Easter Sunday, 2018-2030', () => {
    const easter = ['2018-04-01', '2019-04-21', '2020-04-12', '2021-04-04', '2022-04-17', '2023-04-09', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21'];
    for (const sunday of easter) {
      const goodFriday = new Date(Date.parse(sunday) - 2 * 86_400_000).toISOString().slice(0, 10);
      const year = Number(sunday.slice(0, 4));
      expect(bankHolidays('scotland', year).find((h) => h.title === 'Good Friday')?.date).toBe(goodFriday);
    }
  });

  it('covers every year 2018-2030 with 8+ days for each nation and marks substitutes', () => {
    for (let year = 2018; year <= 2030; year += 1) {
      expect(bankHolidays('england-and-wales', year).length).toBeGreaterThanOrEqual(8);
      expect(bankHolidays('scotland', year).length).toBeGreaterThanOrEqual(9);
      expect(bankHolidays('northern-ireland', year).length).toBeGreaterThanOrEqual(10);
    }
    const christmas2027 = bankHolidays('england-and-wales', 2027).filter((h) => h.substitute).map((h) => h.date);
    expect(christmas2027).toEqual(['2027-12-27', '2027-12-28']);
  });
});

describe('createWorkingDayCalendar', () => {
  const england = createWorkingDayCalendar();

  it('knows weekends, bank holidays and one-off days', () => {
    expect(england.isWorkingDay('2026-11-23')).toBe(true);
    expect(england.isWorkingDay('2026-11-22')).toBe(false);
    for (const day of ['2022-06-03', '2022-09-19', '2023-05-08']) expect(england.isWorkingDay(day)).toBe(false);
    expect(england.holidayOn('2023-05-08')?.title).toMatch(/coronation/i);
    expect(england.holidayOn('2026-12-28')).toMatchObject({ substitute: true });
  });

  it('adds working days across weekends and holidays', () => {
    expect(england.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(england.addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(england.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
    expect(england.nextWorkingDay('2022-06-01')).toBe('2022-06-06');
    expect(england.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
    expect(england.workingDaysBetween('2027-01-04', '2026-12-24')).toBe(-4);
  });

  it('differs by nation', () => {
    const scotland = createWorkingDayCalendar({ nation: 'scotland' });
    const ni = createWorkingDayCalendar({ nation: 'northern-ireland' });
    expect(scotland.isWorkingDay('2026-01-02')).toBe(false);
    expect(england.isWorkingDay('2026-01-02')).toBe(true);
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(ni.isWorkingDay('2026-07-13')).toBe(false);
    expect(scotland.addWorkingDays('2025-11-28', 1)).toBe('2025-12-02');
  });

  it("adds the council's own closures", () => {
    const council = createWorkingDayCalendar({ closures: ['2026-12-29', { date: '2026-12-30', title: 'Office move' }] });
    expect(council.addWorkingDays('2026-12-24', 1)).toBe('2026-12-31');
    expect(council.holidayOn('2026-12-30')?.title).toBe('Office move');
    expect(council.holidays(2026).map((h) => h.date)).toContain('2026-12-29');
  });

  it('reads Dates as UK dates', () => {
    // 23:30 UTC on 31 May 2026 is 00:30 BST on 1 June.
    expect(england.isWorkingDay(new Date('2026-05-31T23:30:00Z'))).toBe(true);
    expect(england.isWorkingDay(new Date('2026-05-31T22:30:00Z'))).toBe(false);
  });

  it('adds working time keeping the UK wall-clock time', () => {
    // Friday 10:00 BST + 2 working days = Tuesday 10:00 BST.
    expect(england.addWorkingTime(new Date('2026-06-05T09:00:00Z'), { workingDays: 2 }).toISOString()).toBe('2026-06-09T09:00:00.000Z');
    // Across the October clock change: 10:00 BST Friday -> 10:00 GMT Monday.
    expect(england.addWorkingTime(new Date('2026-10-23T09:00:00Z'), { workingDays: 1 }).toISOString()).toBe('2026-10-26T10:00:00.000Z');
    // A Saturday start counts from Monday midnight.
    expect(england.addWorkingTime(new Date('2026-11-21T12:00:00Z'), { workingDays: 1 }).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(england.addWorkingTime(new Date('2026-11-21T12:00:00Z'), { hours: 4 }).toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('measures working time between instants', () => {
    expect(england.workingTimeBetween(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-23T12:00:00Z'))).toBeCloseTo(1);
    expect(england.workingTimeBetween(new Date('2026-11-23T12:00:00Z'), new Date('2026-11-20T12:00:00Z'))).toBe(0);
  });

  it('refuses bad input with typed errors', () => {
    expect(() => england.isWorkingDay('24/12/2026')).toThrow(CalendarError);
    expect(() => england.addWorkingDays('2026-12-24', 1.5)).toThrow(expect.objectContaining({ reason: 'invalid-amount' }));
    expect(() => createWorkingDayCalendar({ nation: 'wales' as never })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
    expect(() => england.addWorkingTime(new Date('x'), { hours: 1 })).toThrow(expect.objectContaining({ reason: 'invalid-date' }));
  });
});

describe('calendar properties', () => {
  const nations = fc.constantFrom('england-and-wales' as const, 'scotland' as const, 'northern-ireland' as const);
  const day = fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2030, 11, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('addWorkingDays and workingDaysBetween agree, and land on working days', () => {
    fc.assert(
      fc.property(nations, day, fc.integer({ min: 1, max: 40 }), (nation, start, days) => {
        const calendar = createWorkingDayCalendar({ nation });
        const end = calendar.addWorkingDays(start, days);
        expect(calendar.isWorkingDay(end)).toBe(true);
        expect(calendar.workingDaysBetween(start, end)).toBe(days);
        expect(calendar.addWorkingDays(end, -days) <= start).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingTime then workingTimeBetween gives back the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2030, 11, 1) }), fc.integer({ min: 0, max: 20 }), (ms, days) => {
        const calendar = createWorkingDayCalendar();
        const start = new Date(ms);
        const end = calendar.addWorkingTime(start, { workingDays: days });
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(calendar.workingTimeBetween(start, end)).toBeCloseTo(days, 6);
      }),
      { numRuns: 300 },
    );
  });
});
