import { describe, expect, it } from 'vitest';
import { addCalendarDays, londonDate } from '../index.js';

describe('londonDate', () => {
  it('is the UK date, a day ahead of UTC for the first hour after midnight in summer', () => {
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDate(new Date('2026-07-01T22:59:59Z'))).toBe('2026-07-01');
  });

  it('is the UTC date in winter', () => {
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('follows the clocks changing on the last Sundays of March and October', () => {
    // 29 March 2026: BST starts at 01:00 UTC.
    expect(londonDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    // 25 October 2026: BST ends at 01:00 UTC; 23:30 UTC the day before is 00:30 BST.
    expect(londonDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(londonDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('agrees with the platform time zone data across a year', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(2025, 0, 1, 0, 30); ms < Date.UTC(2026, 0, 1); ms += 3 * 3_600_000 + 7 * 60_000) {
      const instant = new Date(ms);
      expect(londonDate(instant)).toBe(format.format(instant));
    }
  });
});

describe('addCalendarDays', () => {
  it('adds and subtracts across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-03-28', 14)).toBe('2026-04-11');
    expect(addCalendarDays('2026-12-25', 7)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-10-25', 0)).toBe('2026-10-25');
  });
});
