/**
 * The state move. Everything here is pure: it takes a case and returns the
 * next case plus what the commit must carry (event, outbox messages, timer
 * changes). No I/O, so every rule is testable on its own.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { CaseType, GuardContext } from '../define-case-type.js';
import type { Actor, CaseEvent, CaseRecord, JsonObject, OutboxMessage, TimerKind, TimerRecord } from '../records.js';
import { CaseError } from './errors.js';
import { planTimers } from './sla.js';

/** What one command changes, before the engine stamps ids and versions on it. */
export interface Draft {
  record: CaseRecord;
  event: Pick<CaseEvent, 'type' | 'from' | 'to' | 'payload'> & { channel?: CaseEvent['channel'] };
  outbox: OutboxMessage[];
  cancelTimers?: { kinds?: readonly TimerKind[] };
  scheduleTimers: TimerRecord[];
}

/** Inputs every move needs. */
export interface MoveContext<T extends JsonObject> {
  caseType: CaseType<T>;
  calendar: WorkingDayCalendar;
  actor: Actor;
  now: string;
  newId: () => string;
}

/** Shallow-copy a record deep enough that the draft never shares mutable parts with the stored one. */
export function copyRecord(record: CaseRecord): CaseRecord {
  return {
    ...record,
    data: { ...record.data },
    externalReferences: [...record.externalReferences],
    attachments: [...record.attachments],
    ...(record.sla ? { sla: { ...record.sla } } : {}),
  };
}

/** Stop the SLA clock. Returns false when it was already stopped or there is no clock. */
export function pauseClock(record: CaseRecord, now: string): boolean {
  if (!record.sla || record.sla.pausedAt !== undefined) return false;
  record.sla.pausedAt = now;
  return true;
}

/** Restart the SLA clock, adding the paused time to every target. */
export function resumeClock(record: CaseRecord, now: string, calendar: WorkingDayCalendar): boolean {
  const sla = record.sla;
  if (!sla || sla.pausedAt === undefined) return false;
  const from = new Date(sla.pausedAt);
  const to = new Date(now);
  sla.pausedWorkingMs += Math.max(0, to.getTime() - from.getTime());
  sla.pausedWorkingDays = (sla.pausedWorkingDays ?? 0) + calendar.workingTimeBetween(from, to);
  delete sla.pausedAt;
  return true;
}

/**
 * Put a draft's case into state `to`: owner, status, resolution stamps, and
 * the SLA clock (pausing states stop it, leaving them restarts it, finishing
 * cancels the timers).
 */
export function enterState<T extends JsonObject>(
  draft: Draft,
  ctx: MoveContext<T>,
  to: string,
  resolvesAtFirstContact: boolean,
): void {
  const { caseType, calendar, now } = ctx;
  const record = draft.record;
  const before = caseType.states[record.state];
  const target = caseType.states[to];
  const wasOpen = record.status === 'open';
  record.state = to;
  if (target?.owner) {
    record.team = target.owner.team;
    if (target.owner.queue === undefined) delete record.queue;
    else record.queue = target.owner.queue;
  }
  record.status = target?.terminal ? 'closed' : target?.resolved ? 'resolved' : 'open';

  if (record.status !== 'open') {
    if (wasOpen) {
      const sla = record.sla;
      if (sla) {
        const stillRunning = sla.pausedAt !== undefined || sla.breachAt === undefined || now <= sla.breachAt;
        if (sla.pausedAt !== undefined) resumeClock(record, now, calendar);
        if (caseType.sla?.breach) record.slaMet = sla.breachedAt === undefined && stillRunning;
      }
      record.resolvedAt = now;
      record.resolvedAtFirstContact = resolvesAtFirstContact;
      // Timers are only ever planned on a running clock, so a case without one
      // has none to cancel, and its commit skips the timer update.
      if (sla) draft.cancelTimers = {};
    }
    if (record.status === 'closed') record.closedAt = now;
    return;
  }

  if (target?.pausesSla && pauseClock(record, now)) {
    draft.cancelTimers = {};
  } else if (before?.pausesSla && !target?.pausesSla && resumeClock(record, now, calendar)) {
    draft.cancelTimers = {};
    draft.scheduleTimers.push(...planTimers(caseType, calendar, record, now, ctx.newId));
  }
}

/** The transitions leaving the case's current state that go to a state matching `wanted`. */
export function transitionsTo<T extends JsonObject>(
  caseType: CaseType<T>,
  state: string,
  wanted: (target: string) => boolean,
): string[] {
  return caseType.transitionsFrom(state).filter((name) => {
    const to = caseType.transitions[name]?.to;
    return to !== undefined && wanted(to);
  });
}

/**
 * Move a case along a named transition: check it leaves the current state,
 * run its guards (first refusal wins), run its effects (data updates, outbox
 * messages), then enter the target state.
 *
 * Throws {@link CaseError} with `unknown-transition`, `transition-not-allowed`,
 * `guard-refused` or `invalid-data`.
 */
export function applyTransition<T extends JsonObject>(
  ctx: MoveContext<T>,
  current: CaseRecord,
  transitionName: string,
  payload: JsonObject,
): Draft {
  const { caseType } = ctx;
  const transition = Object.hasOwn(caseType.transitions, transitionName) ? caseType.transitions[transitionName] : undefined;
  if (!transition) {
    throw new CaseError('unknown-transition', `${caseType.name} v${caseType.version} has no transition "${transitionName}"`, {
      caseId: current.id,
    });
  }
  if (!caseType.transitionsFrom(current.state).includes(transitionName)) {
    const allowed = caseType.transitionsFrom(current.state);
    throw new CaseError(
      'transition-not-allowed',
      `"${transitionName}" cannot be used from state "${current.state}"${allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : ''}`,
      { caseId: current.id },
    );
  }
  const guardContext: GuardContext<T> = {
    case: current,
    data: current.data as T,
    payload,
    actor: ctx.actor,
    transition: transitionName,
    now: new Date(ctx.now),
  };
  for (const guardName of transition.guards ?? []) {
    const guard = caseType.guards[guardName];
    const verdict = guard ? guard(guardContext) : `guard "${guardName}" is missing`;
    if (verdict !== true) {
      throw new CaseError('guard-refused', typeof verdict === 'string' ? verdict : `Refused by ${guardName}`, {
        caseId: current.id,
        guard: guardName,
      });
    }
  }

  const draft: Draft = {
    record: copyRecord(current),
    event: { type: 'transitioned', from: current.state, to: transition.to, payload: { transition: transitionName } },
    outbox: [],
    scheduleTimers: [],
  };
  if (Object.keys(payload).length > 0) draft.event.payload.payload = payload;

  const effectsRun: string[] = [];
  for (const effectName of transition.effects ?? []) {
    const effect = caseType.effects[effectName];
    if (!effect) continue;
    effectsRun.push(effectName);
    if (effect.kind === 'update-data') {
      draft.record.data = { ...draft.record.data, ...effect.update(guardContext) };
      continue;
    }
    const messagePayload = effect.payload
      ? effect.payload(guardContext)
      : { caseId: current.id, caseType: current.caseType, data: draft.record.data, payload };
    draft.outbox.push({
      id: ctx.newId(),
      caseId: current.id,
      caseType: current.caseType,
      destination: effect.destination,
      operation: effect.operation,
      payload: messagePayload,
      // Stable per case version and effect, so a destination can de-duplicate a redelivery.
      idempotencyKey: `${current.id}:${current.version + 1}:${effectName}`,
      createdAt: ctx.now,
      attempts: 0,
      status: 'pending',
      nextAttemptAt: ctx.now,
    });
  }
  if (effectsRun.length > 0) draft.event.payload.effects = effectsRun;
  if (draft.outbox.length > 0) draft.event.payload.outbox = draft.outbox.map((m) => m.id);
  if (transition.effects?.some((name) => caseType.effects[name]?.kind === 'update-data')) {
    const checked = caseType.schema.safeParse(draft.record.data);
    if (!checked.success) {
      throw new CaseError('invalid-data', `Effects left invalid data: ${checked.error.issues.map((i) => i.message).join('; ')}`, {
        caseId: current.id,
      });
    }
    draft.record.data = checked.data;
  }

  enterState(draft, ctx, transition.to, transition.resolvesAtFirstContact === true);
  if (draft.record.status !== current.status) {
    if (draft.record.status === 'resolved') draft.event.type = 'resolved';
    if (draft.record.status === 'closed') draft.event.type = 'closed';
  }
  return draft;
}
