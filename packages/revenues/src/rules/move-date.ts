import { z } from 'zod';
import { RevenuesError } from '../errors.js';
import { dayNumber, isoDateSchema } from './dates.js';

/**
 * What to do with a reported move date.
 *
 * @example
 * ```ts
 * const decision: MoveDateDecision = assessMoveDate({ moveDate: '2026-11-20', today: '2026-11-24' });
 * decision.decision; // 'accept'
 * ```
 */
export type MoveDateDecision =
  | { decision: 'accept' }
  | { decision: 'review'; reason: 'too-far-in-past'; message: string; daysInPast: number }
  | { decision: 'refuse'; reason: 'too-far-in-future'; message: string; daysAhead: number };

/**
 * Input to {@link assessMoveDate}.
 *
 * @example
 * ```ts
 * const input: AssessMoveDateInput = { moveDate: '2026-09-01', today: '2026-11-24', allowedPastDays: 30 };
 * ```
 */
export interface AssessMoveDateInput {
  /** The date the resident says they moved (or will move), `YYYY-MM-DD`. */
  moveDate: string;
  /** Today in Europe/London, `YYYY-MM-DD`. */
  today: string;
  /**
   * How many days in the past a move may be reported without back-office
   * review. Default: `60`. Councils set their own window; a backdated change
   * alters bills already issued and may need evidence such as a tenancy.
   */
  allowedPastDays?: number;
  /** How many days ahead a move may be reported. Default: `90`. */
  allowedFutureDays?: number;
}

const inputSchema = z.object({
  moveDate: isoDateSchema,
  today: isoDateSchema,
  allowedPastDays: z.number().int().min(0).max(3650).default(60),
  allowedFutureDays: z.number().int().min(0).max(3650).default(90),
});

/**
 * Decide whether a reported move date can be applied straight away, needs a
 * back-office review (more than the council's allowed window in the past),
 * or is refused (too far ahead to be a real plan).
 *
 * @example
 * ```ts
 * assessMoveDate({ moveDate: '2026-01-02', today: '2026-11-24' });
 * // { decision: 'review', reason: 'too-far-in-past', daysInPast: 326, message: '...' }
 * ```
 */
export function assessMoveDate(input: AssessMoveDateInput): MoveDateDecision {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new RevenuesError('invalid-input', parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const { moveDate, today, allowedPastDays, allowedFutureDays } = parsed.data;
  const offset = dayNumber(moveDate) - dayNumber(today);
  if (offset < -allowedPastDays) {
    const daysInPast = -offset;
    return {
      decision: 'review',
      reason: 'too-far-in-past',
      daysInPast,
      message: `The move date is ${daysInPast} days ago, more than the ${allowedPastDays} days the council accepts without review. A revenues officer will check it and may ask for evidence.`,
    };
  }
  if (offset > allowedFutureDays) {
    return {
      decision: 'refuse',
      reason: 'too-far-in-future',
      daysAhead: offset,
      message: `The move date is ${offset} days ahead; tell us within ${allowedFutureDays} days of moving.`,
    };
  }
  return { decision: 'accept' };
}
