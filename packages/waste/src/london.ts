// Waste rules are about UK calendar days, not UTC days: a report at 00:30 BST
// on the day after collection is a day later than its UTC date suggests.

export { londonDate, addCalendarDays as addDays } from '@councilkit/cases';

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of dateParts.formatToParts(instant)) out[part.type] = part.value;
  return out;
}

/** An instant as ISO 8601 with the Europe/London offset, e.g. `2026-07-01T09:00:00+01:00`. */
export function londonDateTime(instant: Date): string {
  const p = partsOf(instant);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}

/** Day of week of an ISO date, 0 = Sunday. */
export function weekdayOf(iso: string): number {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}

const spoken = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An ISO date as an agent would read it aloud: "Tuesday 3 March 2026". */
export function spokenDate(iso: string): string {
  return spoken.format(new Date(`${iso}T12:00:00Z`)).replace(',', '');
}
