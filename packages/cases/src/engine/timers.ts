/**
 * Firing one durable timer: SLA warning, SLA breach or an escalation step.
 * The scheduler claims timers; this decides what, if anything, each one does.
 */
import type { Actor, CaseEvent, CaseRecord, JsonObject, TimerRecord } from '../records.js';
import { ConflictError } from '../store-port.js';
import type { EngineInternals, TimerOutcome } from './engine.js';
import { dueAt } from './sla.js';
import { copyRecord } from './transition.js';

/** Fire a claimed timer; see {@link CaseEngine.fireTimer}. */
export async function fireTimer(internals: EngineInternals, timer: TimerRecord, workerId: string): Promise<TimerOutcome> {
  const { registry, store, calendar, clock, newId, systemRole } = internals;
    const actor: Actor = { id: `system:${workerId}`, teams: [], roles: [systemRole] };
    // A timer firing races agents' commands; on a version conflict, read again and retry.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const now = clock.now();
      const completion = {
        id: timer.id,
        workerId,
        firedAt: now.toISOString(),
        latenessMs: Math.max(0, now.getTime() - Date.parse(timer.dueAt)),
      };
      const current = await store.getCase(timer.caseId);
      const skip = async (): Promise<TimerOutcome> => {
        await store.completeTimer(completion);
        return 'skipped';
      };
      if (!current || current.status !== 'open' || current.sla === undefined || current.sla.pausedAt !== undefined) return skip();
      const caseType = registry.get(current.caseType)?.get(current.caseTypeVersion);
      if (!caseType) return skip();
      const sla = current.sla;
      if (timer.kind === 'sla-warning' && sla.warnedAt !== undefined) return skip();
      if (timer.kind === 'sla-breach' && sla.breachedAt !== undefined) return skip();
      if (timer.kind === 'escalation' && (timer.step === undefined || (sla.escalationLevel ?? 0) >= timer.step)) return skip();
      // A timer claimed just before a pause/resume moved the clock is stale: its replacement fires instead.
      const step = timer.kind === 'escalation' ? caseType.escalation[(timer.step as number) - 1] : undefined;
      const currentDue =
        timer.kind === 'sla-warning' ? sla.warningAt : timer.kind === 'sla-breach' ? sla.breachAt : step ? dueAt(calendar, sla, step.after) : undefined;
      if (currentDue !== timer.dueAt) return skip();

      const record = copyRecord(current);
      const nextSla = record.sla as NonNullable<CaseRecord['sla']>;
      let type: CaseEvent['type'];
      const payload: JsonObject = { timerId: timer.id, dueAt: timer.dueAt, latenessMs: completion.latenessMs };
      if (timer.kind === 'sla-warning') {
        type = 'sla-warning';
        nextSla.warnedAt = completion.firedAt;
      } else if (timer.kind === 'sla-breach') {
        type = 'sla-breached';
        nextSla.breachedAt = completion.firedAt;
      } else {
        type = 'escalated';
        nextSla.escalationLevel = timer.step as number;
        payload.step = timer.step as number;
        if (step) {
          payload.title = step.title;
          if (step.moveTo) {
            record.team = step.moveTo.team;
            if (step.moveTo.queue === undefined) delete record.queue;
            else record.queue = step.moveTo.queue;
            payload.moveTo = { ...step.moveTo };
          }
        }
      }
      const version = current.version + 1;
      record.version = version;
      record.updatedAt = completion.firedAt;
      try {
        await store.commit({
          case: record,
          expectedVersion: current.version,
          events: [
            {
              id: newId(),
              caseId: current.id,
              sequence: version,
              caseVersion: version,
              type,
              actorId: actor.id,
              actorTeams: [],
              at: completion.firedAt,
              payload,
            },
          ],
          completeTimers: [completion],
        });
        return 'fired';
      } catch (error) {
        if (error instanceof ConflictError && error.reason === 'version-conflict') continue;
        throw error;
      }
    }
    // Still racing after several tries: leave the claim to lapse so a later tick retries.
    return 'skipped';
}
