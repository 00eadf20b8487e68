/**
 * UK bank holidays for each nation. Regular holidays are computed from the
 * rules in the Banking and Financial Dealings Act 1971 and the annual royal
 * proclamations; the snapshot below records every day that broke those rules
 * (moved or one-off days), taken from the official GOV.UK bank holiday lists.
 * Tests check the result against official dates for 2018-2030.
 */

/**
 * A UK nation with its own bank holidays.
 *
 * @example
 * ```ts
 * const nation: Nation = 'scotland';
 * ```
 */
export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** Every nation. @example `NATIONS.length // 3` */
export const NATIONS: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/**
 * One non-working day: a bank holiday or a council's own closure.
 *
 * @example
 * ```ts
 * const day: BankHoliday = { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III', substitute: false };
 * ```
 */
export interface BankHoliday {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Name as GOV.UK gives it, or the council's closure title. */
  title: string;
  /** True when the day stands in for a holiday that fell on a weekend. */
  substitute: boolean;
}

/**
 * Years whose moved and one-off days are recorded in the snapshot. Later years follow the rules only.
 *
 * @example
 * ```ts
 * BANK_HOLIDAY_SNAPSHOT_YEARS.to; // 2030
 * ```
 */
export const BANK_HOLIDAY_SNAPSHOT_YEARS = { from: 2018, to: 2030 } as const;

interface Override {
  /** Regular holiday to drop (moved days). */
  remove?: string;
  add?: { date: string; title: string };
}

// Moved and one-off days. The rules below cannot know about these.
const ALL_NATIONS_OVERRIDES: readonly Override[] = [
  // 75th anniversary of VE day: early May bank holiday moved from Monday 4 May.
  { remove: '2020-05-04', add: { date: '2020-05-08', title: 'Early May bank holiday (VE day)' } },
  // Platinum Jubilee: spring bank holiday moved from Monday 30 May, plus an extra day.
  { remove: '2022-05-30', add: { date: '2022-06-02', title: 'Spring bank holiday' } },
  { add: { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' } },
  { add: { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' } },
  { add: { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' } },
];

const OVERRIDES: Record<Nation, readonly Override[]> = {
  'england-and-wales': ALL_NATIONS_OVERRIDES,
  scotland: ALL_NATIONS_OVERRIDES,
  'northern-ireland': ALL_NATIONS_OVERRIDES,
};

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a calendar date. */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoFromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
function weekday(n: number): number {
  return new Date(n * DAY_MS).getUTCDay();
}

/** Easter Sunday by the Gregorian computus (anonymous algorithm). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

function firstMonday(year: number, month: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayNumber(year, month + 1, 0);
  return last - ((weekday(last) + 6) % 7);
}

interface Fixed {
  day: number;
  title: string;
}

/**
 * Fixed-date holidays that fall on a weekend move to the next weekday that is
 * not already a holiday, taken in date order: this reproduces the GOV.UK
 * substitute days for Christmas/Boxing Day and 1/2 January pairs.
 */
function withSubstitutes(fixed: readonly Fixed[], movable: readonly Fixed[]): BankHoliday[] {
  const taken = new Set<number>(movable.map((m) => m.day));
  const fixedDays = new Set<number>(fixed.filter((f) => weekday(f.day) !== 0 && weekday(f.day) !== 6).map((f) => f.day));
  const out: { day: number; title: string; substitute: boolean }[] = movable.map((m) => ({ ...m, substitute: false }));
  for (const f of [...fixed].sort((x, y) => x.day - y.day)) {
    const wd = weekday(f.day);
    if (wd !== 0 && wd !== 6) {
      out.push({ day: f.day, title: f.title, substitute: false });
      taken.add(f.day);
      continue;
    }
    let candidate = f.day + 1;
    while (weekday(candidate) === 0 || weekday(candidate) === 6 || taken.has(candidate) || fixedDays.has(candidate)) {
      candidate += 1;
    }
    taken.add(candidate);
    out.push({ day: candidate, title: `${f.title} (substitute day)`, substitute: true });
  }
  return out
    .sort((x, y) => x.day - y.day)
    .map((h) => ({ date: isoFromDayNumber(h.day), title: h.title, substitute: h.substitute }));
}

function regularHolidays(nation: Nation, year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const movable: Fixed[] = [
    { day: easter - 2, title: 'Good Friday' },
    { day: firstMonday(year, 5), title: 'Early May bank holiday' },
    { day: lastMonday(year, 5), title: 'Spring bank holiday' },
  ];
  const fixed: Fixed[] = [
    { day: dayNumber(year, 1, 1), title: 'New Year’s Day' },
    { day: dayNumber(year, 12, 25), title: 'Christmas Day' },
    { day: dayNumber(year, 12, 26), title: 'Boxing Day' },
  ];
  if (nation === 'scotland') {
    movable.push({ day: firstMonday(year, 8), title: 'Summer bank holiday' });
    fixed.push({ day: dayNumber(year, 1, 2), title: '2nd January' });
    fixed.push({ day: dayNumber(year, 11, 30), title: 'St Andrew’s Day' });
  } else {
    movable.push({ day: easter + 1, title: 'Easter Monday' });
    movable.push({ day: lastMonday(year, 8), title: 'Summer bank holiday' });
  }
  if (nation === 'northern-ireland') {
    fixed.push({ day: dayNumber(year, 3, 17), title: 'St Patrick’s Day' });
    fixed.push({ day: dayNumber(year, 7, 12), title: 'Battle of the Boyne (Orangemen’s Day)' });
  }
  return withSubstitutes(fixed, movable);
}

const cache = new Map<string, readonly BankHoliday[]>();

/**
 * The bank holidays of one nation in one year, in date order.
 *
 * @example
 * ```ts
 * bankHolidays('england-and-wales', 2022).map((h) => h.date);
 * // ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']
 * ```
 */
export function bankHolidays(nation: Nation, year: number): readonly BankHoliday[] {
  const key = `${nation}:${year}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let days = regularHolidays(nation, year);
  for (const override of OVERRIDES[nation]) {
    if (override.remove?.startsWith(`${year}-`)) days = days.filter((d) => d.date !== override.remove);
    if (override.add?.date.startsWith(`${year}-`)) days.push({ ...override.add, substitute: false });
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(key, days);
  return days;
}
