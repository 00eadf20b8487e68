import { describe, expect, it } from 'vitest';
import { RevenuesError } from '../errors.js';
import { checkSinglePersonDiscount } from './single-person-discount.js';

describe('checkSinglePersonDiscount', () => {
  it('allows one adult', () => {
    expect(checkSinglePersonDiscount({ alreadyApplied: false, residents: [{ name: 'Ada Lovelace', adult: true }, { name: 'Child', adult: false }] })).toEqual({ eligible: true });
  });

  it('refuses two adult liable parties with a readable reason', () => {
    const decision = checkSinglePersonDiscount({
      alreadyApplied: false,
      residents: [
        { name: 'Ada Lovelace', adult: true },
        { name: 'Charles Babbage', adult: true },
      ],
    });
    expect(decision).toMatchObject({ eligible: false, reason: 'more-than-one-adult' });
    expect(decision.eligible === false && decision.message).toMatch(/^Ada Lovelace and Charles Babbage are both adults/);
  });

  it('names three adults in a list', () => {
    const decision = checkSinglePersonDiscount({
      alreadyApplied: false,
      residents: ['A One', 'B Two', 'C Three'].map((name) => ({ name, adult: true })),
    });
    expect(decision.eligible === false && decision.message).toMatch(/^A One, B Two and C Three are all adults/);
  });

  it('does not count a disregarded adult', () => {
    expect(
      checkSinglePersonDiscount({
        alreadyApplied: false,
        residents: [
          { name: 'Ada Lovelace', adult: true },
          { name: 'Student', adult: true, disregardedBecause: 'full-time student' },
        ],
      }),
    ).toEqual({ eligible: true });
  });

  it('refuses when already applied or no adult counts', () => {
    expect(checkSinglePersonDiscount({ alreadyApplied: true, residents: [{ name: 'A', adult: true }] })).toMatchObject({ reason: 'already-applied' });
    expect(checkSinglePersonDiscount({ alreadyApplied: false, residents: [] })).toMatchObject({ reason: 'no-adult' });
  });

  it('refuses malformed input', () => {
    expect(() => checkSinglePersonDiscount({ alreadyApplied: false, residents: [{ name: '', adult: true }] })).toThrow(RevenuesError);
    expect(() => checkSinglePersonDiscount({ alreadyApplied: 'no' as unknown as boolean, residents: [] })).toThrow(RevenuesError);
  });
});
