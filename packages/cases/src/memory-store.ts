import type {
  AccessDeniedRecord,
  CaseEvent,
  CaseRecord,
  IdempotencyRecord,
  OutboxMessage,
  TimerRecord,
} from './records.js';
import { ConflictError, ERASED_MARKERS, pseudonymisationProblem } from './store-port.js';
import type { CaseQuery, CaseStore, TimerCompletion } from './store-port.js';

/**
 * Options for {@link createMemoryStore}.
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ copy: true });
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * Copy records in and out so callers can never change stored data by
   * mutating what they hold. Default: `true`. Turn off only in benchmarks.
   */
  copy?: boolean;
}

/**
 * Deep copy for the plain JSON-shaped records of the port. Much faster than
 * structuredClone for small objects, which matters on the hot command path.
 */
function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}

// Shape-aware copies: spreading known fields is several times faster than a generic deep copy.
function copyCase(record: CaseRecord): CaseRecord {
  const out: CaseRecord = {
    ...record,
    data: cloneJson(record.data),
    externalReferences: record.externalReferences.length === 0 ? [] : record.externalReferences.map((r) => ({ ...r })),
    attachments: record.attachments.length === 0 ? [] : record.attachments.map((a) => ({ ...a })),
  };
  if (record.sla) out.sla = { ...record.sla };
  if (record.restrictedTo) out.restrictedTo = [...record.restrictedTo];
  return out;
}

function copyEvent(event: CaseEvent): CaseEvent {
  return { ...event, actorTeams: [...event.actorTeams], payload: cloneJson(event.payload) };
}

function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** True when a query matches a case. */
function matches(record: CaseRecord, query: CaseQuery): boolean {
  if (query.caseType !== undefined && record.caseType !== query.caseType) return false;
  if (query.citizenId !== undefined && record.citizenId !== query.citizenId) return false;
  if (query.statuses !== undefined && !query.statuses.includes(record.status)) return false;
  if (query.states !== undefined && !query.states.includes(record.state)) return false;
  if (query.team !== undefined && record.team !== query.team) return false;
  if (query.queue !== undefined && record.queue !== query.queue) return false;
  if (query.assignee !== undefined && record.assignee !== query.assignee) return false;
  if (query.channel !== undefined && record.channel !== query.channel) return false;
  if (query.breachAtOrBefore !== undefined) {
    const breachAt = record.sla?.breachAt;
    if (breachAt === undefined || record.sla?.pausedAt !== undefined || breachAt > query.breachAtOrBefore) return false;
  }
  if (query.openedFrom !== undefined && record.openedAt < query.openedFrom) return false;
  if (query.openedBefore !== undefined && record.openedAt >= query.openedBefore) return false;
  if (query.resolvedFrom !== undefined && (record.resolvedAt === undefined || record.resolvedAt < query.resolvedFrom)) return false;
  if (query.resolvedBefore !== undefined && (record.resolvedAt === undefined || record.resolvedAt >= query.resolvedBefore)) return false;
  if (query.externalReference !== undefined) {
    const { system, reference } = query.externalReference;
    if (!record.externalReferences.some((r) => r.system === system && r.reference === reference)) return false;
  }
  return true;
}

function byOpened(a: CaseRecord, b: CaseRecord): number {
  return a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function leaseLive(owner: string | undefined, expires: string | undefined, now: string): boolean {
  return owner !== undefined && expires !== undefined && expires > now;
}

/**
 * Create an in-memory {@link CaseStore}: the full port (commits with version
 * checks, idempotency, timers with leases, the outbox, cursors and queries)
 * with the same semantics as the SQL stores. Data lives as long as the object,
 * so two engines on one memory store behave like two processes on one database.
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
 *
 * const store = createMemoryStore();
 * const engine = createCaseEngine({ store, caseTypes: [missedBin], calendar: createWorkingDayCalendar() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): CaseStore {
  const same = <T>(value: T): T => value;
  const copy: <T>(value: T) => T = options.copy === false ? same : cloneJson;
  const copyCaseRecord = options.copy === false ? same : copyCase;
  const copyCaseEvent = options.copy === false ? same : copyEvent;
  const cases = new Map<string, CaseRecord>();
  const events = new Map<string, CaseEvent[]>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const timers = new Map<string, TimerRecord>();
  const outbox = new Map<string, OutboxMessage>();
  const accessDenied: AccessDeniedRecord[] = [];
  const cursors = new Map<string, string>();

  function completeOne(completion: TimerCompletion): boolean {
    const timer = timers.get(completion.id);
    if (!timer || timer.status !== 'claimed' || timer.leaseOwner !== completion.workerId) return false;
    timer.status = 'fired';
    timer.firedAt = completion.firedAt;
    timer.latenessMs = completion.latenessMs;
    delete timer.leaseOwner;
    delete timer.leaseExpiresAt;
    return true;
  }

  function leased(id: string, workerId: string): OutboxMessage | undefined {
    const message = outbox.get(id);
    if (!message || message.status !== 'pending' || message.leaseOwner !== workerId) return undefined;
    return message;
  }

  return {
    async commit(commit) {
      // Every check happens before any write, all in one synchronous block: atomic.
      const next = commit.case;
      const current = cases.get(next.id);
      const actual = current?.version ?? 0;
      if (commit.expectedVersion === 0 && current) {
        throw new ConflictError('case-exists', `Case ${next.id} already exists`, {
          caseId: next.id,
          expectedVersion: 0,
          actualVersion: actual,
        });
      }
      if (actual !== commit.expectedVersion) {
        throw new ConflictError(
          'version-conflict',
          `Case ${next.id} is at version ${actual}, not ${commit.expectedVersion}: reload it and try again`,
          { caseId: next.id, expectedVersion: commit.expectedVersion, actualVersion: actual },
        );
      }
      if (next.version !== commit.expectedVersion + 1) {
        throw new RangeError(`Commit for case ${next.id} must set version ${commit.expectedVersion + 1}, not ${next.version}`);
      }
      if (commit.idempotency && idempotency.has(commit.idempotency.key)) {
        throw new ConflictError('idempotency-key-taken', `Idempotency key ${commit.idempotency.key} was already used`, {
          caseId: next.id,
          expectedVersion: commit.expectedVersion,
          actualVersion: actual,
        });
      }

      cases.set(next.id, copyCaseRecord(next));
      const history = events.get(next.id) ?? [];
      for (const event of commit.events) history.push(copyCaseEvent(event));
      events.set(next.id, history);
      if (commit.idempotency) idempotency.set(commit.idempotency.key, copy(commit.idempotency));
      if (commit.cancelTimers) {
        const kinds = commit.cancelTimers.kinds;
        for (const timer of timers.values()) {
          if (timer.caseId !== next.id || (timer.status !== 'pending' && timer.status !== 'claimed')) continue;
          if (kinds && !kinds.includes(timer.kind)) continue;
          timer.status = 'cancelled';
          delete timer.leaseOwner;
          delete timer.leaseExpiresAt;
        }
      }
      for (const timer of commit.scheduleTimers ?? []) timers.set(timer.id, { ...copy(timer), status: 'pending' });
      for (const completion of commit.completeTimers ?? []) completeOne(completion);
      for (const message of commit.outbox ?? []) outbox.set(message.id, { ...copy(message), status: 'pending' });
    },

    async pseudonymiseCase(input) {
      // Checked in full before anything changes, in one synchronous block, like a commit.
      const next = input.case;
      const actual = cases.get(next.id)?.version ?? 0;
      if (actual !== input.expectedVersion) {
        throw new ConflictError(
          'version-conflict',
          `Case ${next.id} is at version ${actual}, not ${input.expectedVersion}: read it again and redo the pseudonymisation`,
          { caseId: next.id, expectedVersion: input.expectedVersion, actualVersion: actual },
        );
      }
      const stored = events.get(next.id) ?? [];
      const problem = pseudonymisationProblem(input, stored);
      if (problem) throw new RangeError(problem);
      const replacements = new Map(input.events.map((event) => [event.id, event]));
      cases.set(next.id, copyCase(next));
      events.set(next.id, stored.map((event) => copyEvent(replacements.get(event.id) as CaseEvent)));
      for (const seen of idempotency.values()) if (seen.caseId === next.id) seen.fingerprint = ERASED_MARKERS.fingerprint;
      const now = new Date().toISOString();
      for (const message of outbox.values()) {
        if (message.caseId !== next.id) continue;
        message.payload = {};
        if (message.result !== undefined) message.result = {};
        if (message.lastError !== undefined) message.lastError = ERASED_MARKERS.text;
        if (message.incidentReason !== undefined) message.incidentReason = ERASED_MARKERS.text;
        if (message.status === 'pending') {
          message.status = 'incident';
          message.incidentReason = ERASED_MARKERS.incidentReason;
          message.incidentAt = now;
        }
        delete message.leaseOwner;
        delete message.leaseExpiresAt;
      }
    },

    async getCase(caseId) {
      const found = cases.get(caseId);
      return found ? copyCaseRecord(found) : undefined;
    },
    async listEvents(caseId) {
      return (events.get(caseId) ?? []).map(copyCaseEvent);
    },
    async findCases(query) {
      const found = [...cases.values()].filter((c) => matches(c, query)).sort(byOpened);
      const start = query.offset ?? 0;
      const end = query.limit === undefined ? undefined : start + query.limit;
      return found.slice(start, end).map(copyCaseRecord);
    },

    async getIdempotency(key) {
      const found = idempotency.get(key);
      return found ? copy(found) : undefined;
    },
    async loadForCommand({ caseId, idempotencyKey }) {
      const found = cases.get(caseId);
      const seen = idempotency.get(idempotencyKey);
      return { case: found ? copyCaseRecord(found) : undefined, idempotency: seen ? copy(seen) : undefined };
    },

    async recordAccessDenied(record) {
      accessDenied.push(copy(record));
    },
    async listAccessDenied(query = {}) {
      const found = accessDenied.filter(
        (r) => (query.caseId === undefined || r.caseId === query.caseId) && (query.actorId === undefined || r.actorId === query.actorId),
      );
      return copy(query.limit === undefined ? found : found.slice(0, query.limit));
    },

    async claimDueTimers({ workerId, now, limit, leaseMs }) {
      const due = [...timers.values()]
        .filter(
          (t) =>
            t.dueAt <= now &&
            (t.status === 'pending' || (t.status === 'claimed' && !leaseLive(t.leaseOwner, t.leaseExpiresAt, now))),
        )
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const timer of due) {
        timer.status = 'claimed';
        timer.leaseOwner = workerId;
        timer.leaseExpiresAt = plus(now, leaseMs);
      }
      return copy(due);
    },
    async completeTimer(completion) {
      return completeOne(completion);
    },
    async listTimers(query = {}) {
      return copy(
        [...timers.values()]
          .filter((t) => (query.caseId === undefined || t.caseId === query.caseId) && (query.statuses === undefined || query.statuses.includes(t.status)))
          .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0)),
      );
    },

    async claimOutbox({ workerId, now, limit, leaseMs, destinations }) {
      const due = [...outbox.values()]
        .filter(
          (m) =>
            m.status === 'pending' &&
            m.nextAttemptAt <= now &&
            !leaseLive(m.leaseOwner, m.leaseExpiresAt, now) &&
            (destinations === undefined || destinations.includes(m.destination)),
        )
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const message of due) {
        message.leaseOwner = workerId;
        message.leaseExpiresAt = plus(now, leaseMs);
        message.attempts += 1;
      }
      return copy(due);
    },
    async markDelivered({ id, workerId, at, result }) {
      const message = leased(id, workerId);
      if (!message) return false;
      message.status = 'delivered';
      message.deliveredAt = at;
      if (result !== undefined) message.result = copy(result);
      delete message.leaseOwner;
      delete message.leaseExpiresAt;
      return true;
    },
    async markFailed({ id, workerId, error, nextAttemptAt }) {
      const message = leased(id, workerId);
      if (!message) return false;
      message.lastError = error;
      message.nextAttemptAt = nextAttemptAt;
      delete message.leaseOwner;
      delete message.leaseExpiresAt;
      return true;
    },
    async markIncident({ id, workerId, reason, at }) {
      const message = leased(id, workerId);
      if (!message) return false;
      message.status = 'incident';
      message.incidentReason = reason;
      message.incidentAt = at;
      delete message.leaseOwner;
      delete message.leaseExpiresAt;
      return true;
    },
    async retryIncident({ id, nextAttemptAt }) {
      const message = outbox.get(id);
      if (!message || message.status !== 'incident') return false;
      message.status = 'pending';
      message.nextAttemptAt = nextAttemptAt;
      return true;
    },
    async listIncidents(query = {}) {
      const found = [...outbox.values()]
        .filter((m) => m.status === 'incident' && (query.destination === undefined || m.destination === query.destination))
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      return copy(query.limit === undefined ? found : found.slice(0, query.limit));
    },
    async getOutboxMessage(id) {
      const found = outbox.get(id);
      return found ? copy(found) : undefined;
    },
    async listOutbox(query = {}) {
      const found = [...outbox.values()]
        .filter(
          (m) =>
            (query.caseId === undefined || m.caseId === query.caseId) &&
            (query.destination === undefined || m.destination === query.destination) &&
            (query.statuses === undefined || query.statuses.includes(m.status)),
        )
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
      return copy(query.limit === undefined ? found : found.slice(0, query.limit));
    },

    async getCursor(name) {
      return cursors.get(name);
    },
    async setCursor(name, value) {
      cursors.set(name, value);
    },
  };
}
