// The SQL side of CaseStore.pseudonymiseCase: the one write that may change
// a case's history (UK GDPR Article 17). The engine never calls it; erasure
// does, through createSqlErasureStore.
import { ConflictError, ERASED_MARKERS, pseudonymisationProblem } from '@councilkit/cases';
import type { CasePseudonymisation, CaseRecord } from '@councilkit/cases';
import type { SqlDriver } from './driver.js';
import { StoreError } from './errors.js';
import { toEvent, type Row } from './rows.js';

/** Every column of a `cases` row, named as the table names them, so a missing optional field clears its column. */
function caseRow(record: CaseRecord): Record<string, unknown> {
  return {
    id: record.id,
    case_type: record.caseType,
    case_type_version: record.caseTypeVersion,
    version: record.version,
    state: record.state,
    status: record.status,
    data: record.data,
    channel: record.channel,
    citizen_id: record.citizenId ?? null,
    team: record.team ?? null,
    queue: record.queue ?? null,
    assignee: record.assignee ?? null,
    restricted_to: record.restrictedTo ?? null,
    opened_at: record.openedAt,
    updated_at: record.updatedAt,
    resolved_at: record.resolvedAt ?? null,
    closed_at: record.closedAt ?? null,
    resolved_at_first_contact: record.resolvedAtFirstContact ?? null,
    sla_met: record.slaMet ?? null,
    reopen_count: record.reopenCount,
    handling_seconds: record.handlingSeconds ?? null,
    sla: record.sla ?? null,
    sla_breach_at: record.sla?.breachAt ?? null,
    sla_paused_at: record.sla?.pausedAt ?? null,
    external_references: record.externalReferences,
    attachments: record.attachments,
  };
}

/**
 * Replace a case and its events by their pseudonymised versions and empty
 * the outbox payloads and idempotency fingerprints of the case, in one
 * transaction, as `CaseStore.pseudonymiseCase` promises. `s` is the quoted
 * schema name.
 */
export async function pseudonymiseSqlCase(driver: SqlDriver, s: string, input: CasePseudonymisation): Promise<void> {
  const next = input.case;
  await driver.transaction(async (tx) => {
    // The row lock makes a racing commit wait, then fail its own version check.
    const found = await tx.query<{ version: number }>(`SELECT version FROM ${s}.cases WHERE id = $1::text FOR UPDATE`, [next.id]);
    const actual = found.rows[0] === undefined ? 0 : Number(found.rows[0].version);
    if (actual !== input.expectedVersion) {
      throw new ConflictError(
        'version-conflict',
        `Case ${next.id} is at version ${actual}, not ${input.expectedVersion}: read it again and redo the pseudonymisation`,
        { caseId: next.id, expectedVersion: input.expectedVersion, actualVersion: actual },
      );
    }
    const stored = (await tx.query<Row>(`SELECT * FROM ${s}.case_events WHERE case_id = $1::text ORDER BY sequence`, [next.id])).rows.map(toEvent);
    const problem = pseudonymisationProblem(input, stored);
    if (problem) throw new StoreError('invalid-commit', problem);

    // Lets the append-only trigger accept this transaction's event updates (content columns only).
    await tx.query(`SELECT set_config('councilkit.erasure', 'on', true)`);
    const row = caseRow(next);
    const columns = Object.keys(row).filter((column) => column !== 'id');
    await tx.query(
      `UPDATE ${s}.cases SET (${columns.join(', ')}) =
         (SELECT ${columns.map((column) => `r.${column}`).join(', ')} FROM jsonb_populate_record(NULL::${s}.cases, $2::jsonb) AS r)
       WHERE id = $1::text`,
      [next.id, JSON.stringify(row)],
    );
    await tx.query(
      `UPDATE ${s}.case_events e
       SET payload = x.payload, actor_id = x."actorId", actor_teams = x."actorTeams", idempotency_key = x."idempotencyKey"
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, payload jsonb, "actorId" text, "actorTeams" jsonb, "idempotencyKey" text)
       WHERE e.case_id = $1::text AND e.id = x.id`,
      [next.id, JSON.stringify(input.events)],
    );
    await tx.query(`UPDATE ${s}.idempotency_keys SET fingerprint = convert_to($2::text, 'UTF8') WHERE case_id = $1::text`, [
      next.id,
      ERASED_MARKERS.fingerprint,
    ]);
    // Every right-hand side reads the row as it was, so status is tested before it changes.
    await tx.query(
      `UPDATE ${s}.outbox SET
         payload = '{}'::jsonb,
         result = CASE WHEN result IS NULL THEN NULL ELSE '{}'::jsonb END,
         last_error = CASE WHEN last_error IS NULL THEN NULL ELSE $2::text END,
         incident_reason = CASE WHEN status = 'pending' THEN $3::text WHEN incident_reason IS NULL THEN NULL ELSE $2::text END,
         incident_at = CASE WHEN status = 'pending' THEN now() ELSE incident_at END,
         status = CASE WHEN status = 'pending' THEN 'incident' ELSE status END,
         lease_owner = NULL, lease_expires_at = NULL
       WHERE case_id = $1::text`,
      [next.id, ERASED_MARKERS.text, ERASED_MARKERS.incidentReason],
    );
  });
}
