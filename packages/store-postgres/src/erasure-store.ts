import { createCaseErasureStore, restrictionKey } from '@councilkit/cases';
import type { ErasureRestriction, RestrictCasesThrough, RestrictingErasureStore } from '@councilkit/cases';
import type { ErasureTarget } from '@councilkit/citizen/gdpr';
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
  /**
   * Close restricted cases to all but the data-protection team through the
   * case engine's audited `restrictAccess` command. Default: none (cases are
   * only recorded as restricted).
   */
  access?: RestrictCasesThrough;
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
export type SqlErasureStore = RestrictingErasureStore;

export type { ErasureRestriction };

interface RestrictionRow {
  kind: 'record' | 'case';
  source: string | null;
  record_id: string | null;
  case_id: string | null;
  case_type: string | null;
  reason: string;
  restricted_at: Date | string;
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
 * - `restrict` records the item in `erasure_restrictions`, marks a record
 *   restricted in the directory (searches leave it out unless asked) and, with
 *   `access`, restricts a case to the data-protection team through the
 *   engine's audited `restrictAccess`; `lift` undoes each; erasing an item
 *   later (once a hold is lifted) removes its row, which names the item;
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
  const { store, directory, conflictRetries = 3, access } = options ?? ({} as SqlErasureStoreOptions);
  if (!store || typeof store.pseudonymiseCase !== 'function' || !store.driver) throw new StoreError('invalid-options', 'Give the SQL case store as `store`');
  if (!directory || typeof directory.replace !== 'function') throw new StoreError('invalid-options', 'Give the SQL resident directory as `directory`');
  if (!Number.isInteger(conflictRetries) || conflictRetries < 0) throw new StoreError('invalid-options', 'conflictRetries must be a whole number of 0 or more');
  const table = `${quoteSchema(store.schema)}.erasure_restrictions`;

  return createCaseErasureStore({
    store,
    directory,
    conflictRetries,
    ...(access ? { access } : {}),
    restrictions: {
      async put({ target, reason }) {
        await store.driver.query(
          `INSERT INTO ${table} (target, kind, source, record_id, case_id, case_type, reason, restricted_at)
           VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, now())
           ON CONFLICT (target) DO UPDATE SET reason = EXCLUDED.reason, restricted_at = EXCLUDED.restricted_at`,
          target.kind === 'case'
            ? [restrictionKey(target), 'case', null, null, target.caseId, target.caseType, reason]
            : [restrictionKey(target), 'record', target.source, target.recordId, null, null, reason],
        );
      },
      async remove(target: ErasureTarget) {
        const { rowCount } = await store.driver.query(`DELETE FROM ${table} WHERE target = $1::text`, [restrictionKey(target)]);
        return rowCount > 0;
      },
      async list() {
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
    },
  });
}
