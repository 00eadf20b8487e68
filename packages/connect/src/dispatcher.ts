import type { Actor, CaseStore, OutboxMessage } from '@councilkit/cases';
import { z } from 'zod';
import type { BackOfficeHandle } from './back-office.js';
import { defaultRetryPolicy, planRetry } from './backoff.js';
import type { RetryPolicy } from './backoff.js';
import { circuitOnFailure, circuitOnSuccess, circuitPermits, closedCircuit, defaultCircuitBreakerPolicy } from './circuit-breaker.js';
import type { CircuitBreakerPolicy, CircuitState } from './circuit-breaker.js';
import type { Clock, ConnectEngine } from './engine-port.js';
import { systemClock } from './engine-port.js';
import { isCaseRefusal, withConflictRetry } from './engine-errors.js';
import { ConnectError, describeIssues } from './errors.js';
import { parseRetryAfter } from './problem.js';

/**
 * The store operations the dispatcher uses: the outbox part of `CaseStore`, plus cursors.
 *
 * @example
 * ```ts
 * const store: DispatcherStore = createMemoryStore();
 * ```
 */
export type DispatcherStore = Pick<
  CaseStore,
  'claimOutbox' | 'markDelivered' | 'markFailed' | 'markIncident' | 'retryIncident' | 'listIncidents' | 'getOutboxMessage' | 'getCursor' | 'setCursor'
>;

/**
 * Options for {@link createDispatcher}.
 *
 * @example
 * ```ts
 * const options: DispatcherOptions = { store, engine, backOffices: [waste], workerId: `dispatcher-${process.pid}` };
 * ```
 */
export interface DispatcherOptions {
  /** The case store holding the outbox (any `CaseStore`). */
  store: DispatcherStore;
  /** The case engine, to record back-office references and notes on cases. */
  engine: ConnectEngine;
  /** The back offices this dispatcher delivers to. It only claims messages for these destinations. */
  backOffices: ReadonlyArray<BackOfficeHandle>;
  /** Unique per running dispatcher: the lease owner. Several dispatchers can share one store. */
  workerId: string;
  /** Where time comes from. Default: the system clock. */
  clock?: Clock;
  /** Retry policy. Defaults: `maxAttempts` 8, `baseMs` 1000, `maxMs` 300000. */
  retry?: Partial<RetryPolicy>;
  /** Circuit breaker per back office. Defaults: `failureThreshold` 5, `openMs` 30000. */
  circuitBreaker?: Partial<CircuitBreakerPolicy>;
  /** Messages claimed per batch. Default `20`. */
  batchSize?: number;
  /** Deliveries in flight at once within a batch. Default `8`. */
  concurrency?: number;
  /** Lease length in milliseconds; a delivery is cut off before its lease lapses. Default `60000`. */
  leaseMs?: number;
  /**
   * Who the dispatcher acts as on cases. Default `{ id: 'system:dispatcher', teams: [], roles: ['system'] }`
   * (the system role passes case-type team restrictions). Keep it the same on every worker: the engine
   * fingerprints commands with the actor, so a redelivery by another worker must look identical.
   */
  actor?: Actor;
  /** Source of randomness for jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Told about every outcome, for logs and metrics. Must not throw. */
  onEvent?: (event: DispatchEvent) => void;
}

/**
 * One outcome, reported through {@link DispatcherOptions.onEvent}.
 *
 * @example
 * ```ts
 * createDispatcher({ ...options, onEvent: (event) => { if (event.type === 'incident') alertSupervisors(event.message.caseId, event.reason); } });
 * ```
 */
export type DispatchEvent =
  | { type: 'delivered'; message: OutboxMessage; reference: string | undefined }
  | { type: 'retry-scheduled'; message: OutboxMessage; error: string; nextAttemptAt: string }
  | { type: 'incident'; message: OutboxMessage; reason: string }
  | { type: 'deferred'; message: OutboxMessage; nextAttemptAt: string; why: 'circuit-open' }
  | { type: 'lease-lost'; message: OutboxMessage }
  | { type: 'circuit'; backOffice: string; state: CircuitState }
  | { type: 'error'; error: unknown };

/**
 * What one {@link Dispatcher.dispatchOnce} did.
 *
 * @example
 * ```ts
 * const report: DispatchReport = await dispatcher.dispatchOnce();
 * console.log(`${report.delivered} delivered, ${report.retried} to retry, ${report.incidents} incidents`);
 * ```
 */
export interface DispatchReport {
  /** Messages claimed. */
  claimed: number;
  /** Delivered. */
  delivered: number;
  /** Failed and scheduled for another attempt. */
  retried: number;
  /** Parked as incidents. */
  incidents: number;
  /** Put back unsent because the circuit opened during the batch (the store still counted the claim as an attempt). */
  deferred: number;
  /** Outcomes not recorded because another worker took the lease over. */
  leaseLost: number;
}

/**
 * An outbox message parked for a supervisor, as {@link Dispatcher.incidents} lists it.
 *
 * @example
 * ```ts
 * for (const incident of await dispatcher.incidents({ destination: 'waste' })) console.log(incident.caseId, incident.reason);
 * ```
 */
export interface Incident {
  /** The outbox message id (pass it to {@link Dispatcher.retryIncident}). */
  messageId: string;
  /** The case it belongs to. */
  caseId: string;
  /** Back office it was going to. */
  destination: string;
  /** Outbox operation. */
  operation: string;
  /** Why it was parked, readable by a supervisor. */
  reason: string;
  /** When it was parked. */
  at: string | undefined;
  /** Delivery attempts so far. */
  attempts: number;
}

/**
 * The verbs of a dispatcher.
 *
 * @example
 * ```ts
 * const dispatcher: Dispatcher = createDispatcher(options);
 * await dispatcher.retryIncident({ messageId, actor: supervisor });
 * ```
 */
export interface Dispatcher {
  /** Claim one batch of due messages and deliver them. Safe to call from several processes at once. */
  dispatchOnce(): Promise<DispatchReport>;
  /** Keep dispatching until {@link Dispatcher.stop}; an empty batch waits `idleMs` (default 1000) before the next claim. */
  start(options?: { idleMs?: number }): void;
  /** Stop the loop and wait for the batch in flight. */
  stop(): Promise<void>;
  /** Incidents for a supervisor, oldest first. */
  incidents(query?: { destination?: string; limit?: number }): Promise<Incident[]>;
  /** A supervisor retries an incident: it gets a fresh set of attempts, due now. Noted on the case. Returns false if it is not an incident. */
  retryIncident(input: { messageId: string; actor: Actor }): Promise<boolean>;
  /** Circuit state per back office, as data. */
  circuits(): Record<string, CircuitState>;
}

const optionsSchema = z.object({
  workerId: z.string().min(1),
  retry: z
    .object({ maxAttempts: z.number().int().min(1).optional(), baseMs: z.number().min(0).optional(), maxMs: z.number().min(0).optional() })
    .optional(),
  circuitBreaker: z.object({ failureThreshold: z.number().int().min(1).optional(), openMs: z.number().min(0).optional() }).optional(),
  batchSize: z.number().int().min(1).optional(),
  concurrency: z.number().int().min(1).optional(),
  leaseMs: z.number().int().min(100).optional(),
  backOffices: z.array(z.object({ name: z.string(), deliver: z.function() }, { error: 'each back office must come from defineBackOffice' })),
});

/** Cursor name under which a supervisor retry remembers the attempts already spent. */
const retryBaseCursor = (messageId: string) => `connect:retry-base:${messageId}`;

/**
 * Create the outbox dispatcher: it claims due outbox messages with a lease,
 * delivers each through its back office with the message's idempotency key,
 * retries retryable failures with exponential backoff and full jitter
 * (honouring `Retry-After`), pauses a back office that keeps failing
 * (circuit breaker), and parks a message as an incident, noted on the case,
 * after its last attempt or at once on a permanent rejection. On success it
 * records the back office's reference on the case.
 *
 * All delivery state lives in the store, so a dispatcher killed mid-delivery
 * loses nothing: the lease lapses, another worker redelivers with the same
 * idempotency key, and the back office answers with its first result.
 *
 * @throws {@link ConnectError} with reason `invalid-options`.
 * @example
 * ```ts
 * import { createMemoryStore, createCaseEngine } from '@councilkit/cases';
 * import { createDispatcher } from '@councilkit/connect';
 *
 * const dispatcher = createDispatcher({
 *   store,
 *   engine,
 *   backOffices: [waste],
 *   workerId: 'dispatcher-1',
 *   retry: { maxAttempts: 6, baseMs: 1000, maxMs: 60_000 },
 *   circuitBreaker: { failureThreshold: 5, openMs: 30_000 },
 * });
 * dispatcher.start();
 * // later, on shutdown
 * await dispatcher.stop();
 * ```
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) throw new ConnectError('invalid-options', `Invalid dispatcher options: ${describeIssues(checked.error.issues)}`);
  const { store, engine, workerId } = options;
  const clock = options.clock ?? systemClock;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const breakerPolicy: CircuitBreakerPolicy = { ...defaultCircuitBreakerPolicy, ...options.circuitBreaker };
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  const actor: Actor = options.actor ?? { id: 'system:dispatcher', teams: [], roles: ['system'] };
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => {});
  const byName = new Map<string, BackOfficeHandle>();
  for (const backOffice of options.backOffices) {
    if (byName.has(backOffice.name)) throw new ConnectError('invalid-options', `Two back offices are named "${backOffice.name}"`);
    byName.set(backOffice.name, backOffice);
  }
  // Breaker state is advisory and per process: losing it on restart only means a few extra calls to a sick back office.
  const circuits = new Map<string, CircuitState>([...byName.keys()].map((name) => [name, closedCircuit]));

  const setCircuit = (name: string, next: CircuitState) => {
    const previous = circuits.get(name);
    circuits.set(name, next);
    if (previous?.state !== next.state) emit({ type: 'circuit', backOffice: name, state: next });
  };

  const nowMs = () => clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  async function note(message: OutboxMessage, key: string, text: string) {
    try {
      await withConflictRetry(() => engine.addNote({ actor, idempotencyKey: `${message.idempotencyKey}:${key}`, caseId: message.caseId, text }));
    } catch {
      // The outbox row already carries the reason; a failed note must not undo the incident.
    }
  }

  async function park(message: OutboxMessage, reason: string, report: DispatchReport) {
    const ok = await store.markIncident({ id: message.id, workerId, reason, at: iso(nowMs()) });
    if (!ok) return lost(message, report);
    report.incidents += 1;
    emit({ type: 'incident', message, reason });
    await note(message, `incident:${message.attempts}`, `Could not send to ${byName.get(message.destination)?.title ?? message.destination}: ${reason}`);
  }

  function lost(message: OutboxMessage, report: DispatchReport) {
    report.leaseLost += 1;
    emit({ type: 'lease-lost', message });
  }

  // Only called after a failure, so the extra read does not slow the happy path; not keyed on incidentAt, which a store may clear on retry.
  async function attemptsThisRound(message: OutboxMessage): Promise<number> {
    const base = Number((await store.getCursor(retryBaseCursor(message.id))) ?? '0');
    return message.attempts - (Number.isFinite(base) ? base : 0);
  }

  async function recordReference(message: OutboxMessage, system: string, reference: string) {
    // The engine may lose an optimistic-concurrency race with an agent working the case; the command is idempotent, so try again.
    await withConflictRetry(() =>
      engine.recordExternalReference({ actor, idempotencyKey: `${message.idempotencyKey}:reference`, caseId: message.caseId, system, reference }),
    );
  }

  async function deliverOne(message: OutboxMessage, report: DispatchReport, claimedAt: number) {
    // The lease started at the claim, not when this message's turn came: a message that
    // waited behind slower ones gets only what is left, so no other worker can be
    // delivering it while this one still might.
    const budgetMs = Math.floor(leaseMs * 0.8 - (performance.now() - claimedAt));
    if (budgetMs <= 0) return; // Its lease lapses untouched and the next claim picks it up.
    const backOffice = byName.get(message.destination);
    if (!backOffice) {
      // Claims are filtered by destination, so this only happens if a store ignores the filter.
      await park(message, `No back office named "${message.destination}" is configured`, report);
      return;
    }
    const current = circuits.get(backOffice.name) ?? closedCircuit;
    if (current.state === 'open' && nowMs() < current.until) {
      const nextAttemptAt = iso(current.until);
      const ok = await store.markFailed({ id: message.id, workerId, error: `${backOffice.title} is paused (circuit open)`, nextAttemptAt });
      if (!ok) return lost(message, report);
      report.deferred += 1;
      emit({ type: 'deferred', message, nextAttemptAt, why: 'circuit-open' });
      return;
    }

    let reference: string | undefined;
    let response: unknown;
    try {
      const result = await backOffice.deliver(
        { messageId: message.id, caseId: message.caseId, caseType: message.caseType, operation: message.operation, payload: message.payload, idempotencyKey: message.idempotencyKey },
        { signal: AbortSignal.timeout(budgetMs) },
      );
      reference = result.reference;
      response = result.response;
    } catch (caught) {
      const error =
        caught instanceof ConnectError
          ? caught
          : new ConnectError('invalid-request', `The outbox route for "${message.operation}" failed: ${(caught as Error)?.message ?? String(caught)}`, { cause: caught });
      if (!error.retryable) {
        // A rejection is an answer: the back office is up.
        if (error.reason === 'rejected') setCircuit(backOffice.name, circuitOnSuccess(circuits.get(backOffice.name) ?? closedCircuit));
        await park(message, error.message, report);
        return;
      }
      const failedAt = nowMs();
      setCircuit(backOffice.name, circuitOnFailure(circuits.get(backOffice.name) ?? closedCircuit, failedAt, breakerPolicy));
      // Re-read Retry-After against our clock: an HTTP date means a moment, not a duration.
      const retryAfterMs = error.retryAfter === undefined ? error.retryAfterMs : parseRetryAfter(error.retryAfter, failedAt);
      const decision = planRetry({ attempts: await attemptsThisRound(message), now: failedAt, policy: retry, retryAfterMs, random: random() });
      if (decision.kind === 'give-up') {
        await park(message, `Gave up after ${retry.maxAttempts} attempts. Last error: ${error.message}`, report);
        return;
      }
      const nextAttemptAt = iso(decision.nextAttemptAt);
      const ok = await store.markFailed({ id: message.id, workerId, error: error.message, nextAttemptAt });
      if (!ok) return lost(message, report);
      report.retried += 1;
      emit({ type: 'retry-scheduled', message, error: error.message, nextAttemptAt });
      return;
    }

    setCircuit(backOffice.name, circuitOnSuccess(circuits.get(backOffice.name) ?? closedCircuit));
    let referenceNotRecorded: string | undefined;
    try {
      if (reference !== undefined) await recordReference(message, backOffice.name, reference);
    } catch (error) {
      if (isCaseRefusal(error)) {
        // The case moved on (e.g. it was closed) while the referral was in flight. The back office has it, so it
        // is delivered; the outbox result keeps the reference and why the case could not take it.
        referenceNotRecorded = error.message;
      } else {
        // Delivered, but the case did not take the reference: redeliver later (the back office de-duplicates by key).
        const why = `Delivered to ${backOffice.title}, but recording its reference ${reference} on the case failed: ${(error as Error)?.message ?? String(error)}`;
        const decision = planRetry({ attempts: await attemptsThisRound(message), now: nowMs(), policy: retry, random: random() });
        if (decision.kind === 'give-up') return park(message, why, report);
        const nextAttemptAt = iso(decision.nextAttemptAt);
        const ok = await store.markFailed({ id: message.id, workerId, error: why, nextAttemptAt });
        if (!ok) return lost(message, report);
        report.retried += 1;
        emit({ type: 'retry-scheduled', message, error: why, nextAttemptAt });
        return;
      }
    }
    const result = {
      ...(reference === undefined ? {} : { reference }),
      response: toJson(response),
      ...(referenceNotRecorded === undefined ? {} : { referenceNotRecorded }),
    };
    // With a reference, the engine's external-reference event is the audit; without one, say on the case that it went.
    if (reference === undefined) await note(message, 'delivered', `Sent to ${backOffice.title} (${message.operation})`);
    const ok = await store.markDelivered({ id: message.id, workerId, at: iso(nowMs()), result });
    if (!ok) return lost(message, report);
    report.delivered += 1;
    emit({ type: 'delivered', message, reference });
  }

  async function claim(): Promise<OutboxMessage[]> {
    const now = nowMs();
    const flowing: string[] = [];
    const trials: string[] = [];
    for (const [name, state] of circuits) {
      const permit = circuitPermits(state, now);
      if (!permit.allowed) continue;
      if (permit.state.state === 'half-open') {
        setCircuit(name, permit.state);
        trials.push(name);
      } else flowing.push(name);
    }
    const claimed: OutboxMessage[] = [];
    const base = { workerId, now: iso(now), leaseMs };
    if (flowing.length > 0) claimed.push(...(await store.claimOutbox({ ...base, limit: batchSize, destinations: flowing })));
    for (const name of trials) {
      // Half-open: exactly one trial message.
      const trial = await store.claimOutbox({ ...base, limit: 1, destinations: [name] });
      if (trial.length === 0) setCircuit(name, { state: 'open', openedAt: now, until: now, failures: circuits.get(name)?.failures ?? 0 });
      claimed.push(...trial);
    }
    return claimed;
  }

  async function dispatchOnce(): Promise<DispatchReport> {
    const report: DispatchReport = { claimed: 0, delivered: 0, retried: 0, incidents: 0, deferred: 0, leaseLost: 0 };
    const messages = await claim();
    const claimedAt = performance.now();
    report.claimed = messages.length;
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, messages.length) }, async () => {
      while (next < messages.length) {
        const message = messages[next] as OutboxMessage;
        next += 1;
        await deliverOne(message, report, claimedAt);
      }
    });
    await Promise.all(workers);
    const settledAt = nowMs();
    for (const [name, state] of circuits) {
      // A trial that ended without a verdict on the back office's health lets the next batch try again.
      if (state.state === 'half-open') setCircuit(name, { state: 'open', openedAt: settledAt, until: settledAt, failures: state.failures });
    }
    return report;
  }

  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  return {
    dispatchOnce,
    start({ idleMs = 1000 } = {}) {
      if (running) return;
      stopping = false;
      running = (async () => {
        while (!stopping) {
          let report: DispatchReport | undefined;
          try {
            report = await dispatchOnce();
          } catch (error) {
            // A store outage: report it, wait and try again rather than end the loop.
            emit({ type: 'error', error });
          }
          if (stopping) break;
          if (report && report.claimed >= batchSize) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, idleMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      })();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
    async incidents(query = {}) {
      const parked = await store.listIncidents(query);
      return parked.map((message) => ({
        messageId: message.id,
        caseId: message.caseId,
        destination: message.destination,
        operation: message.operation,
        reason: message.incidentReason ?? message.lastError ?? 'unknown',
        at: message.incidentAt,
        attempts: message.attempts,
      }));
    },
    async retryIncident({ messageId, actor: supervisor }) {
      const message = await store.getOutboxMessage(messageId);
      if (!message || message.status !== 'incident') return false;
      await store.setCursor(retryBaseCursor(messageId), String(message.attempts));
      const ok = await store.retryIncident({ id: messageId, nextAttemptAt: iso(nowMs()) });
      if (!ok) return false;
      try {
        await engine.addNote({
          actor: supervisor,
          idempotencyKey: `${message.idempotencyKey}:retry:${message.attempts}`,
          caseId: message.caseId,
          text: `Sending to ${byName.get(message.destination)?.title ?? message.destination} retried by ${supervisor.id} (it had failed: ${message.incidentReason ?? 'unknown'})`,
        });
      } catch {
        // The retry stands even if the note cannot be written.
      }
      return true;
    },
    circuits: () => Object.fromEntries(circuits),
  };
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}
