import { z } from 'zod';

const MS_PER_DAY = 86_400_000;

/** A calendar date as `YYYY-MM-DD`, read as a Europe/London local date. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'Enter a real date');

/** Whole days since 1970-01-01 for a `YYYY-MM-DD` date; date-only maths never meets a clock change. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date for a day number from {@link dayNumber}. */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export { addCalendarDays as addDays, londonDate } from '@councilkit/cases';
