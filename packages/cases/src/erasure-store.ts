// The ErasureStore port of @councilkit/citizen/gdpr over any CaseStore: one
// implementation of erasure and restriction for cases, with the places
// residents and restriction records live passed in. The memory store uses it
// directly (createMemoryErasureStore); @councilkit/store-postgres gives it
// its SQL directory and restrictions table.
import type { Citizen } from '@councilkit/citizen';
import { GdprError, pseudonymiseCaseRecord } from '@councilkit/citizen/gdpr';
import type { ErasureStore, ErasureTarget } from '@councilkit/citizen/gdpr';
import type { CitizenIndex } from '@councilkit/citizen/search';
import type { CaseEngine } from './engine/engine.js';
import { CaseError } from './engine/errors.js';
import type { Actor } from './records.js';
import { ConflictError } from './store-port.js';
import type { CaseStore } from './store-port.js';

/**
 * One restricted item (UK GDPR Article 18): kept, but not to be used except
 * for legal claims.
 *
 * @example
 * ```ts
 * const restriction: ErasureRestriction = { target: { kind: 'case', caseId: 'case-7', caseType: 'waste.missed-collection' }, reason: 'legal-hold: Ombudsman complaint', restrictedAt: '2026-11-24T10:00:00.000Z' };
 * ```
 */
export interface ErasureRestriction {
  /** What is restricted. */
  target: ErasureTarget;
  /** Why (the block reason and detail, or the request's reason). */
  reason: string;
  /** When it was (last) restricted. */
  restrictedAt: string;
}

/**
 * Where residents' source records live, as erasure needs them: the SQL
 * directory of `@councilkit/store-postgres` fits as it is; wrap an
 * in-memory `CitizenIndex` with `createMemoryErasureStore` instead.
 *
 * @example
 * ```ts
 * const directory: ErasureDirectory = await createCitizenDirectory({ driver });
 * ```
 */
export interface ErasureDirectory {
  /** Remove a record; `false` when it was not there. */
  remove(citizenId: string): Promise<boolean>;
  /** Remove a record and add `replacement` under its own id. */
  replace(citizenId: string, replacement: Citizen): Promise<void>;
  /** The record under this id, if any. */
  get(citizenId: string): Promise<Citizen | undefined>;
  /** Add or replace a record. */
  put(citizen: Citizen): Promise<void>;
  /** Mark a record restricted (left out of searches) or not; `false` when it is not there. */
  setRestricted(citizenId: string, restricted: boolean): Promise<boolean>;
}

/**
 * Where restrictions are recorded (a table, a map), keyed by target.
 *
 * @example
 * ```ts
 * const ledger: RestrictionLedger = { put: async (r) => { map.set(key(r.target), r); }, remove: async (t) => { map.delete(key(t)); }, list: async () => [...map.values()] };
 * ```
 */
export interface RestrictionLedger {
  /** Add or refresh a restriction. */
  put(restriction: ErasureRestriction): Promise<void>;
  /** Forget the restriction of a target; whether there was one. */
  remove(target: ErasureTarget): Promise<boolean>;
  /** Every restriction, oldest first. */
  list(): Promise<ErasureRestriction[]>;
}

/**
 * How restricted cases are closed to everyone but a data-protection team:
 * through the engine's `restrictAccess` command, so the change is in each
 * case's audit trail and refusals are audited.
 *
 * @example
 * ```ts
 * const access: RestrictCasesThrough = { engine, actor: { id: dpo.id, teams: ['data-protection'], roles: ['dpo', 'system'] } };
 * ```
 */
export interface RestrictCasesThrough {
  /** The case engine. */
  engine: Pick<CaseEngine, 'restrictAccess' | 'liftAccessRestriction'>;
  /** Who the audit trail names. It must be allowed to act on every case of the person: a `system` role passes case type team limits. */
  actor: Actor;
  /** Teams that may still use a restricted case. Default `['data-protection']`. */
  teams?: readonly string[];
}

/**
 * Options for {@link createCaseErasureStore}.
 *
 * @example
 * ```ts
 * const options: CaseErasureStoreOptions = { store, directory, restrictions: ledger, access: { engine, actor: dpo } };
 * ```
 */
export interface CaseErasureStoreOptions {
  /** The case store. */
  store: CaseStore;
  /** Where residents' records live, one per record id. */
  directory: ErasureDirectory;
  /** Where restrictions are recorded. */
  restrictions: RestrictionLedger;
  /** Close restricted cases through the engine. Default: none (restrictions are only recorded, cases stay open to their teams). */
  access?: RestrictCasesThrough;
  /** How many times to read a case again and redo its pseudonymisation when it moved meanwhile. Default `3`. */
  conflictRetries?: number;
  /** The clock for `restrictedAt`. Default `() => new Date()`. */
  now?: () => Date;
  /** Idempotency keys for the engine commands. Default `crypto.randomUUID()`. */
  newId?: () => string;
}

/**
 * An `ErasureStore` that also lists and lifts restrictions.
 *
 * @example
 * ```ts
 * const erasureStore: RestrictingErasureStore = createMemoryErasureStore({ store, directory: index });
 * for (const r of await erasureStore.listRestrictions()) await erasureStore.lift(r.target, 'Accuracy checked');
 * ```
 */
export interface RestrictingErasureStore extends ErasureStore {
  /** Every restriction recorded, oldest first. */
  listRestrictions(): Promise<ErasureRestriction[]>;
  /** Lift a restriction: the record is found by search again and the case is open to its teams again. */
  lift(target: ErasureTarget, reason: string): Promise<void>;
}

/**
 * Carry out erasure and restriction (UK GDPR Articles 17 and 18) on any
 * case store and resident directory: give it to `createErasure(...).execute`.
 *
 * - `deleteRecord` and `pseudonymiseRecord` remove or swap the directory record;
 * - `pseudonymiseCase` reads the case and its history, runs
 *   `pseudonymiseCaseRecord` and writes through the store's version-checked
 *   `pseudonymiseCase`, reading again if the case moved;
 * - `restrict` records the item, marks a record restricted in the directory
 *   (searches leave it out) and, with `access`, restricts a case to the
 *   data-protection team through the engine (an audited command);
 * - `lift` undoes a restriction the same ways; erasing an item lifts its restriction;
 * - `removeHouseholdMember` clears household links on the person's record, if one is left.
 *
 * @example
 * ```ts
 * import { createCaseErasureStore } from '@councilkit/cases';
 * import { createErasure } from '@councilkit/citizen/gdpr';
 *
 * const erasureStore = createCaseErasureStore({ store, directory, restrictions: myLedger, access: { engine, actor: dpo } });
 * await createErasure({ retention, suppression }).execute(request, erasureStore);
 * ```
 */
export function createCaseErasureStore(options: CaseErasureStoreOptions): RestrictingErasureStore {
  const { store, directory, restrictions, access, conflictRetries = 3 } = options ?? ({} as CaseErasureStoreOptions);
  if (!store || typeof store.pseudonymiseCase !== 'function') throw new CaseError('invalid-options', 'Give the case store as `store`');
  if (!directory || typeof directory.replace !== 'function' || typeof directory.setRestricted !== 'function') {
    throw new CaseError('invalid-options', 'Give the resident directory as `directory`');
  }
  if (!restrictions || typeof restrictions.put !== 'function') throw new CaseError('invalid-options', 'Give where restrictions are recorded as `restrictions`');
  if (!Number.isInteger(conflictRetries) || conflictRetries < 0) throw new CaseError('invalid-options', 'conflictRetries must be a whole number of 0 or more');
  if (access && (typeof access.engine?.restrictAccess !== 'function' || !access.actor?.id)) {
    throw new CaseError('invalid-options', 'access needs the case engine and the actor the audit trail names');
  }
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const teams = [...(access?.teams ?? ['data-protection'])];

  async function lift(target: ErasureTarget, reason: string): Promise<void> {
    const had = await restrictions.remove(target);
    if (target.kind === 'record') {
      await directory.setRestricted(target.recordId, false);
      return;
    }
    // Only a restriction this store put on is taken off: a case type's own team limit stays.
    const current = await store.getCase(target.caseId);
    if (had && access && current && sameTeams(current.restrictedTo, teams)) {
      await access.engine.liftAccessRestriction({ actor: access.actor, idempotencyKey: `lift-restriction:${target.caseId}:${newId()}`, caseId: target.caseId, reason });
    }
  }

  return {
    async deleteRecord(target) {
      await directory.remove(target.recordId);
      await restrictions.remove({ kind: 'record', ...target });
    },

    async pseudonymiseRecord(target, replacement) {
      await directory.replace(target.recordId, replacement);
      await restrictions.remove({ kind: 'record', ...target });
    },

    async pseudonymiseCase(caseId, pseudonym) {
      let caseType = '';
      for (let attempt = 0; ; attempt += 1) {
        const current = await store.getCase(caseId);
        if (!current) throw new GdprError('invalid-request', `Case ${caseId} is not in the case store`);
        caseType = current.caseType;
        const { record, history } = pseudonymiseCaseRecord(current, await store.listEvents(caseId), pseudonym);
        try {
          await store.pseudonymiseCase({ case: { ...record, version: current.version + 1 }, events: history, expectedVersion: current.version });
          break;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= conflictRetries) throw error;
        }
      }
      // Nothing personal is left to restrict: the pseudonymised case counts in statistics and is open to its teams again.
      await lift({ kind: 'case', caseId, caseType }, 'Erased: no personal data left to restrict');
    },

    async restrict(target, reason) {
      await restrictions.put({ target, reason, restrictedAt: now().toISOString() });
      if (target.kind === 'record') {
        await directory.setRestricted(target.recordId, true);
        return;
      }
      const current = await store.getCase(target.caseId);
      if (access && current && !sameTeams(current.restrictedTo, teams)) {
        await access.engine.restrictAccess({ actor: access.actor, idempotencyKey: `restrict:${target.caseId}:${newId()}`, caseId: target.caseId, teams, reason });
      }
    },

    lift,

    async removeHouseholdMember(citizenId) {
      const left = await directory.get(citizenId);
      if (left && left.households.length > 0) await directory.put({ ...left, households: [] });
    },

    listRestrictions: () => restrictions.list(),
  };
}

function sameTeams(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((team, i) => team === right[i]);
}

/**
 * The key a restriction is stored under: `case/<id>` or `record/<source>/<id>`.
 *
 * @example
 * ```ts
 * restrictionKey({ kind: 'record', source: 'housing', recordId: 'H-1' }); // 'record/housing/H-1'
 * ```
 */
export function restrictionKey(target: ErasureTarget): string {
  return target.kind === 'case' ? `case/${target.caseId}` : `record/${target.source}/${target.recordId}`;
}

/**
 * Options for {@link createMemoryErasureStore}.
 *
 * @example
 * ```ts
 * const options: MemoryErasureStoreOptions = { store: createMemoryStore(), directory: createCitizenIndex(), access: { engine, actor: dpo } };
 * ```
 */
export interface MemoryErasureStoreOptions {
  /** The case store (`createMemoryStore()`; any `CaseStore` works). */
  store: CaseStore;
  /** The in-memory resident index (`createCitizenIndex` from `@councilkit/citizen/search`), one citizen per record id. */
  directory: CitizenIndex;
  /** Close restricted cases through the engine. Default: none. */
  access?: RestrictCasesThrough;
  /** Where restrictions are kept; share one between stores made per request. Default: a new {@link createMemoryRestrictionLedger}. */
  restrictions?: RestrictionLedger;
  /** The clock for `restrictedAt`. Default `() => new Date()`. */
  now?: () => Date;
}

/**
 * Restrictions kept in a map, oldest first: for {@link createMemoryErasureStore}.
 *
 * @example
 * ```ts
 * const restrictions = createMemoryRestrictionLedger();
 * const storeFor = (officer: Actor) => createMemoryErasureStore({ store, directory: index, restrictions, access: { engine, actor: officer } });
 * ```
 */
export function createMemoryRestrictionLedger(): RestrictionLedger {
  const held = new Map<string, ErasureRestriction>();
  return {
    async put(restriction) {
      const key = restrictionKey(restriction.target);
      held.delete(key);
      held.set(key, structuredClone(restriction));
    },
    remove: async (target) => held.delete(restrictionKey(target)),
    list: async () => [...held.values()].map((r) => structuredClone(r)),
  };
}

/**
 * Erasure and restriction for a council trying things in memory: the
 * `ErasureStore` of `@councilkit/citizen/gdpr` over the memory case store and
 * an in-memory `CitizenIndex`, with restrictions kept in a map (give
 * `restrictions` to share one between stores). Restricted
 * residents drop out of the index's searches (unless `includeRestricted`),
 * restricted cases are closed to all but the data-protection team when
 * `access` is given. Nothing survives a restart.
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryErasureStore, createMemoryStore } from '@councilkit/cases';
 * import { createErasure, createSuppressionList } from '@councilkit/citizen/gdpr';
 * import { createCitizenIndex } from '@councilkit/citizen/search';
 *
 * const store = createMemoryStore();
 * const engine = createCaseEngine({ store, caseTypes });
 * const index = createCitizenIndex({ citizens });
 * const erasureStore = createMemoryErasureStore({ store, directory: index, access: { engine, actor: { id: 'dpo-1', teams: ['data-protection'], roles: ['system'] } } });
 * await createErasure({ retention, suppression: createSuppressionList({ secret }) }).execute(request, erasureStore);
 * ```
 */
export function createMemoryErasureStore(options: MemoryErasureStoreOptions): RestrictingErasureStore {
  const index = options?.directory;
  if (!index || typeof index.setRestricted !== 'function') throw new CaseError('invalid-options', 'Give the in-memory citizen index as `directory`');
  return createCaseErasureStore({
    store: options.store,
    ...(options.access ? { access: options.access } : {}),
    ...(options.now ? { now: options.now } : {}),
    directory: {
      remove: async (id) => index.remove(id),
      async replace(id, replacement) {
        index.remove(id);
        if (index.get(replacement.id)) index.update(replacement);
        else index.add(replacement);
      },
      get: async (id) => index.get(id),
      async put(citizen) {
        if (index.get(citizen.id)) index.update(citizen);
        else index.add(citizen);
      },
      setRestricted: async (id, restricted) => index.setRestricted(id, restricted),
    },
    restrictions: options.restrictions ?? createMemoryRestrictionLedger(),
  });
}
