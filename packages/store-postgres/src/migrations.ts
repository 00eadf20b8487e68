import { createHash } from 'node:crypto';
import type { SqlDriver } from './driver.js';
import { StoreError } from './errors.js';
import { quoteSchema } from './schema-name.js';

/**
 * One numbered, forward-only schema change: statements run in order inside one transaction.
 *
 * @example
 * ```ts
 * const first: Migration = storeMigrations('councilkit')[0]!;
 * console.log(first.version, first.name, first.statements.length);
 * ```
 */
export interface Migration {
  /** 1, 2, 3, ... Never renumber or edit a released migration; add a new one. */
  version: number;
  /** A short kebab-case description. */
  name: string;
  /** The statements, already qualified with the target schema. */
  statements: readonly string[];
}

/**
 * What {@link migrate} did.
 *
 * @example
 * ```ts
 * const report: MigrationReport = await migrate(driver, { schema: 'councilkit' });
 * if (report.applied.length > 0) console.log(`migrated to ${report.current}`);
 * ```
 */
export interface MigrationReport {
  /** The schema migrated. */
  schema: string;
  /** Versions applied by this call, in order (empty when already up to date). */
  applied: number[];
  /** The version the schema is at now. */
  current: number;
}

// First key of the two-key advisory lock: a constant that marks the lock as
// ours, so the second key (a hash of the schema name) cannot collide with
// locks other software takes in the same database.
const LOCK_NAMESPACE = 0x636b; // "ck"

/**
 * Every migration for a schema, in order. Released migrations never change:
 * their checksum is recorded and checked on every start.
 *
 * @example
 * ```ts
 * // Print the SQL for a DBA to review before a release.
 * for (const migration of storeMigrations('councilkit')) console.log(migration.statements.join(';\n'));
 * ```
 */
export function storeMigrations(schema: string): Migration[] {
  const s = quoteSchema(schema);
  return [
    {
      version: 1,
      name: 'case-store',
      statements: [
        `CREATE TABLE ${s}.cases (
          id text PRIMARY KEY,
          case_type text NOT NULL,
          case_type_version integer NOT NULL,
          version integer NOT NULL CHECK (version >= 1),
          state text NOT NULL,
          status text NOT NULL CHECK (status IN ('open', 'resolved', 'closed')),
          data jsonb NOT NULL,
          channel text NOT NULL,
          citizen_id text,
          team text,
          queue text,
          assignee text,
          restricted_to jsonb,
          opened_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          resolved_at timestamptz,
          closed_at timestamptz,
          resolved_at_first_contact boolean,
          sla_met boolean,
          reopen_count integer NOT NULL DEFAULT 0,
          handling_seconds double precision,
          sla jsonb,
          sla_breach_at timestamptz,
          sla_paused_at timestamptz,
          external_references jsonb NOT NULL DEFAULT '[]'::jsonb,
          attachments jsonb NOT NULL DEFAULT '[]'::jsonb
        )`,
        `CREATE INDEX cases_opened_idx ON ${s}.cases (opened_at, id)`,
        `CREATE INDEX cases_citizen_idx ON ${s}.cases (citizen_id, opened_at) WHERE citizen_id IS NOT NULL`,
        `CREATE INDEX cases_queue_idx ON ${s}.cases (team, queue, opened_at) WHERE status = 'open'`,
        `CREATE INDEX cases_breach_idx ON ${s}.cases (sla_breach_at) WHERE sla_breach_at IS NOT NULL AND sla_paused_at IS NULL`,
        `CREATE INDEX cases_external_references_idx ON ${s}.cases USING gin (external_references jsonb_path_ops)`,
        // No foreign key to cases and no second unique index on the event id:
        // events are only ever inserted by the commit statement, joined to the
        // case row it has just updated, and (case_id, sequence) is their
        // identity. Each of the two would cost about a sixth of a transition's
        // database time on the hot path.
        `CREATE TABLE ${s}.case_events (
          case_id text NOT NULL,
          sequence integer NOT NULL CHECK (sequence >= 1),
          id text NOT NULL,
          case_version integer NOT NULL,
          type text NOT NULL,
          actor_id text NOT NULL,
          actor_teams jsonb NOT NULL,
          at timestamptz NOT NULL,
          channel text,
          from_state text,
          to_state text,
          payload jsonb NOT NULL,
          idempotency_key text,
          PRIMARY KEY (case_id, sequence)
        )`,
        // The audit trail is append-only in the database itself, so no code path
        // (and nobody at a SQL prompt with the application's role) can rewrite history.
        `CREATE FUNCTION ${s}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $fn$`,
        `CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON ${s}.case_events
          FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_event_change()`,
        `CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON ${s}.case_events
          FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_event_change()`,
        `CREATE TABLE ${s}.idempotency_keys (
          key text PRIMARY KEY,
          -- bytea, not text: fingerprints may hold characters (NUL) that text cannot.
          fingerprint bytea NOT NULL,
          case_id text NOT NULL,
          outcome jsonb NOT NULL,
          created_at timestamptz NOT NULL
        )`,
        `CREATE TABLE ${s}.timers (
          id text PRIMARY KEY,
          case_id text NOT NULL REFERENCES ${s}.cases (id),
          kind text NOT NULL,
          step integer,
          due_at timestamptz NOT NULL,
          status text NOT NULL CHECK (status IN ('pending', 'claimed', 'fired', 'cancelled')),
          attempts integer NOT NULL DEFAULT 0,
          lease_owner text,
          lease_expires_at timestamptz,
          fired_at timestamptz,
          lateness_ms bigint,
          cancelled_at timestamptz,
          created_at timestamptz NOT NULL
        )`,
        `CREATE INDEX timers_due_idx ON ${s}.timers (due_at, id) WHERE status IN ('pending', 'claimed')`,
        `CREATE INDEX timers_case_idx ON ${s}.timers (case_id)`,
        `CREATE TABLE ${s}.outbox (
          id text PRIMARY KEY,
          case_id text NOT NULL REFERENCES ${s}.cases (id),
          case_type text NOT NULL,
          destination text NOT NULL,
          operation text NOT NULL,
          payload jsonb NOT NULL,
          idempotency_key text NOT NULL,
          status text NOT NULL CHECK (status IN ('pending', 'delivered', 'incident')),
          attempts integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL,
          lease_owner text,
          lease_expires_at timestamptz,
          last_error text,
          delivered_at timestamptz,
          result jsonb,
          incident_reason text,
          incident_at timestamptz,
          created_at timestamptz NOT NULL
        )`,
        `CREATE INDEX outbox_due_idx ON ${s}.outbox (next_attempt_at) WHERE status = 'pending'`,
        `CREATE INDEX outbox_order_idx ON ${s}.outbox (created_at, id)`,
        `CREATE INDEX outbox_incident_idx ON ${s}.outbox (destination, incident_at) WHERE status = 'incident'`,
        `CREATE INDEX outbox_case_idx ON ${s}.outbox (case_id)`,
        `CREATE INDEX outbox_idempotency_idx ON ${s}.outbox (idempotency_key)`,
        `CREATE TABLE ${s}.cursors (
          name text PRIMARY KEY,
          value text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`,
        `CREATE TABLE ${s}.access_denied (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text NOT NULL UNIQUE,
          at timestamptz NOT NULL,
          actor_id text NOT NULL,
          actor_teams jsonb NOT NULL,
          action text NOT NULL,
          case_type text NOT NULL,
          case_id text,
          reason text NOT NULL
        )`,
        `CREATE INDEX access_denied_case_idx ON ${s}.access_denied (case_id, at) WHERE case_id IS NOT NULL`,
        `CREATE INDEX access_denied_actor_idx ON ${s}.access_denied (actor_id, at)`,
      ],
    },
    {
      version: 2,
      name: 'case-erasure',
      statements: [
        // UK GDPR Article 17 can require personal data to go from the audit trail
        // too. Only the erasure write sets councilkit.erasure (for its own
        // transaction), and even then only the content of an event may change:
        // what happened, when and to which states stays, and rows are never deleted.
        `CREATE OR REPLACE FUNCTION ${s}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          IF TG_OP = 'UPDATE' AND current_setting('councilkit.erasure', true) = 'on'
            AND (NEW.case_id, NEW.sequence, NEW.id, NEW.case_version, NEW.type, NEW.at, NEW.channel, NEW.from_state, NEW.to_state)
              IS NOT DISTINCT FROM (OLD.case_id, OLD.sequence, OLD.id, OLD.case_version, OLD.type, OLD.at, OLD.channel, OLD.from_state, OLD.to_state)
          THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $fn$`,
        `CREATE TABLE ${s}.erasure_restrictions (
          target text PRIMARY KEY,
          kind text NOT NULL CHECK (kind IN ('record', 'case')),
          source text,
          record_id text,
          case_id text,
          case_type text,
          reason text NOT NULL,
          restricted_at timestamptz NOT NULL DEFAULT now()
        )`,
      ],
    },
    {
      version: 3,
      name: 'live-timers-by-case',
      statements: [
        // A transition that resolves, reopens or re-plans a case cancels its
        // live timers. Through timers_case_idx that visits every timer the case
        // ever had; this index holds only the live ones, so the cost stays flat
        // however long the case's history grows.
        `CREATE INDEX timers_live_case_idx ON ${s}.timers (case_id) WHERE status IN ('pending', 'claimed')`,
      ],
    },
    {
      version: 4,
      name: 'data-protection-records',
      statements: [
        // Suppression tombstones hold only keyed hashes (`<kind>:<hex HMAC>`):
        // never the secret, never the identifiers, so the table reveals
        // nothing without the secret kept outside the database.
        `CREATE TABLE ${s}.suppression_tombstones (
          id text PRIMARY KEY,
          created_at timestamptz NOT NULL,
          reason text NOT NULL,
          keys jsonb NOT NULL,
          saved_at timestamptz NOT NULL DEFAULT now()
        )`,
        // The consent ledger in its own order; rows leave only when the
        // subject is erased.
        `CREATE TABLE ${s}.consent_ledger (
          sequence integer PRIMARY KEY CHECK (sequence >= 1),
          subject_id text NOT NULL,
          actor_id text NOT NULL,
          consent jsonb NOT NULL
        )`,
        `CREATE INDEX consent_ledger_subject_idx ON ${s}.consent_ledger (subject_id)`,
      ],
    },
  ];
}

function checksum(migration: Migration, schema: string): string {
  // The schema name is spliced into every statement; hash the text with it
  // neutralised so one checksum holds for every schema.
  const neutral = migration.statements.map((statement) => statement.split(`"${schema}"`).join('"$schema"'));
  return createHash('sha256').update(`${migration.name}\n${neutral.join(';\n')}`).digest('hex').slice(0, 32);
}

/**
 * Bring a schema up to the latest migration. Safe when several processes start
 * at once: the whole run holds a transaction-scoped advisory lock keyed on the
 * schema, so exactly one process applies each migration and the others wait,
 * then see it applied. Every migration's checksum is checked against the one
 * recorded when it was applied.
 *
 * @example
 * ```ts
 * import { createPgDriver, migrate } from '@councilkit/store-postgres';
 *
 * const report = await migrate(createPgDriver({ pool }), { schema: 'councilkit' });
 * console.log(`schema at version ${report.current}, applied ${report.applied.join(', ') || 'nothing'}`);
 * ```
 */
export async function migrate(driver: SqlDriver, options: { schema: string; migrations?: Migration[] }): Promise<MigrationReport> {
  const { schema } = options;
  const s = quoteSchema(schema);
  const migrations = options.migrations ?? storeMigrations(schema);
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text))', [LOCK_NAMESPACE, schema]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      `SELECT version, name, checksum FROM ${s}.schema_migrations ORDER BY version`,
    );
    const known = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const row of rows) {
      const migration = known.get(row.version);
      if (migration === undefined) {
        throw new StoreError(
          'migration-mismatch',
          `Schema "${schema}" has migration ${row.version} (${row.name}), which this version of @councilkit/store-postgres does not know. Upgrade the package, or point it at another schema.`,
        );
      }
      if (checksum(migration, schema) !== row.checksum) {
        throw new StoreError(
          'migration-mismatch',
          `Migration ${row.version} (${row.name}) in schema "${schema}" was applied from different SQL than this package ships.`,
        );
      }
    }
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        checksum(migration, schema),
      ]);
      applied.push(migration.version);
    }
    const current = Math.max(0, ...rows.map((row) => row.version), ...applied);
    return { schema, applied, current };
  });
}
