import { consentSchema } from '@councilkit/citizen';
import type { ConsentLedgerEntry, SuppressionTombstone } from '@councilkit/citizen/gdpr';
import { z } from 'zod';
import type { SqlExecutor } from './driver.js';
import { StoreError } from './errors.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/**
 * Options for {@link createSqlDataProtectionRecords}.
 *
 * @example
 * ```ts
 * const options: SqlDataProtectionRecordsOptions = { driver: store.driver, schema: store.schema };
 * ```
 */
export interface SqlDataProtectionRecordsOptions {
  /** Where the records live: a driver, or the case store's `driver`. */
  driver: SqlExecutor;
  /** A schema brought up to migration 4 (`createStore`, `createPGliteStore`, `createPostgresStore` and `migrate` all do). Default: `DEFAULT_SCHEMA`. */
  schema?: string;
}

/**
 * What {@link createSqlDataProtectionRecords} gives back: the persistence
 * behind a suppression list and a consent ledger from `@councilkit/citizen/gdpr`.
 *
 * @example
 * ```ts
 * const records: SqlDataProtectionRecords = createSqlDataProtectionRecords({ driver: store.driver, schema: store.schema });
 * const tombstones = await records.loadTombstones();
 * ```
 */
export interface SqlDataProtectionRecords {
  /** Every suppression tombstone, oldest first: give them to `createSuppressionList({ tombstones })`. */
  loadTombstones(): Promise<SuppressionTombstone[]>;
  /** Save a tombstone (saving the same id again changes nothing): use as `onTombstone`. */
  saveTombstone(tombstone: SuppressionTombstone): Promise<void>;
  /** Every consent ledger entry in sequence order: give them to `createConsentLedger({ entries })`. */
  loadConsents(): Promise<ConsentLedgerEntry[]>;
  /** Append a ledger entry; rejects if its sequence is taken (another process appended first): use as `onEntry`. */
  appendConsent(entry: ConsentLedgerEntry): Promise<void>;
  /** Remove a subject's entries on erasure; resolves to how many went: use as `onForget`. */
  forgetConsents(subjectId: string): Promise<number>;
}

const tombstoneRow = z.object({
  id: z.string(),
  created_at: z.union([z.date(), z.string()]),
  reason: z.string(),
  keys: z.union([z.array(z.string()), z.string().transform((text) => z.array(z.string()).parse(JSON.parse(text)))]),
});

const consentRow = z.object({
  sequence: z.number().int().min(1),
  subject_id: z.string(),
  actor_id: z.string(),
  consent: z.unknown().transform((value) => consentSchema.parse(typeof value === 'string' ? JSON.parse(value) : value)),
});

/**
 * Keep suppression tombstones and the consent ledger in SQL (PostgreSQL or
 * PGlite), so an erased resident is still flagged after a restart and
 * consent history outlives the process. Tombstones are stored exactly as the
 * list makes them, keyed hashes only: keep the suppression secret outside
 * this database, or the hashes can be tested against guesses.
 *
 * The tables come from migration 4 (`suppression_tombstones`,
 * `consent_ledger`) in the case store's schema.
 *
 * @example
 * ```ts
 * import { createConsentLedger, createSuppressionList } from '@councilkit/citizen/gdpr';
 * import { createPGliteStore, createSqlDataProtectionRecords } from '@councilkit/store-postgres';
 *
 * const store = await createPGliteStore({ dataDir: './data/cases' });
 * const records = createSqlDataProtectionRecords({ driver: store.driver, schema: store.schema });
 * const suppression = createSuppressionList({ secret: process.env.SUPPRESSION_SECRET!, tombstones: await records.loadTombstones(), onTombstone: records.saveTombstone });
 * const consents = createConsentLedger({ entries: await records.loadConsents(), onEntry: records.appendConsent, onForget: records.forgetConsents });
 * ```
 */
export function createSqlDataProtectionRecords(options: SqlDataProtectionRecordsOptions): SqlDataProtectionRecords {
  const driver = options?.driver;
  if (!driver || typeof driver.query !== 'function') throw new StoreError('invalid-options', 'Give a SQL driver as `driver`');
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);

  return {
    async loadTombstones() {
      const { rows } = await driver.query(`SELECT id, created_at, reason, keys FROM ${s}.suppression_tombstones ORDER BY created_at, id`);
      return rows.map((raw) => {
        const row = tombstoneRow.parse(raw);
        return { id: row.id, createdAt: new Date(row.created_at).toISOString(), reason: row.reason, keys: row.keys };
      });
    },
    async saveTombstone(tombstone) {
      await driver.query(
        `INSERT INTO ${s}.suppression_tombstones (id, created_at, reason, keys) VALUES ($1::text, $2::timestamptz, $3::text, $4::jsonb) ON CONFLICT (id) DO NOTHING`,
        [tombstone.id, tombstone.createdAt, tombstone.reason, JSON.stringify(tombstone.keys)],
      );
    },
    async loadConsents() {
      const { rows } = await driver.query(`SELECT sequence, subject_id, actor_id, consent FROM ${s}.consent_ledger ORDER BY sequence`);
      return rows.map((raw) => {
        const row = consentRow.parse(raw);
        return { sequence: row.sequence, subjectId: row.subject_id, actorId: row.actor_id, consent: row.consent };
      });
    },
    async appendConsent(entry) {
      await driver.query(`INSERT INTO ${s}.consent_ledger (sequence, subject_id, actor_id, consent) VALUES ($1::integer, $2::text, $3::text, $4::jsonb)`, [
        entry.sequence,
        entry.subjectId,
        entry.actorId,
        JSON.stringify(entry.consent),
      ]);
    },
    async forgetConsents(subjectId) {
      const { rowCount } = await driver.query(`DELETE FROM ${s}.consent_ledger WHERE subject_id = $1::text`, [subjectId]);
      return rowCount;
    },
  };
}
