// Test fixtures for this package's own tests (not exported from the entry point).
import type { CaseCommit, CaseEvent, CaseRecord, OutboxMessage, TimerRecord } from '@councilkit/cases';

export const T0 = '2026-01-05T09:00:00.000Z';

export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

export function caseRecord(id: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id,
    caseType: 'waste.missed-collection',
    caseTypeVersion: 1,
    state: 'received',
    status: 'open',
    version: 1,
    data: { uprn: '100023336956', bins: ['green'] },
    channel: 'phone',
    team: 'waste',
    queue: 'missed',
    openedAt: T0,
    updatedAt: T0,
    reopenCount: 0,
    sla: { startedAt: T0, warningAt: at(60 * 24), breachAt: at(60 * 48), pausedWorkingMs: 0 },
    externalReferences: [],
    attachments: [],
    ...overrides,
  };
}

export function event(caseId: string, sequence: number, overrides: Partial<CaseEvent> = {}): CaseEvent {
  return {
    id: `${caseId}-e${sequence}`,
    caseId,
    sequence,
    caseVersion: sequence,
    type: sequence === 1 ? 'opened' : 'transitioned',
    actorId: 'agent-1',
    actorTeams: ['contact-centre'],
    at: at(sequence),
    payload: {},
    ...overrides,
  };
}

export function timer(caseId: string, id: string, dueAt: string, overrides: Partial<TimerRecord> = {}): TimerRecord {
  return { id, caseId, kind: 'sla-breach', dueAt, status: 'pending', createdAt: T0, ...overrides };
}

export function message(caseId: string, id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id,
    caseId,
    caseType: 'waste.missed-collection',
    destination: 'waste',
    operation: 'reportMissedCollection',
    payload: { uprn: '100023336956' },
    idempotencyKey: `${id}-key`,
    createdAt: T0,
    attempts: 0,
    status: 'pending',
    nextAttemptAt: T0,
    ...overrides,
  };
}

/** The commit that opens a case at version 1. */
export function openCommit(id: string, overrides: Partial<CaseCommit> = {}): CaseCommit {
  return { case: caseRecord(id), expectedVersion: 0, events: [event(id, 1)], ...overrides };
}

/** The commit that moves a case from `version` to `version + 1`. */
export function transitionCommit(current: CaseRecord, to: string, overrides: Partial<CaseCommit> = {}): CaseCommit {
  const version = current.version + 1;
  return {
    case: { ...current, state: to, version, updatedAt: at(version) },
    expectedVersion: current.version,
    events: [event(current.id, version, { from: current.state, to, payload: { transition: to } })],
    ...overrides,
  };
}
