/**
 * The plain records a case store keeps. They are JSON-friendly on purpose:
 * every instant is an ISO-8601 UTC string made by `Date.prototype.toISOString()`
 * (so they sort as text), and every payload is a plain JSON object, so a SQL
 * store can keep them in `timestamptz` and `jsonb` columns without loss.
 */

/**
 * How the resident reached the council. Drives cost to serve.
 *
 * @example
 * ```ts
 * const channel: Channel = 'web';
 * ```
 */
export type Channel = 'phone' | 'web' | 'face-to-face' | 'email';

/** Every channel, in a stable order. @example `CHANNELS.includes('phone') // true` */
export const CHANNELS: readonly Channel[] = ['phone', 'web', 'face-to-face', 'email'];

/**
 * A JSON object payload. Stores keep it as-is (a SQL store uses `jsonb`).
 *
 * @example
 * ```ts
 * const payload: JsonObject = { bins: ['green'], note: 'left at gate' };
 * ```
 */
export type JsonObject = Record<string, unknown>;

/**
 * Who is acting: an agent, a resident on the portal, or a system worker.
 *
 * @example
 * ```ts
 * const actor: Actor = { id: 'agent-42', teams: ['contact-centre'], roles: ['agent'] };
 * ```
 */
export interface Actor {
  /** Stable identifier of the person or system. */
  id: string;
  /** Teams the actor belongs to. Access policies match on these. */
  teams: readonly string[];
  /** Optional roles, for council-specific policies. */
  roles?: readonly string[];
}

/**
 * Where a case sits in its life, derived from the flags on its current state:
 * `resolved` states set `resolved`, `terminal` states set `closed`.
 *
 * @example
 * ```ts
 * const status: CaseStatus = 'open';
 * ```
 */
export type CaseStatus = 'open' | 'resolved' | 'closed';

/**
 * The SLA position of a case at a moment in time.
 *
 * @example
 * ```ts
 * const state: SlaState = 'warning';
 * ```
 */
export type SlaState = 'on-track' | 'warning' | 'breached' | 'paused' | 'met' | 'missed' | 'none';

/**
 * The SLA clock of one case, as stored.
 *
 * @example
 * ```ts
 * const sla: CaseSla = { startedAt: '2026-01-05T09:00:00.000Z', warningAt: '2026-01-06T09:00:00.000Z', breachAt: '2026-01-07T09:00:00.000Z', pausedWorkingMs: 0 };
 * ```
 */
export interface CaseSla {
  /** When the clock started (case opened, or reopened). */
  startedAt: string;
  /** When the SLA warning falls due; absent when the case type has no warning target. */
  warningAt?: string;
  /** When the SLA is breached; absent when the case type has no breach target. */
  breachAt?: string;
  /** Set while the clock is stopped (waiting for the citizen). */
  pausedAt?: string;
  /** Total clock time spent paused, in milliseconds of elapsed time (extends hour-based targets). */
  pausedWorkingMs: number;
  /** Total working time spent paused, in fractional working days (extends working-day targets). Default 0. */
  pausedWorkingDays?: number;
  /** Set once the warning timer fired. */
  warnedAt?: string;
  /** Set once the breach timer fired. */
  breachedAt?: string;
  /** Highest escalation step fired so far (1-based); absent when none. */
  escalationLevel?: number;
}

/**
 * A reference the case holds in another system (e.g. a back-office job number).
 *
 * @example
 * ```ts
 * const ref: ExternalReference = { system: 'waste', reference: 'JOB-123', recordedAt: '2026-01-05T09:00:00.000Z' };
 * ```
 */
export interface ExternalReference {
  /** Name of the other system, e.g. `waste` or `revenues`. */
  system: string;
  /** The other system's identifier. */
  reference: string;
  /** When the reference was recorded. */
  recordedAt: string;
}

/**
 * A file attached to a case. The bytes live elsewhere; the case keeps the pointer.
 *
 * @example
 * ```ts
 * const file: Attachment = { id: 'att-1', name: 'photo.jpg', contentType: 'image/jpeg', uri: 's3://bucket/photo.jpg', addedAt: '2026-01-05T09:00:00.000Z', addedBy: 'agent-42' };
 * ```
 */
export interface Attachment {
  /** Identifier unique within the case. */
  id: string;
  /** File name as shown to agents. */
  name: string;
  /** MIME type. */
  contentType: string;
  /** Where the bytes are kept. */
  uri: string;
  /** When it was attached. */
  addedAt: string;
  /** Actor id who attached it. */
  addedBy: string;
}

/**
 * One case, as a store keeps it. `version` starts at 1 on open and goes up by
 * exactly one on every commit: it is the optimistic concurrency token.
 *
 * @example
 * ```ts
 * const found: CaseRecord | undefined = await store.getCase('case-1');
 * found?.state; // 'received'
 * ```
 */
export interface CaseRecord {
  /** Case identifier. */
  id: string;
  /** Case type name, e.g. `waste.missed-collection`. */
  caseType: string;
  /** Definition version the case is pinned to. */
  caseTypeVersion: number;
  /** Current state name. */
  state: string;
  /** Life-cycle status derived from the current state. */
  status: CaseStatus;
  /** Concurrency token: 1 after open, +1 per commit. */
  version: number;
  /** The case data, valid against the case type's schema. */
  data: JsonObject;
  /** Channel the case was opened through. */
  channel: Channel;
  /** The citizen this case is about, when known. */
  citizenId?: string;
  /** Team that owns the current state. */
  team?: string;
  /** Queue within the team for the current state. */
  queue?: string;
  /** Actor id currently working the case. */
  assignee?: string;
  /** Teams allowed to read and act on the case; absent means everyone. */
  restrictedTo?: readonly string[];
  /** When the case was opened. */
  openedAt: string;
  /** When the case was last changed. */
  updatedAt: string;
  /** When the case was (last) resolved. */
  resolvedAt?: string;
  /** When the case was closed. */
  closedAt?: string;
  /** True when the last resolution went through a transition marked as resolved at first contact. */
  resolvedAtFirstContact?: boolean;
  /** Whether the SLA breach target was met at the last resolution. */
  slaMet?: boolean;
  /** How many times the case was reopened. */
  reopenCount: number;
  /** Optional recorded handling time in seconds (agent effort), summed across commands. */
  handlingSeconds?: number;
  /** The SLA clock; absent when the case type has no SLA. */
  sla?: CaseSla;
  /** References held in other systems. */
  externalReferences: readonly ExternalReference[];
  /** Files attached. */
  attachments: readonly Attachment[];
}

/**
 * Kinds of audit event. Every command and every fired timer appends one.
 *
 * @example
 * ```ts
 * const type: CaseEventType = 'transitioned';
 * ```
 */
export type CaseEventType =
  | 'opened'
  | 'transitioned'
  | 'assigned'
  | 'claimed'
  | 'released'
  | 'note-added'
  | 'attached'
  | 'citizen-linked'
  | 'paused'
  | 'resumed'
  | 'resolved'
  | 'closed'
  | 'reopened'
  | 'external-reference-recorded'
  | 'migrated'
  | 'access-restricted'
  | 'access-restriction-lifted'
  | 'sla-warning'
  | 'sla-breached'
  | 'escalated';

/**
 * One append-only audit event. `sequence` is unique per case and increases
 * by one per event (a SQL store can put a unique index on `(caseId, sequence)`).
 * The engine writes exactly one event per commit, so `sequence` equals `caseVersion`.
 *
 * @example
 * ```ts
 * const history: CaseEvent[] = await store.listEvents('case-1');
 * history[0]?.type; // 'opened'
 * ```
 */
export interface CaseEvent {
  /** Event identifier. */
  id: string;
  /** The case it belongs to. */
  caseId: string;
  /** 1-based position within the case's history. */
  sequence: number;
  /** Case version after the commit that wrote this event. */
  caseVersion: number;
  /** What happened. */
  type: CaseEventType;
  /** Who did it (actor id; `system:<worker>` for timers). */
  actorId: string;
  /** Teams of the actor at the time. */
  actorTeams: readonly string[];
  /** When it happened. */
  at: string;
  /** Channel of the contact, when the event came from one. */
  channel?: Channel;
  /** State before, for state moves. */
  from?: string;
  /** State after, for state moves. */
  to?: string;
  /** Event-specific detail (note text, transition name, payload). */
  payload: JsonObject;
  /** Idempotency key of the command that produced it. */
  idempotencyKey?: string;
}

/**
 * The remembered outcome of a command, keyed by its idempotency key.
 *
 * @example
 * ```ts
 * const seen = await store.getIdempotency('key-1');
 * seen?.fingerprint; // hash of the first command body
 * ```
 */
export interface IdempotencyRecord {
  /** The caller's idempotency key. */
  key: string;
  /** Stable fingerprint of the command name and body, to spot key reuse for a different command. */
  fingerprint: string;
  /** Case the command touched. */
  caseId: string;
  /** The first outcome, returned again on repeats. */
  outcome: JsonObject;
  /** When first recorded. */
  createdAt: string;
}

/**
 * Kinds of durable timer.
 *
 * @example
 * ```ts
 * const kind: TimerKind = 'sla-breach';
 * ```
 */
export type TimerKind = 'sla-warning' | 'sla-breach' | 'escalation';

/**
 * Life of a timer row. `pending` timers are claimable once due; a `claimed`
 * timer whose lease expired is claimable again.
 *
 * @example
 * ```ts
 * const status: TimerStatus = 'fired';
 * ```
 */
export type TimerStatus = 'pending' | 'claimed' | 'fired' | 'cancelled';

/**
 * A durable timer: data, not an in-process `setTimeout`, so it survives restarts.
 *
 * @example
 * ```ts
 * const due: TimerRecord[] = await store.claimDueTimers({ workerId: 'w1', now: new Date().toISOString(), limit: 10, leaseMs: 30_000 });
 * ```
 */
export interface TimerRecord {
  /** Timer identifier. */
  id: string;
  /** Case it belongs to. */
  caseId: string;
  /** What it does when it fires. */
  kind: TimerKind;
  /** When it falls due. */
  dueAt: string;
  /** Current status. */
  status: TimerStatus;
  /** Escalation step (1-based) for `escalation` timers. */
  step?: number;
  /** Worker holding the claim. */
  leaseOwner?: string;
  /** When the claim lapses. */
  leaseExpiresAt?: string;
  /** When it fired. */
  firedAt?: string;
  /** How late it fired, in milliseconds after `dueAt`. */
  latenessMs?: number;
  /** When it was scheduled. */
  createdAt: string;
}

/**
 * Life of an outbox message. `pending` includes messages waiting for a retry.
 *
 * @example
 * ```ts
 * const status: OutboxStatus = 'incident';
 * ```
 */
export type OutboxStatus = 'pending' | 'delivered' | 'incident';

/**
 * A message to a back-office system, written in the same commit as the case
 * change that caused it (the transactional outbox), and delivered later by
 * `@councilkit/connect`'s dispatcher.
 *
 * @example
 * ```ts
 * const [message] = await store.claimOutbox({ workerId: 'dispatcher-1', now: new Date().toISOString(), limit: 1, leaseMs: 30_000 });
 * message?.operation; // 'reportMissedCollection'
 * ```
 */
export interface OutboxMessage {
  /** Message identifier. */
  id: string;
  /** Case that caused it. */
  caseId: string;
  /** Case type of that case. */
  caseType: string;
  /** Destination adapter name, e.g. `waste`. */
  destination: string;
  /** Operation on the destination, e.g. `reportMissedCollection`. */
  operation: string;
  /** What to send. */
  payload: JsonObject;
  /** Key the destination uses to de-duplicate deliveries. */
  idempotencyKey: string;
  /** When it was written. */
  createdAt: string;
  /** Delivery attempts started so far (incremented on each claim). */
  attempts: number;
  /** Current status. */
  status: OutboxStatus;
  /** Earliest time the next attempt may start. */
  nextAttemptAt: string;
  /** Last delivery error. */
  lastError?: string;
  /** Worker holding the delivery lease. */
  leaseOwner?: string;
  /** When the lease lapses. */
  leaseExpiresAt?: string;
  /** When it was delivered. */
  deliveredAt?: string;
  /** The destination's answer, kept for status sync. */
  result?: JsonObject;
  /** Why it was parked as an incident. */
  incidentReason?: string;
  /** When it was parked as an incident. */
  incidentAt?: string;
}

/**
 * An audit row for a refused read or command (access policy).
 *
 * @example
 * ```ts
 * const refused = await store.listAccessDenied({ caseId: 'case-1' });
 * refused[0]?.action; // 'getCase'
 * ```
 */
export interface AccessDeniedRecord {
  /** Row identifier. */
  id: string;
  /** When it was refused. */
  at: string;
  /** Who tried. */
  actorId: string;
  /** Their teams. */
  actorTeams: readonly string[];
  /** Command or query name, e.g. `getCase` or `transition`. */
  action: string;
  /** Case type involved. */
  caseType: string;
  /** Case involved, when known. */
  caseId?: string;
  /** Why it was refused, for the audit reader. */
  reason: string;
}
