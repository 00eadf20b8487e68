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

/** Add calendar days to a `YYYY-MM-DD` date; date-only maths never meets a clock change. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
