import type {
  AccessDeniedRecord,
  CaseEvent,
  CaseRecord,
  IdempotencyRecord,
  OutboxMessage,
  TimerRecord,
} from '@councilkit/cases';

/** A row as the driver hands it back. */
export type Row = Record<string, unknown>;

// Both pg and PGlite hand timestamptz back as Date; the records keep ISO-8601
// UTC text so they sort as strings and survive JSON unchanged.
function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value !== null && value !== undefined) target[key] = value;
}

function isoIf(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : iso(value);
}

// pg returns bigint columns as text, PGlite as number.
function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function numIf(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : num(value);
}

/** A `cases` row as a {@link CaseRecord}. */
export function toCase(row: Row): CaseRecord {
  const record: CaseRecord = {
    id: row.id as string,
    caseType: row.case_type as string,
    caseTypeVersion: num(row.case_type_version),
    state: row.state as string,
    status: row.status as CaseRecord['status'],
    version: num(row.version),
    data: row.data as CaseRecord['data'],
    channel: row.channel as CaseRecord['channel'],
    openedAt: iso(row.opened_at),
    updatedAt: iso(row.updated_at),
    reopenCount: num(row.reopen_count),
    externalReferences: row.external_references as CaseRecord['externalReferences'],
    attachments: row.attachments as CaseRecord['attachments'],
  };
  setIf(record, 'citizenId', row.citizen_id as string | null);
  setIf(record, 'team', row.team as string | null);
  setIf(record, 'queue', row.queue as string | null);
  setIf(record, 'assignee', row.assignee as string | null);
  setIf(record, 'restrictedTo', row.restricted_to as string[] | null);
  setIf(record, 'resolvedAt', isoIf(row.resolved_at));
  setIf(record, 'closedAt', isoIf(row.closed_at));
  setIf(record, 'resolvedAtFirstContact', row.resolved_at_first_contact as boolean | null);
  setIf(record, 'slaMet', row.sla_met as boolean | null);
  setIf(record, 'handlingSeconds', numIf(row.handling_seconds));
  setIf(record, 'sla', row.sla as CaseRecord['sla'] | null);
  return record;
}

/** A `case_events` row as a {@link CaseEvent}. */
export function toEvent(row: Row): CaseEvent {
  const event: CaseEvent = {
    id: row.id as string,
    caseId: row.case_id as string,
    sequence: num(row.sequence),
    caseVersion: num(row.case_version),
    type: row.type as CaseEvent['type'],
    actorId: row.actor_id as string,
    actorTeams: row.actor_teams as string[],
    at: iso(row.at),
    payload: row.payload as CaseEvent['payload'],
  };
  setIf(event, 'channel', row.channel as CaseEvent['channel'] | null);
  setIf(event, 'from', row.from_state as string | null);
  setIf(event, 'to', row.to_state as string | null);
  setIf(event, 'idempotencyKey', row.idempotency_key as string | null);
  return event;
}

/** An `idempotency_keys` row as an {@link IdempotencyRecord}. */
export function toIdempotency(row: Row): IdempotencyRecord {
  return {
    key: row.key as string,
    fingerprint: Buffer.from(row.fingerprint_hex as string, 'hex').toString('utf8'),
    caseId: row.case_id as string,
    outcome: row.outcome as IdempotencyRecord['outcome'],
    createdAt: iso(row.created_at),
  };
}

/** A `timers` row as a {@link TimerRecord}. */
export function toTimer(row: Row): TimerRecord {
  const timer: TimerRecord = {
    id: row.id as string,
    caseId: row.case_id as string,
    kind: row.kind as TimerRecord['kind'],
    dueAt: iso(row.due_at),
    status: row.status as TimerRecord['status'],
    createdAt: iso(row.created_at),
  };
  setIf(timer, 'step', numIf(row.step));
  setIf(timer, 'leaseOwner', row.lease_owner as string | null);
  setIf(timer, 'leaseExpiresAt', isoIf(row.lease_expires_at));
  setIf(timer, 'firedAt', isoIf(row.fired_at));
  setIf(timer, 'latenessMs', numIf(row.lateness_ms));
  return timer;
}

/** An `outbox` row as an {@link OutboxMessage}. */
export function toOutbox(row: Row): OutboxMessage {
  const message: OutboxMessage = {
    id: row.id as string,
    caseId: row.case_id as string,
    caseType: row.case_type as string,
    destination: row.destination as string,
    operation: row.operation as string,
    payload: row.payload as OutboxMessage['payload'],
    idempotencyKey: row.idempotency_key as string,
    createdAt: iso(row.created_at),
    attempts: num(row.attempts),
    status: row.status as OutboxMessage['status'],
    nextAttemptAt: iso(row.next_attempt_at),
  };
  setIf(message, 'lastError', row.last_error as string | null);
  setIf(message, 'leaseOwner', row.lease_owner as string | null);
  setIf(message, 'leaseExpiresAt', isoIf(row.lease_expires_at));
  setIf(message, 'deliveredAt', isoIf(row.delivered_at));
  setIf(message, 'result', row.result as OutboxMessage['result'] | null);
  setIf(message, 'incidentReason', row.incident_reason as string | null);
  setIf(message, 'incidentAt', isoIf(row.incident_at));
  return message;
}

/** An `access_denied` row as an {@link AccessDeniedRecord}. */
export function toAccessDenied(row: Row): AccessDeniedRecord {
  const record: AccessDeniedRecord = {
    id: row.id as string,
    at: iso(row.at),
    actorId: row.actor_id as string,
    actorTeams: row.actor_teams as string[],
    action: row.action as string,
    caseType: row.case_type as string,
    reason: row.reason as string,
  };
  setIf(record, 'caseId', row.case_id as string | null);
  return record;
}
