import { z } from 'zod';
import { bankHolidays, NATIONS } from './bank-holidays.js';
import type { BankHoliday, Nation } from './bank-holidays.js';
import { DAY_MS, dayNumberToIso, fromLondon, isoToDayNumber, toLondon } from './london-time.js';

/**
 * Why the calendar refused a call.
 *
 * @example
 * ```ts
 * const reason: CalendarErrorReason = 'invalid-date';
 * ```
 */
export type CalendarErrorReason = 'invalid-date' | 'invalid-options' | 'invalid-amount';

/**
 * Thrown for a date the calendar cannot read, bad options or a bad amount.
 *
 * @example
 * ```ts
 * try {
 *   calendar.isWorkingDay('31/12/2026');
 * } catch (error) {
 *   if (error instanceof CalendarError) console.log(error.reason); // 'invalid-date'
 * }
 * ```
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  /** Why the call was refused. */
  readonly reason: CalendarErrorReason;

  constructor(reason: CalendarErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * A day the calendar accepts: an ISO date `YYYY-MM-DD`, or a `Date` (read as
 * its UK date, so 23:30 UTC on a summer evening is already the next day).
 *
 * @example
 * ```ts
 * const day: CalendarDate = '2026-12-25';
 * ```
 */
export type CalendarDate = string | Date;

/**
 * A council's own closure day (e.g. the office shuts between Christmas and New Year).
 *
 * @example
 * ```ts
 * const closure: Closure = { date: '2026-12-29', title: 'Council offices closed' };
 * ```
 */
export interface Closure {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Shown to agents. Default: `"Council closure"`. */
  title?: string;
}

/**
 * An amount of SLA time: working days (counted on UK working days, keeping the
 * wall-clock time of day) or elapsed hours.
 *
 * @example
 * ```ts
 * const twoDays: WorkingDuration = { workingDays: 2 };
 * const fourHours: WorkingDuration = { hours: 4 };
 * ```
 */
export type WorkingDuration = { workingDays: number } | { hours: number };

/**
 * Options for {@link createWorkingDayCalendar}.
 *
 * @example
 * ```ts
 * const options: WorkingDayCalendarOptions = { nation: 'scotland', closures: [{ date: '2026-12-29', title: 'Office closed' }] };
 * ```
 */
export interface WorkingDayCalendarOptions {
  /** Whose bank holidays apply. Default: `'england-and-wales'`. */
  nation?: Nation;
  /** The council's own closure days, on top of bank holidays. Default: none. */
  closures?: readonly (string | Closure)[];
  /** Weekdays the council works, 0 = Sunday ... 6 = Saturday. Default: Monday to Friday. */
  workingWeekdays?: readonly number[];
}

/**
 * UK working-day arithmetic for one nation and one council.
 *
 * @example
 * ```ts
 * const calendar = createWorkingDayCalendar({ nation: 'scotland' });
 * calendar.addWorkingDays('2025-11-28', 1); // '2025-12-02' (St Andrew's Day substitute on Monday 1 December)
 * ```
 */
export interface WorkingDayCalendar {
  /** The nation whose bank holidays apply. */
  readonly nation: Nation;
  /** True on a working weekday that is neither a bank holiday nor a closure. */
  isWorkingDay(date: CalendarDate): boolean;
  /** The bank holiday or closure on that day, if any. */
  holidayOn(date: CalendarDate): BankHoliday | undefined;
  /** Bank holidays and closures in a year, in date order. */
  holidays(year: number): BankHoliday[];
  /** The date `days` working days after `date` (before it when negative). `0` gives `date` itself. */
  addWorkingDays(date: CalendarDate, days: number): string;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CalendarDate): string;
  /** Working days `d` with `from < d <= to` (negative when `to` is before `from`). */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number;
  /**
   * The instant an SLA amount after `start` ends. Working days keep the UK
   * wall-clock time and skip non-working days (a start on a non-working day
   * counts from the next working day's midnight); hours are elapsed hours.
   */
  addWorkingTime(start: Date, amount: WorkingDuration): Date;
  /** Working time between two instants, in fractional working days (0 when `to <= from`). */
  workingTimeBetween(from: Date, to: Date): number;
}

const isoDate = z.iso.date();

const optionsSchema = z.object({
  nation: z.enum(NATIONS as [Nation, ...Nation[]]).default('england-and-wales'),
  closures: z
    .array(z.union([isoDate, z.object({ date: isoDate, title: z.string().min(1).optional() })]))
    .default([]),
  workingWeekdays: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]),
});

function dayNumberOf(date: CalendarDate): number {
  if (date instanceof Date) {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new CalendarError('invalid-date', 'The date is not a valid Date');
    return toLondon(ms).dayNumber;
  }
  if (typeof date !== 'string' || !isoDate.safeParse(date).success) {
    throw new CalendarError('invalid-date', `Expected an ISO date like 2026-01-31, got ${JSON.stringify(date)}`);
  }
  return isoToDayNumber(date);
}

function checkWhole(days: number): void {
  if (!Number.isInteger(days)) throw new CalendarError('invalid-amount', `Working days must be a whole number, got ${days}`);
}

/**
 * Create a UK working-day calendar: bank holidays for England & Wales,
 * Scotland or Northern Ireland (substitute days included), plus the council's
 * own closures.
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar } from '@councilkit/cases';
 *
 * const calendar = createWorkingDayCalendar({ nation: 'england-and-wales', closures: ['2026-12-29'] });
 * calendar.isWorkingDay('2023-05-08'); // false: coronation bank holiday
 * calendar.addWorkingDays('2026-12-24', 1); // '2026-12-30' (25th, 28th holidays; 29th closure)
 * ```
 */
export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new CalendarError(
      'invalid-options',
      `Invalid calendar options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { nation, workingWeekdays } = parsed.data;
  const weekdays = new Set(workingWeekdays);
  const closures = new Map<string, BankHoliday>();
  for (const c of parsed.data.closures) {
    const closure = typeof c === 'string' ? { date: c } : c;
    closures.set(closure.date, { date: closure.date, title: closure.title ?? 'Council closure', substitute: false });
  }

  const holidayIndex = new Map<number, Map<string, BankHoliday>>();
  function holidaysOfYear(year: number): Map<string, BankHoliday> {
    let index = holidayIndex.get(year);
    if (!index) {
      index = new Map(bankHolidays(nation, year).map((h) => [h.date, h]));
      holidayIndex.set(year, index);
    }
    return index;
  }

  const workingCache = new Map<number, boolean>();
  function isWorkingDayNumber(n: number): boolean {
    const cached = workingCache.get(n);
    if (cached !== undefined) return cached;
    const iso = dayNumberToIso(n);
    const wd = new Date(n * DAY_MS).getUTCDay();
    const working = weekdays.has(wd) && !holidaysOfYear(Number(iso.slice(0, 4))).has(iso) && !closures.has(iso);
    workingCache.set(n, working);
    return working;
  }

  function addDays(start: number, days: number): number {
    let n = start;
    let left = Math.abs(days);
    const step = days < 0 ? -1 : 1;
    while (left > 0) {
      n += step;
      if (isWorkingDayNumber(n)) left -= 1;
    }
    return n;
  }

  function nextWorking(n: number): number {
    let next = n + 1;
    while (!isWorkingDayNumber(next)) next += 1;
    return next;
  }

  return {
    nation,
    isWorkingDay: (date) => isWorkingDayNumber(dayNumberOf(date)),
    holidayOn(date) {
      const iso = dayNumberToIso(dayNumberOf(date));
      return closures.get(iso) ?? holidaysOfYear(Number(iso.slice(0, 4))).get(iso);
    },
    holidays(year) {
      const own = [...closures.values()].filter((c) => c.date.startsWith(`${year}-`));
      return [...holidaysOfYear(year).values(), ...own].sort((a, b) => a.date.localeCompare(b.date));
    },
    addWorkingDays(date, days) {
      checkWhole(days);
      return dayNumberToIso(addDays(dayNumberOf(date), days));
    },
    nextWorkingDay: (date) => dayNumberToIso(nextWorking(dayNumberOf(date))),
    workingDaysBetween(from, to) {
      const a = dayNumberOf(from);
      const b = dayNumberOf(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let n = lo + 1; n <= hi; n += 1) if (isWorkingDayNumber(n)) count += 1;
      return count * sign;
    },
    addWorkingTime(start, amount) {
      const startMs = start.getTime();
      if (Number.isNaN(startMs)) throw new CalendarError('invalid-date', 'The start is not a valid Date');
      if ('hours' in amount) {
        if (!Number.isFinite(amount.hours) || amount.hours < 0) {
          throw new CalendarError('invalid-amount', `Hours must be zero or more, got ${amount.hours}`);
        }
        return new Date(startMs + amount.hours * 3_600_000);
      }
      let left = amount.workingDays;
      if (!Number.isFinite(left) || left < 0) {
        throw new CalendarError('invalid-amount', `Working days must be zero or more, got ${left}`);
      }
      const here = toLondon(startMs);
      let day = here.dayNumber;
      let fraction = here.msIntoDay / DAY_MS;
      if (!isWorkingDayNumber(day)) {
        day = nextWorking(day);
        fraction = 0;
      }
      // Walk whole working days; the remainder lands inside the final day.
      for (;;) {
        const rest = 1 - fraction;
        if (left <= rest) return new Date(fromLondon(day, Math.round((fraction + left) * DAY_MS)));
        left -= rest;
        day = nextWorking(day);
        fraction = 0;
      }
    },
    workingTimeBetween(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      if (Number.isNaN(a) || Number.isNaN(b)) throw new CalendarError('invalid-date', 'Expected valid Dates');
      if (b <= a) return 0;
      const start = toLondon(a);
      const end = toLondon(b);
      let total = 0;
      for (let n = start.dayNumber; n <= end.dayNumber; n += 1) {
        if (!isWorkingDayNumber(n)) continue;
        const lo = n === start.dayNumber ? start.msIntoDay / DAY_MS : 0;
        const hi = n === end.dayNumber ? end.msIntoDay / DAY_MS : 1;
        total += Math.max(0, hi - lo);
      }
      return total;
    },
  };
}
