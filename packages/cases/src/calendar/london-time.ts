/**
 * Wall-clock time in the UK (Europe/London) without Intl: British Summer Time
 * runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (the EU/UK rule in force since 1996). Working days are UK
 * days, so day boundaries must be UK midnights, not UTC ones.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function lastSundayAt1Utc(year: number, month: number): number {
  const last = Date.UTC(year, month, 0); // month is 1-based: day 0 of next month
  const wd = new Date(last).getUTCDay();
  return last - wd * DAY_MS + HOUR_MS;
}

const dstCache = new Map<number, readonly [number, number]>();

/** Offset of UK wall-clock time from UTC at an instant, in ms (0 or 3 600 000). */
export function londonOffsetMs(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  let range = dstCache.get(year);
  if (!range) {
    range = [lastSundayAt1Utc(year, 3), lastSundayAt1Utc(year, 10)];
    dstCache.set(year, range);
  }
  return instantMs >= range[0] && instantMs < range[1] ? HOUR_MS : 0;
}

/** The UK calendar date of an instant, as `YYYY-MM-DD`, and the wall-clock ms since UK midnight. */
export function toLondon(instantMs: number): { date: string; dayNumber: number; msIntoDay: number } {
  const wall = instantMs + londonOffsetMs(instantMs);
  const dayNumber = Math.floor(wall / DAY_MS);
  return { date: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10), dayNumber, msIntoDay: wall - dayNumber * DAY_MS };
}

/** The instant at which UK wall-clock time reads `msIntoDay` on day `dayNumber` (days since 1970-01-01). */
export function fromLondon(dayNumber: number, msIntoDay: number): number {
  const wall = dayNumber * DAY_MS + msIntoDay;
  const first = wall - londonOffsetMs(wall);
  return wall - londonOffsetMs(first);
}

/** Days since 1970-01-01 of an ISO date. */
export function isoToDayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** ISO date of a day number. */
export function dayNumberToIso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The UK (Europe/London) calendar date of an instant, as `YYYY-MM-DD`. A UTC
 * date is a day early for the first hour after midnight all summer, which
 * moves deadlines; use this wherever a rule speaks of "today".
 *
 * @example
 * ```ts
 * import { londonDate } from '@councilkit/cases';
 *
 * londonDate(new Date('2026-07-01T23:30:00Z')); // "2026-07-02" (00:30 BST)
 * ```
 */
export function londonDate(instant: Date): string {
  return toLondon(instant.getTime()).date;
}

/**
 * A `YYYY-MM-DD` date plus `days` calendar days (negative to go back).
 * Date-only arithmetic never meets a clock change. For working days use
 * {@link WorkingDayCalendar.addWorkingDays}.
 *
 * @example
 * ```ts
 * import { addCalendarDays } from '@councilkit/cases';
 *
 * addCalendarDays('2026-03-28', 14); // "2026-04-11"
 * ```
 */
export function addCalendarDays(date: string, days: number): string {
  return dayNumberToIso(isoToDayNumber(date) + days);
}

export { DAY_MS, HOUR_MS };
