import { z } from 'zod';

/** A calendar date as `YYYY-MM-DD`, read as a Europe/London local date. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'Enter a real date');

export { addCalendarDays as plusDays } from '@councilkit/cases';
