import { ConflictError } from '@councilkit/cases';
import type { Citizen } from '@councilkit/citizen';
import { GdprError, pseudonymiseCaseRecord } from '@councilkit/citizen/gdpr';
import type { ErasureStore, ErasureTarget } from '@councilkit/citizen/gdpr';
import type { CitizenDirectory } from './citizen-directory.js';
import { StoreError } from './errors.js';
import { quoteSchema } from './schema-name.js';
import type { SqlCaseStore } from './sql-store.js';

/**
 * Options for {@link createSqlErasureStore}.
 *
 * @example
 * ```ts
 * const options: SqlErasureStoreOptions = { store, directory, conflictRetries: 3 };
 * ```
 */
export interface SqlErasureStoreOptions {
  /** The SQL case store; restrictions are kept in its schema (`erasure_restrictions`, from migration 2). */
  store: SqlCaseStore;
  /** The resident directory holding the source records, one row per record under its record id. */
  directory: CitizenDirectory;
  /** How many times to read a case again and redo its pseudonymisation when it moved meanwhile. Default `3`. */
  conflictRetries?: number;
}

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
 * The `ErasureStore` of `@councilkit/citizen/gdpr` on the SQL stores, plus
 * the list of restrictions it has recorded.
 *
 * @example
 * ```ts
 * const erasureStore: SqlErasureStore = createSqlErasureStore({ store, directory });
 * const restricted = await erasureStore.listRestrictions();
 * ```
 */
export interface SqlErasureStore extends ErasureStore {
  /** Every restriction recorded, oldest first. */
  listRestrictions(): Promise<ErasureRestriction[]>;
}

interface RestrictionRow {
  kind: 'record' | 'case';
  source: string | null;
  record_id: string | null;
  case_id: string | null;
  case_type: string | null;
  reason: string;
  restricted_at: Date | string;
}

function targetKey(target: ErasureTarget): string {
  return target.kind === 'case' ? `case/${target.caseId}` : `record/${target.source}/${target.recordId}`;
}

/**
 * Carry out erasure and restriction (UK GDPR Articles 17 and 18) on the SQL
 * case store and the SQL resident directory: give it to `createErasure(...).execute`.
 *
 * - `deleteRecord` removes the directory row under the record id;
 * - `pseudonymiseRecord` swaps it for the pseudonymised record in one transaction;
 * - `pseudonymiseCase` reads the case and its history, runs
 *   `pseudonymiseCaseRecord` and writes the result through the store's
 *   version-checked `pseudonymiseCase` (which also empties the case's outbox
 *   payloads and idempotency fingerprints), reading again if the case moved;
 * - `restrict` records the item in `erasure_restrictions`; erasing it later
 *   (once a hold is lifted) removes that row, which names the item;
 * - `removeHouseholdMember` clears the household links held on the person's
 *   directory row, if one is left: the directory keeps households only as
 *   links on each resident's own record, so once their records are gone no
 *   household lists them.
 *
 * @example
 * ```ts
 * import { createErasure, createSuppressionList } from '@councilkit/citizen/gdpr';
 * import { createCitizenDirectory, createPGliteStore, createSqlErasureStore } from '@councilkit/store-postgres';
 *
 * const store = await createPGliteStore({ dataDir: './data/cases' });
 * const directory = await createCitizenDirectory({ driver: store.driver, schema: store.schema });
 * const erasure = createErasure({ retention, suppression: createSuppressionList({ secret }) });
 * const outcome = await erasure.execute(request, createSqlErasureStore({ store, directory }));
 * ```
 */
export function createSqlErasureStore(options: SqlErasureStoreOptions): SqlErasureStore {
  const { store, directory, conflictRetries = 3 } = options ?? ({} as SqlErasureStoreOptions);
  if (!store || typeof store.pseudonymiseCase !== 'function' || !store.driver) throw new StoreError('invalid-options', 'Give the SQL case store as `store`');
  if (!directory || typeof directory.replace !== 'function') throw new StoreError('invalid-options', 'Give the SQL resident directory as `directory`');
  if (!Number.isInteger(conflictRetries) || conflictRetries < 0) throw new StoreError('invalid-options', 'conflictRetries must be a whole number of 0 or more');
  const table = `${quoteSchema(store.schema)}.erasure_restrictions`;

  // Once an item is erased its restriction is moot, and the row would still name it.
  async function unrestrict(target: ErasureTarget): Promise<void> {
    await store.driver.query(`DELETE FROM ${table} WHERE target = $1::text`, [targetKey(target)]);
  }

  return {
    async deleteRecord(target) {
      await directory.remove(target.recordId);
      await unrestrict({ kind: 'record', ...target });
    },

    async pseudonymiseRecord(target, replacement: Citizen) {
      await directory.replace(target.recordId, replacement);
      await unrestrict({ kind: 'record', ...target });
    },

    async pseudonymiseCase(caseId, pseudonym) {
      for (let attempt = 0; ; attempt += 1) {
        const current = await store.getCase(caseId);
        if (!current) throw new GdprError('invalid-request', `Case ${caseId} is not in the case store`);
        const { record, history } = pseudonymiseCaseRecord(current, await store.listEvents(caseId), pseudonym);
        try {
          await store.pseudonymiseCase({ case: { ...record, version: current.version + 1 }, events: history, expectedVersion: current.version });
          await unrestrict({ kind: 'case', caseId, caseType: current.caseType });
          return;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= conflictRetries) throw error;
        }
      }
    },

    async restrict(target, reason) {
      await store.driver.query(
        `INSERT INTO ${table} (target, kind, source, record_id, case_id, case_type, reason, restricted_at)
         VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, now())
         ON CONFLICT (target) DO UPDATE SET reason = EXCLUDED.reason, restricted_at = EXCLUDED.restricted_at`,
        target.kind === 'case'
          ? [targetKey(target), 'case', null, null, target.caseId, target.caseType, reason]
          : [targetKey(target), 'record', target.source, target.recordId, null, null, reason],
      );
    },

    async removeHouseholdMember(citizenId) {
      const left = await directory.get(citizenId);
      if (left && left.households.length > 0) await directory.put({ ...left, households: [] });
    },

    async listRestrictions() {
      const { rows } = await store.driver.query<RestrictionRow>(`SELECT * FROM ${table} ORDER BY restricted_at, target`);
      return rows.map((row) => ({
        target:
          row.kind === 'case'
            ? { kind: 'case' as const, caseId: row.case_id as string, caseType: row.case_type as string }
            : { kind: 'record' as const, source: row.source as string, recordId: row.record_id as string },
        reason: row.reason,
        restrictedAt: new Date(row.restricted_at).toISOString(),
      }));
    },
  };
}
