import type { WorkingDayCalendar, WorkingDuration } from '../calendar/calendar.js';
import type { CaseType } from '../define-case-type.js';
import type { CaseRecord, CaseSla, JsonObject, SlaState, TimerRecord } from '../records.js';

/** When an SLA amount ends for a clock, pauses excluded. */
export function dueAt(calendar: WorkingDayCalendar, sla: CaseSla, amount: WorkingDuration): string {
  const start = new Date(sla.startedAt);
  if ('hours' in amount) return new Date(start.getTime() + amount.hours * 3_600_000 + sla.pausedWorkingMs).toISOString();
  return calendar.addWorkingTime(start, { workingDays: amount.workingDays + (sla.pausedWorkingDays ?? 0) }).toISOString();
}

/** A fresh clock, or undefined when the case type has no SLA or escalation. */
export function startClock<T extends JsonObject>(caseType: CaseType<T>, now: string): CaseSla | undefined {
  if (!caseType.sla?.breach && !caseType.sla?.warning && caseType.escalation.length === 0) return undefined;
  return { startedAt: now, pausedWorkingMs: 0, pausedWorkingDays: 0 };
}

/**
 * Recompute due times and the timers still to fire. Fired targets are not
 * scheduled again, so a resumed case never warns twice.
 */
export function planTimers<T extends JsonObject>(
  caseType: CaseType<T>,
  calendar: WorkingDayCalendar,
  record: CaseRecord,
  now: string,
  newId: () => string,
): TimerRecord[] {
  const sla = record.sla;
  if (!sla) return [];
  if (caseType.sla?.warning) sla.warningAt = dueAt(calendar, sla, caseType.sla.warning);
  if (caseType.sla?.breach) sla.breachAt = dueAt(calendar, sla, caseType.sla.breach);
  if (sla.pausedAt !== undefined || record.status !== 'open') return [];
  const timers: TimerRecord[] = [];
  const timer = (kind: TimerRecord['kind'], due: string, step?: number): TimerRecord => ({
    id: newId(),
    caseId: record.id,
    kind,
    dueAt: due,
    status: 'pending',
    createdAt: now,
    ...(step === undefined ? {} : { step }),
  });
  if (sla.warningAt !== undefined && sla.warnedAt === undefined) timers.push(timer('sla-warning', sla.warningAt));
  if (sla.breachAt !== undefined && sla.breachedAt === undefined) timers.push(timer('sla-breach', sla.breachAt));
  caseType.escalation.forEach((step, index) => {
    if (index + 1 > (sla.escalationLevel ?? 0)) timers.push(timer('escalation', dueAt(calendar, sla, step.after), index + 1));
  });
  return timers;
}

/**
 * The SLA position of a case at `now`: open cases are on-track, warning,
 * breached or paused; finished cases met or missed their breach target.
 *
 * @example
 * ```ts
 * slaStateOf(record, new Date().toISOString()); // 'warning'
 * ```
 */
export function slaStateOf(record: CaseRecord, now: string): SlaState {
  const sla = record.sla;
  if (!sla || (sla.breachAt === undefined && sla.warningAt === undefined)) return 'none';
  if (record.status !== 'open') {
    if (record.slaMet === undefined) return 'none';
    return record.slaMet ? 'met' : 'missed';
  }
  if (sla.pausedAt !== undefined) return 'paused';
  if (sla.breachAt !== undefined && sla.breachAt <= now) return 'breached';
  if (sla.warningAt !== undefined && sla.warningAt <= now) return 'warning';
  return 'on-track';
}
