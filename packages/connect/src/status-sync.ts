import type { Actor, CaseRecord, CaseStore, JsonObject } from '@councilkit/cases';
import { z } from 'zod';
import type { BackOfficeHandle } from './back-office.js';
import type { ConnectEngine } from './engine-port.js';
import { isCaseRefusal, withConflictRetry } from './engine-errors.js';
import { ConnectError, describeIssues } from './errors.js';
import { isBackOfficeStatus } from './status.js';
import type { StatusUpdate } from './status.js';

/**
 * A council's mapping from back-office statuses to case transitions, per case
 * type. A status mapped to a transition name moves the case; a status mapped
 * to `null` is only noted on the case (for example `action_scheduled`); a
 * status not in the map is recorded as unmapped. Keys must be in the shared
 * status vocabulary.
 *
 * @example
 * ```ts
 * const statusMap: StatusMap = {
 *   'waste.missed-collection': { fixed: 'complete', closed: 'complete', action_scheduled: null, not_councils_responsibility: 'decline' },
 * };
 * ```
 */
export type StatusMap = Record<string, Partial<Record<string, string | null>>>;

/**
 * The store operations status sync uses.
 *
 * @example
 * ```ts
 * const store: StatusSyncStore = createMemoryStore();
 * ```
 */
export type StatusSyncStore = Pick<CaseStore, 'getCase' | 'findCases' | 'getCursor' | 'setCursor'>;

/**
 * Options for {@link createStatusSync}.
 *
 * @example
 * ```ts
 * const options: StatusSyncOptions = { store, engine, backOffices: [waste], statusMap: { 'waste.missed-collection': { fixed: 'collected' } } };
 * ```
 */
export interface StatusSyncOptions {
  /** The case store (for finding cases by reference and keeping `since` cursors). */
  store: StatusSyncStore;
  /** The case engine, to move and annotate cases. */
  engine: ConnectEngine;
  /** Back offices whose updates are applied. */
  backOffices: ReadonlyArray<BackOfficeHandle>;
  /** The council's status map. */
  statusMap: StatusMap;
  /** Who status sync acts as. Default `{ id: 'system:status-sync', teams: [], roles: ['system'] }`. */
  actor?: Actor;
  /** Most pages fetched per back office per {@link StatusSync.poll}. Default `10`. */
  maxPages?: number;
  /** Told about every applied update. Must not throw. */
  onUpdate?: (outcome: UpdateOutcome) => void;
}

/**
 * What happened to one status update:
 * - `transitioned`: the case moved by the mapped transition.
 * - `noted`: the status is mapped to `null`; it was noted on the case.
 * - `unmapped`: the status is not in the map (or not in the vocabulary); noted on the case for a person to look at.
 * - `not-applied`: the engine refused the transition (e.g. not allowed from the current state); noted on the case.
 * - `unknown-case`: no case holds this reference.
 *
 * @example
 * ```ts
 * createStatusSync({ ...options, onUpdate: (outcome) => { if (outcome.outcome === 'unmapped') console.warn(outcome.detail); } });
 * ```
 */
export interface UpdateOutcome {
  /** Back office name. */
  backOffice: string;
  /** The update id. */
  updateId: string;
  /** The status reported. */
  status: string;
  /** What happened. */
  outcome: 'transitioned' | 'noted' | 'unmapped' | 'not-applied' | 'unknown-case';
  /** The case, when found. */
  caseId?: string;
  /** The transition used, when there was one. */
  transition?: string;
  /** A readable explanation. */
  detail: string;
}

/**
 * What one back office's poll did.
 *
 * @example
 * ```ts
 * for (const result of await sync.poll()) if (result.status === 'failed') console.warn(result.backOffice, result.error.message);
 * ```
 */
export type PollResult =
  | { backOffice: string; status: 'ok'; cursor: string | undefined; outcomes: UpdateOutcome[] }
  | { backOffice: string; status: 'failed'; cursor: string | undefined; outcomes: UpdateOutcome[]; error: ConnectError };

/**
 * The verbs of status sync.
 *
 * @example
 * ```ts
 * const sync: StatusSync = createStatusSync(options);
 * await sync.apply('waste', { id: 'u-1', reference: 'WM-1', status: 'fixed', updatedAt: '2026-11-24T10:00:00+00:00' });
 * ```
 */
export interface StatusSync {
  /** Apply one update from a back office (used by polling and by the webhook). Idempotent per update id. */
  apply(backOffice: string, update: StatusUpdate): Promise<UpdateOutcome>;
  /** Poll every back office that declares polling (or just the one named), from its stored cursor. */
  poll(backOffice?: string): Promise<PollResult[]>;
  /** The stored `since` cursor of a back office. */
  cursor(backOffice: string): Promise<string | undefined>;
}

const cursorName = (backOffice: string) => `connect:updates:${backOffice}`;

const statusMapSchema = z.record(z.string(), z.record(z.string(), z.string().min(1).nullable()));

/**
 * Create status sync: back-office status updates, by polling
 * (`GET .../updates?since=<cursor>`, the cursor kept in the store) or pushed
 * to {@link createWebhookHandler}, are mapped through the council's
 * {@link StatusMap} to case transitions. Each transition's idempotency key is
 * derived from the update id, so an update seen twice moves the case once.
 * Unknown statuses are noted on the case, never thrown.
 *
 * @throws {@link ConnectError} with reason `invalid-options` when the status map uses a status outside the vocabulary.
 * @example
 * ```ts
 * const sync = createStatusSync({
 *   store,
 *   engine,
 *   backOffices: [waste],
 *   statusMap: { 'waste.missed-collection': { fixed: 'complete', action_scheduled: null } },
 * });
 * setInterval(() => void sync.poll(), 60_000);
 * ```
 */
export function createStatusSync(options: StatusSyncOptions): StatusSync {
  const parsedMap = statusMapSchema.safeParse(options.statusMap);
  if (!parsedMap.success) throw new ConnectError('invalid-options', `Invalid status map: ${describeIssues(parsedMap.error.issues)}`);
  for (const [caseType, entries] of Object.entries(options.statusMap)) {
    for (const status of Object.keys(entries)) {
      if (!isBackOfficeStatus(status)) {
        throw new ConnectError('invalid-options', `Status map for "${caseType}" uses "${status}", which is not in the status vocabulary`);
      }
    }
  }
  const { store, engine } = options;
  const actor: Actor = options.actor ?? { id: 'system:status-sync', teams: [], roles: ['system'] };
  const maxPages = options.maxPages ?? 10;
  const emit = options.onUpdate ?? (() => {});
  const byName = new Map(options.backOffices.map((backOffice) => [backOffice.name, backOffice]));

  async function findCase(system: string, update: StatusUpdate): Promise<CaseRecord | undefined> {
    if (update.caseId) {
      const found = await store.getCase(update.caseId);
      if (found) return found;
    }
    const [found] = await store.findCases({ externalReference: { system, reference: update.reference }, limit: 1 });
    return found;
  }

  /** Note on the case; a case that cannot take notes (closed) must not block the feed, the outcome still says what happened. */
  async function note(caseId: string, idempotencyKey: string, text: string): Promise<void> {
    try {
      await withConflictRetry(() => engine.addNote({ actor, idempotencyKey, caseId, text }));
    } catch (error) {
      if (!isCaseRefusal(error)) throw error;
    }
  }

  async function apply(system: string, update: StatusUpdate): Promise<UpdateOutcome> {
    const backOffice = byName.get(system);
    const title = backOffice?.title ?? system;
    const base = { backOffice: system, updateId: update.id, status: update.status };
    const key = `status:${system}:${update.id}`;
    const said = update.description ? ` (${update.description})` : '';
    const finish = (outcome: UpdateOutcome) => {
      emit(outcome);
      return outcome;
    };

    const found = await findCase(system, update);
    if (!found) return finish({ ...base, outcome: 'unknown-case', detail: `No case holds ${title} reference ${update.reference}` });
    const caseId = found.id;
    const mapped = options.statusMap[found.caseType]?.[update.status];

    if (mapped === undefined) {
      const why = isBackOfficeStatus(update.status) ? 'no transition is mapped for it' : 'it is not in the status vocabulary';
      const detail = `${title} reported status "${update.status}"${said}, but ${why}`;
      await note(caseId, key, detail);
      return finish({ ...base, caseId, outcome: 'unmapped', detail });
    }
    if (mapped === null) {
      const detail = `${title} reported status "${update.status}"${said}`;
      await note(caseId, key, detail);
      return finish({ ...base, caseId, outcome: 'noted', detail });
    }
    const payload: JsonObject = {
      backOffice: system,
      backOfficeStatus: update.status,
      updateId: update.id,
      reference: update.reference,
      updatedAt: update.updatedAt,
      ...(update.description ? { description: update.description } : {}),
    };
    try {
      await withConflictRetry(() => engine.transition({ actor, idempotencyKey: key, caseId, transition: mapped, payload }));
    } catch (error) {
      if (!isCaseRefusal(error)) throw error;
      // The engine refused (guard, wrong state): the update is still worth keeping on the case.
      const detail = `${title} reported status "${update.status}"${said}; the case could not take transition "${mapped}": ${error.message}`;
      await note(caseId, `${key}:not-applied`, detail);
      return finish({ ...base, caseId, transition: mapped, outcome: 'not-applied', detail });
    }
    return finish({ ...base, caseId, transition: mapped, outcome: 'transitioned', detail: `${title} reported "${update.status}"${said}: case moved by "${mapped}"` });
  }

  async function pollOne(backOffice: BackOfficeHandle): Promise<PollResult> {
    const outcomes: UpdateOutcome[] = [];
    let cursor = await store.getCursor(cursorName(backOffice.name));
    try {
      for (let page = 0; page < maxPages; page += 1) {
        const result = await backOffice.updates(cursor);
        for (const update of result.updates) outcomes.push(await apply(backOffice.name, update));
        // Advance only after the page is applied: a crash before this line re-reads the page, and update-id keys make that harmless.
        if (result.cursor !== cursor) await store.setCursor(cursorName(backOffice.name), result.cursor);
        const moved = result.cursor !== cursor;
        cursor = result.cursor;
        if (result.updates.length === 0 || !moved) break;
      }
      return { backOffice: backOffice.name, status: 'ok', cursor, outcomes };
    } catch (caught) {
      const error =
        caught instanceof ConnectError
          ? caught
          : new ConnectError('unavailable', `Applying ${backOffice.title} updates failed: ${(caught as Error)?.message ?? String(caught)}`, { cause: caught });
      return { backOffice: backOffice.name, status: 'failed', cursor, outcomes, error };
    }
  }

  return {
    apply,
    async poll(only) {
      const targets = [...byName.values()].filter((backOffice) => backOffice.statusSync.polling && (only === undefined || backOffice.name === only));
      if (only !== undefined && targets.length === 0) {
        throw new ConnectError('unknown-operation', `No back office named "${only}" declares status polling`);
      }
      const results: PollResult[] = [];
      for (const backOffice of targets) results.push(await pollOne(backOffice));
      return results;
    },
    cursor: (backOffice) => store.getCursor(cursorName(backOffice)),
  };
}
