import { fail, ok, type ValidationResult } from './result.js';

/**
 * How much of a date of birth is known. Council records often hold only a
 * year (an older resident who is not sure) or a year and month.
 *
 * @example
 * ```ts
 * const precision: DatePrecision = 'year-month';
 * ```
 */
export type DatePrecision = 'full' | 'year-month' | 'year';

/**
 * A normalised date of birth: `value` is ISO 8601 cut to its precision
 * (`1984-02-29`, `1984-02` or `1984`).
 *
 * @example
 * ```ts
 * const dob: DateOfBirth = { value: '1984-02', precision: 'year-month' };
 * ```
 */
export interface DateOfBirth {
  /** ISO 8601 calendar date, year-month or year. */
  value: string;
  /** How much of the date is known. */
  precision: DatePrecision;
}

/**
 * Options for {@link validateDateOfBirth}.
 *
 * @example
 * ```ts
 * validateDateOfBirth('2010-05-01', { today: new Date('2026-01-01'), maxAgeYears: 120 });
 * ```
 */
export interface DateOfBirthOptions {
  /** The date to judge "in the past" against. Default: now (its UTC calendar date). */
  today?: Date;
  /** The oldest age accepted, in whole years. Default: `130`. */
  maxAgeYears?: number;
}

const MISSING = 'Enter a date of birth';
const NOT_REAL = 'Enter a real date of birth';

/**
 * Validate and normalise a date of birth.
 *
 * Accepts ISO text (`1984-02-29`, `1984-02`, `1984`), UK order
 * (`29/02/1984`, `29-2-1984`, `29.02.1984`, `02/1984`), the three fields of
 * a GOV.UK date input (`{ day, month, year }` as numbers or text, day and
 * month optional), or an already-normalised {@link DateOfBirth}. The date
 * must exist on the calendar (29 February only in leap years), must not be
 * in the future, and must be within `maxAgeYears`. A partial date passes if
 * any day in its period could be right.
 *
 * @example
 * ```ts
 * validateDateOfBirth('29/02/1984'); // { ok: true, value: { value: '1984-02-29', precision: 'full' } }
 * validateDateOfBirth({ month: '2', year: '1984' }); // { ok: true, value: { value: '1984-02', precision: 'year-month' } }
 * validateDateOfBirth('29/02/1983'); // { ok: false, reason: 'invalid-value', message: 'Enter a real date of birth' }
 * ```
 */
export function validateDateOfBirth(input: unknown, options?: DateOfBirthOptions): ValidationResult<DateOfBirth> {
  const parts = toParts(input);
  if (!parts.ok) return parts;
  const { year, month, day } = parts.value;
  if (year < 1000 || year > 9999) return fail('invalid-value', NOT_REAL);
  if (month !== undefined && (month < 1 || month > 12)) return fail('invalid-value', NOT_REAL);
  if (day !== undefined) {
    if (month === undefined) return fail('invalid-format', 'Date of birth must include a month');
    if (day < 1 || day > daysInMonth(year, month)) return fail('invalid-value', NOT_REAL);
  }
  const precision: DatePrecision = day !== undefined ? 'full' : month !== undefined ? 'year-month' : 'year';
  const value = [String(year).padStart(4, '0'), month && pad(month), day && pad(day)].filter(Boolean).join('-');

  const today = options?.today instanceof Date ? options.today : new Date();
  if (Number.isNaN(today.getTime())) return fail('invalid-value', NOT_REAL);
  const todayIso = today.toISOString().slice(0, 10);
  const maxAge = typeof options?.maxAgeYears === 'number' && options.maxAgeYears >= 0 ? Math.floor(options.maxAgeYears) : 130;
  const oldest = `${String(today.getUTCFullYear() - maxAge).padStart(4, '0')}${todayIso.slice(4)}`;
  // ISO dates compare correctly as text; pad a partial date to its first and last day.
  const earliest = value.padEnd(10, precision === 'year' ? '-01-01' : '-01').slice(0, 10);
  const latest = precision === 'full' ? value : precision === 'year-month' ? `${value}-${pad(daysInMonth(year, month ?? 1))}` : `${value}-12-31`;
  if (earliest > todayIso) return fail('out-of-range', 'Date of birth must be in the past');
  if (latest < oldest) return fail('out-of-range', `Date of birth must be within the last ${maxAge} years`);
  return ok({ value, precision });
}

interface Parts {
  year: number;
  month: number | undefined;
  day: number | undefined;
}

function toParts(input: unknown): ValidationResult<Parts> {
  if (input === undefined || input === null) return fail('missing', MISSING);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return fail('invalid-value', NOT_REAL);
    return ok({ year: input.getUTCFullYear(), month: input.getUTCMonth() + 1, day: input.getUTCDate() });
  }
  if (typeof input === 'string') return fromText(input);
  if (typeof input === 'object' && !Array.isArray(input)) {
    const record = input as Record<string, unknown>;
    if ('value' in record) {
      const parsed = fromText(record.value);
      if (parsed.ok && record.precision !== undefined && record.precision !== precisionOf(parsed.value)) {
        return fail('invalid-format', NOT_REAL);
      }
      return parsed;
    }
    return fromFields(record.day, record.month, record.year);
  }
  return fail('invalid-type', NOT_REAL);
}

function precisionOf(parts: Parts): DatePrecision {
  return parts.day !== undefined ? 'full' : parts.month !== undefined ? 'year-month' : 'year';
}

function fromText(input: unknown): ValidationResult<Parts> {
  if (typeof input !== 'string') return fail('invalid-type', NOT_REAL);
  const text = input.trim();
  if (text === '') return fail('missing', MISSING);
  if (text.length > 30) return fail('invalid-format', NOT_REAL);
  let match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (match) return ok({ year: Number(match[1]), month: optionalNumber(match[2]), day: optionalNumber(match[3]) });
  match = /^(?:(\d{1,2})\s*[/.\-\s]\s*)?(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(text);
  if (match) return ok({ year: Number(match[3]), month: Number(match[2]), day: optionalNumber(match[1]) });
  return fail('invalid-format', NOT_REAL);
}

function fromFields(day: unknown, month: unknown, year: unknown): ValidationResult<Parts> {
  const fields = [day, month, year].map(fieldNumber);
  if (fields.some((field) => field === null)) return fail('invalid-format', NOT_REAL);
  const [d, m, y] = fields as Array<number | undefined>;
  if (y === undefined) {
    return d === undefined && m === undefined ? fail('missing', MISSING) : fail('invalid-format', 'Date of birth must include a year');
  }
  return ok({ year: y, month: m, day: d });
}

/** undefined for an empty field, null for a field that is not a whole number. */
function fieldNumber(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return undefined;
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
