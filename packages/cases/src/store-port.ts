import type {
  AccessDeniedRecord,
  CaseEvent,
  CaseRecord,
  CaseStatus,
  Channel,
  IdempotencyRecord,
  JsonObject,
  OutboxMessage,
  OutboxStatus,
  TimerKind,
  TimerRecord,
} from './records.js';

/**
 * Why a store refused a write.
 *
 * - `version-conflict`: the case is not at `expectedVersion` (someone else moved it first).
 * - `case-exists`: `expectedVersion` was 0 but the case id is taken.
 * - `idempotency-key-taken`: another commit already recorded this idempotency key.
 *
 * @example
 * ```ts
 * if (error instanceof ConflictError && error.reason === 'version-conflict') reload();
 * ```
 */
export type ConflictReason = 'version-conflict' | 'case-exists' | 'idempotency-key-taken';

/**
 * Thrown by {@link CaseStore.commit} (and passed through by the engine) when a
 * write lost a race. Nothing from the refused commit is kept.
 *
 * @example
 * ```ts
 * try {
 *   await engine.transition({ actor, idempotencyKey: 'k1', caseId, transition: 'refer', expectedVersion: 3 });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.log(error.reason, error.actualVersion);
 * }
 * ```
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  /** Why the write was refused. */
  readonly reason: ConflictReason;
  /** Case involved. */
  readonly caseId: string;
  /** Version the writer expected. */
  readonly expectedVersion: number | undefined;
  /** Version found in the store, when known. */
  readonly actualVersion: number | undefined;

  constructor(
    reason: ConflictReason,
    message: string,
    details: { caseId: string; expectedVersion?: number; actualVersion?: number },
  ) {
    super(message);
    this.reason = reason;
    this.caseId = details.caseId;
    this.expectedVersion = details.expectedVersion;
    this.actualVersion = details.actualVersion;
  }
}

/**
 * Marks a claimed timer as fired, inside a commit or on its own.
 *
 * @example
 * ```ts
 * const done: TimerCompletion = { id: timer.id, workerId: 'w1', firedAt: now, latenessMs: 1200 };
 * ```
 */
export interface TimerCompletion {
  /** Timer id. */
  id: string;
  /** Worker that claimed it; a store ignores the completion if another worker holds the lease. */
  workerId: string;
  /** When it fired. */
  firedAt: string;
  /** How late it fired, in milliseconds. */
  latenessMs: number;
}

/**
 * Everything one command changes, applied atomically by {@link CaseStore.commit}:
 * all of it is kept, or none of it.
 *
 * Order of application: version check, idempotency check, case row upsert,
 * events append, timer cancellations, new timers, timer completions, outbox.
 *
 * @example
 * ```ts
 * await store.commit({ case: next, expectedVersion: next.version - 1, events: [event], outbox: [message] });
 * ```
 */
export interface CaseCommit {
  /** The case row after the command; `case.version` must equal `expectedVersion + 1`. */
  case: CaseRecord;
  /** Version the writer read; 0 to create a new case. */
  expectedVersion: number;
  /** Audit events to append; their `sequence` numbers continue the case's history. */
  events: readonly CaseEvent[];
  /** Idempotency record to keep; the commit fails with `idempotency-key-taken` if the key exists. */
  idempotency?: IdempotencyRecord;
  /** Cancel this case's `pending` and `claimed` timers, of these kinds (all kinds when omitted). */
  cancelTimers?: { kinds?: readonly TimerKind[] };
  /** New timers (status `pending`). */
  scheduleTimers?: readonly TimerRecord[];
  /** Claimed timers that fired as part of this commit. */
  completeTimers?: readonly TimerCompletion[];
  /** Outbox messages (status `pending`). */
  outbox?: readonly OutboxMessage[];
}

/**
 * What {@link CaseStore.pseudonymiseCase} writes: the case and its whole
 * history with personal data taken out (`pseudonymiseCaseRecord` from
 * `@councilkit/citizen/gdpr` makes them).
 *
 * `case.version` must be `expectedVersion + 1`, exactly as for a commit: an
 * engine still holding the old copy of the case (with the personal data) is
 * then refused with `version-conflict` instead of writing it back. The
 * erasure writes no event of its own (nothing in it may name the person), so
 * the version it takes has no event: the gap in `sequence` marks it. `events`
 * must be every stored event of the case, each with its stored `id`,
 * `sequence`, `caseVersion`, `type`, `at`, `channel`, `from` and `to`: only
 * `payload`, `actorId`, `actorTeams` and `idempotencyKey` may change, so
 * what happened and when (what metrics count) stays exactly as it was.
 *
 * @example
 * ```ts
 * const { record, history } = pseudonymiseCaseRecord(current, await store.listEvents(current.id), 'erased-5f1c');
 * await store.pseudonymiseCase({ case: { ...record, version: current.version + 1 }, events: history, expectedVersion: current.version });
 * ```
 */
export interface CasePseudonymisation {
  /** The case row without personal data; `version` must be `expectedVersion + 1`. */
  case: CaseRecord;
  /** Every event of the case, in any order, without personal data. */
  events: readonly CaseEvent[];
  /** Version the writer read; the write is refused with `version-conflict` if the case moved since. */
  expectedVersion: number;
}

/**
 * What {@link CaseStore.pseudonymiseCase} writes in place of personal data
 * outside the case and its events, the same in every store: idempotency
 * fingerprints become `fingerprint`; outbox last errors and incident reasons
 * become `text`; messages not yet delivered are parked with `incidentReason`.
 *
 * @example
 * ```ts
 * const parked = await store.listIncidents();
 * const erased = parked.filter((m) => m.incidentReason === ERASED_MARKERS.incidentReason);
 * ```
 */
export const ERASED_MARKERS = {
  fingerprint: 'erased',
  text: '[erased]',
  incidentReason: 'Personal data erased (UK GDPR Article 17): not sent',
} as const;

// Fields of an event erasure must leave as they are: what happened, when, and where it moved the case.
const FIXED_EVENT_FIELDS = ['caseId', 'sequence', 'caseVersion', 'type', 'at', 'channel', 'from', 'to'] as const;

/**
 * Why a {@link CasePseudonymisation} breaks the port's rules, or `undefined`
 * when it keeps them: `case.version` must be `expectedVersion + 1`, and the
 * events must be exactly the stored ones (same ids) with their fixed fields
 * unchanged. Stores call it with the events they hold, before writing.
 *
 * @example
 * ```ts
 * const problem = pseudonymisationProblem(input, await store.listEvents(input.case.id));
 * if (problem) throw new RangeError(problem);
 * ```
 */
export function pseudonymisationProblem(input: CasePseudonymisation, stored: readonly CaseEvent[]): string | undefined {
  const { case: next, expectedVersion, events } = input;
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1) return `expectedVersion must be a whole number of 1 or more, got ${expectedVersion}`;
  if (next.version !== expectedVersion + 1) return `case.version must be expectedVersion + 1 (${expectedVersion + 1}), got ${next.version}`;
  const byId = new Map(stored.map((event) => [event.id, event]));
  if (events.length !== stored.length) return `Case ${next.id} has ${stored.length} events; give every one of them, not ${events.length}`;
  for (const event of events) {
    const original = byId.get(event.id);
    if (!original) return `Event ${event.id} is not an event of case ${next.id}, or is given twice`;
    byId.delete(event.id);
    const changed = FIXED_EVENT_FIELDS.find((field) => event[field] !== original[field]);
    if (changed) return `Event ${event.id} changes ${changed}: erasure may only change payload, actorId, actorTeams and idempotencyKey`;
  }
  return undefined;
}

/**
 * Filter for {@link CaseStore.findCases}. Every field narrows; results come
 * ordered by `openedAt` then `id`, ascending.
 *
 * @example
 * ```ts
 * const mine = await store.findCases({ team: 'waste', queue: 'missed', statuses: ['open'] });
 * ```
 */
export interface CaseQuery {
  /** Case type name. */
  caseType?: string;
  /** Citizen id. */
  citizenId?: string;
  /** Any of these life-cycle statuses. */
  statuses?: readonly CaseStatus[];
  /** Any of these state names. */
  states?: readonly string[];
  /** Owning team. */
  team?: string;
  /** Owning queue. */
  queue?: string;
  /** Assignee actor id. */
  assignee?: string;
  /** Channel opened through. */
  channel?: Channel;
  /** Only cases whose SLA breach time is at or before this instant (and are not paused). */
  breachAtOrBefore?: string;
  /** Opened at or after this instant. */
  openedFrom?: string;
  /** Opened before this instant. */
  openedBefore?: string;
  /** Resolved at or after this instant. */
  resolvedFrom?: string;
  /** Resolved before this instant. */
  resolvedBefore?: string;
  /** Holds this external reference. */
  externalReference?: { system: string; reference: string };
  /** Skip this many matches. Default 0. */
  offset?: number;
  /** At most this many. Default: no limit. */
  limit?: number;
}

/**
 * What {@link CaseStore.loadForCommand} returns: the case and the idempotency
 * record, each `undefined` when absent, read together.
 *
 * @example
 * ```ts
 * const { case: current, idempotency } = await store.loadForCommand!({ caseId: 'case-1', idempotencyKey: 'k1' });
 * ```
 */
export interface CommandSnapshot {
  /** The case, or `undefined`. */
  case: CaseRecord | undefined;
  /** The remembered outcome of the idempotency key, or `undefined`. */
  idempotency: IdempotencyRecord | undefined;
}

/**
 * Claim request for timers or outbox messages: claim up to `limit` items that
 * are due at `now` and not leased by a live claim, for `leaseMs`.
 *
 * @example
 * ```ts
 * const request: ClaimRequest = { workerId: 'scheduler-1', now: new Date().toISOString(), limit: 50, leaseMs: 30_000 };
 * ```
 */
export interface ClaimRequest {
  /** The claiming worker. */
  workerId: string;
  /** The claimer's idea of now. */
  now: string;
  /** Maximum items. */
  limit: number;
  /** Lease length in milliseconds. */
  leaseMs: number;
}

/**
 * Claim request for outbox messages, optionally for some destinations only.
 *
 * @example
 * ```ts
 * const request: OutboxClaimRequest = { workerId: 'dispatcher-1', now, limit: 20, leaseMs: 30_000, destinations: ['waste'] };
 * ```
 */
export interface OutboxClaimRequest extends ClaimRequest {
  /** Only these destinations. Default: all. */
  destinations?: readonly string[];
}

/**
 * Filter for {@link CaseStore.listOutbox}.
 *
 * @example
 * ```ts
 * const query: OutboxQuery = { caseId: 'case-1', statuses: ['pending'] };
 * ```
 */
export interface OutboxQuery {
  /** Case id. */
  caseId?: string;
  /** Destination. */
  destination?: string;
  /** Any of these statuses. */
  statuses?: readonly OutboxStatus[];
  /** At most this many (oldest first). */
  limit?: number;
}

/**
 * Filter for {@link CaseStore.listTimers}.
 *
 * @example
 * ```ts
 * const query: TimerQuery = { caseId: 'case-1', statuses: ['pending'] };
 * ```
 */
export interface TimerQuery {
  /** Case id. */
  caseId?: string;
  /** Any of these statuses. */
  statuses?: readonly TimerRecord['status'][];
}

/**
 * Filter for {@link CaseStore.listAccessDenied}.
 *
 * @example
 * ```ts
 * const query: AccessDeniedQuery = { actorId: 'agent-7' };
 * ```
 */
export interface AccessDeniedQuery {
  /** Case id. */
  caseId?: string;
  /** Actor id. */
  actorId?: string;
  /** At most this many (oldest first). */
  limit?: number;
}

/**
 * The storage port of the case engine. The engine never talks to a database
 * directly; stores satisfy this contract, and `@councilkit/cases/testing`
 * checks that they do. Implementations: `createMemoryStore` here, and
 * PostgreSQL and PGlite in `@councilkit/store-postgres`.
 *
 * Every method returns copies: mutating a returned record never changes the store.
 * Claims behave like `SELECT ... FOR UPDATE SKIP LOCKED`: two concurrent
 * claimers never get the same item while its lease is live.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@councilkit/cases';
 *
 * const store: CaseStore = createMemoryStore();
 * const found = await store.getCase('case-1');
 * ```
 */
export interface CaseStore {
  /** Apply a {@link CaseCommit} atomically. Throws {@link ConflictError} when it lost a race. */
  commit(commit: CaseCommit): Promise<void>;

  /** One case, or `undefined`. */
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  /** The case's events, in `sequence` order. */
  listEvents(caseId: string): Promise<CaseEvent[]>;
  /** Cases matching a query. */
  findCases(query: CaseQuery): Promise<CaseRecord[]>;

  /** The remembered outcome of an idempotency key, or `undefined`. */
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Optional: the case and the idempotency record in one read (one round trip
   * on a SQL store). The engine uses it when present, so a command costs one
   * read and one commit; without it the engine calls {@link CaseStore.getIdempotency}
   * then {@link CaseStore.getCase}. Must answer exactly as those two would.
   */
  loadForCommand?(input: { caseId: string; idempotencyKey: string }): Promise<CommandSnapshot>;

  /** Keep an access-denied audit row. */
  recordAccessDenied(record: AccessDeniedRecord): Promise<void>;
  /** Access-denied audit rows, oldest first. */
  listAccessDenied(query?: AccessDeniedQuery): Promise<AccessDeniedRecord[]>;

  /** Claim due timers (`pending` with `dueAt <= now`, or `claimed` with a lapsed lease), oldest due first. */
  claimDueTimers(request: ClaimRequest): Promise<TimerRecord[]>;
  /** Mark a claimed timer fired outside a case commit (e.g. its case is gone). Returns false if the worker no longer holds it. */
  completeTimer(completion: TimerCompletion): Promise<boolean>;
  /** Timers matching a query, by `dueAt`. */
  listTimers(query?: TimerQuery): Promise<TimerRecord[]>;

  /** Claim due outbox messages (`pending`, `nextAttemptAt <= now`, no live lease), oldest first; increments `attempts`. */
  claimOutbox(request: OutboxClaimRequest): Promise<OutboxMessage[]>;
  /** Mark a leased message delivered. Returns false if the worker no longer holds the lease. */
  markDelivered(input: { id: string; workerId: string; at: string; result?: JsonObject }): Promise<boolean>;
  /** Record a failed attempt and when to retry; releases the lease. Returns false if the worker no longer holds the lease. */
  markFailed(input: { id: string; workerId: string; error: string; nextAttemptAt: string }): Promise<boolean>;
  /** Park a leased message as an incident for a person to look at. Returns false if the worker no longer holds the lease. */
  markIncident(input: { id: string; workerId: string; reason: string; at: string }): Promise<boolean>;
  /** Put an incident back to `pending`, due at `nextAttemptAt`. Returns false if it is not an incident. */
  retryIncident(input: { id: string; nextAttemptAt: string }): Promise<boolean>;
  /** Messages parked as incidents, oldest first. */
  listIncidents(query?: { destination?: string; limit?: number }): Promise<OutboxMessage[]>;
  /** One outbox message, or `undefined`. */
  getOutboxMessage(id: string): Promise<OutboxMessage | undefined>;
  /** Outbox messages matching a query, oldest first. */
  listOutbox(query?: OutboxQuery): Promise<OutboxMessage[]>;

  /**
   * Erasure (UK GDPR Article 17): replace a case and every event of it by
   * their pseudonymised versions, atomically and version-checked (a case
   * that moved since it was read is refused with {@link ConflictError}
   * `version-conflict`, and nothing is written). In the same write the store
   * removes what else it holds about the case that can carry personal data:
   * outbox payloads and delivery results are emptied, their last error and
   * incident reason replaced, and messages not yet delivered are parked as
   * incidents so an emptied payload is never sent; idempotency fingerprints
   * (which hold the command body) are replaced, so a replay of an old key is
   * refused rather than answered. Timers and access-denied rows hold no
   * personal data (ids, kinds, times, team names) and are kept.
   *
   * This is the only write that may change history. The audit trail is
   * otherwise append-only; Article 17 overrides that for personal data, while
   * the facts (which event, when, which states) stay. The engine never calls
   * it: `createErasure` in `@councilkit/citizen/gdpr` does, through an
   * `ErasureStore` (such as `createSqlErasureStore` in `@councilkit/store-postgres`).
   */
  pseudonymiseCase(input: CasePseudonymisation): Promise<void>;

  /** A named cursor (e.g. a status-sync `since` mark), or `undefined`. */
  getCursor(name: string): Promise<string | undefined>;
  /** Set a named cursor. */
  setCursor(name: string, value: string): Promise<void>;
}
