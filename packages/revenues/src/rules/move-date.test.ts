import { describe, expect, it } from 'vitest';
import { RevenuesError } from '../errors.js';
import { assessMoveDate } from './move-date.js';

describe('assessMoveDate', () => {
  it('accepts a move inside the window, on its edge, and in the near future', () => {
    expect(assessMoveDate({ moveDate: '2026-11-24', today: '2026-11-24' })).toEqual({ decision: 'accept' });
    expect(assessMoveDate({ moveDate: '2026-09-25', today: '2026-11-24' })).toEqual({ decision: 'accept' }); // exactly 60 days
    expect(assessMoveDate({ moveDate: '2027-02-22', today: '2026-11-24' })).toEqual({ decision: 'accept' }); // exactly 90 ahead
  });

  it('sends a move more than the window in the past to review', () => {
    expect(assessMoveDate({ moveDate: '2026-09-24', today: '2026-11-24' })).toMatchObject({ decision: 'review', reason: 'too-far-in-past', daysInPast: 61 });
  });

  it('uses the council\'s own window', () => {
    expect(assessMoveDate({ moveDate: '2026-11-01', today: '2026-11-24', allowedPastDays: 14 })).toMatchObject({ decision: 'review', daysInPast: 23 });
    expect(assessMoveDate({ moveDate: '2026-11-10', today: '2026-11-24', allowedPastDays: 14 })).toEqual({ decision: 'accept' });
  });

  it('refuses a move too far ahead', () => {
    expect(assessMoveDate({ moveDate: '2027-02-23', today: '2026-11-24' })).toMatchObject({ decision: 'refuse', reason: 'too-far-in-future', daysAhead: 91 });
  });

  it('counts across a leap day', () => {
    expect(assessMoveDate({ moveDate: '2028-02-28', today: '2028-03-01', allowedPastDays: 1 })).toMatchObject({ decision: 'review', daysInPast: 2 });
  });

  it('refuses bad input with a typed error', () => {
    expect(() => assessMoveDate({ moveDate: '24/11/2026', today: '2026-11-24' })).toThrow(RevenuesError);
    expect(() => assessMoveDate({ moveDate: '2026-11-24', today: '2026-11-24', allowedPastDays: -1 })).toThrow(RevenuesError);
  });
});
