import type { Citizen } from '../schemas/types.js';

/**
 * One record as a council system holds it: the system's name, its own id
 * for the record, when it last changed there, and the record as a
 * {@link Citizen}. A merged person keeps every one of these untouched.
 *
 * @example
 * ```ts
 * const record: SourceRecord = { source: 'council-tax', recordId: 'CT-881', updatedAt: '2025-03-01T09:00:00.000Z', citizen };
 * ```
 */
export interface SourceRecord {
  /** The system the record comes from, such as `council-tax` or `housing`. */
  source: string;
  /** The record's id in that system. */
  recordId: string;
  /** When the record last changed in its system (ISO 8601 date-time); the recency rule compares these. */
  updatedAt: string;
  /** The record. */
  citizen: Citizen;
}

/**
 * A single-value field of the citizen that survivorship picks one source for.
 *
 * @example
 * ```ts
 * const field: ScalarField = 'dateOfBirth';
 * ```
 */
export type ScalarField = 'name' | 'dateOfBirth' | 'preferredChannel' | 'communicationNeeds';

/**
 * A list field of the citizen that survivorship unions across sources (one
 * copy of each distinct item, taken from the most trusted source holding it).
 *
 * @example
 * ```ts
 * const field: ListField = 'contactPoints';
 * ```
 */
export type ListField = 'previousNames' | 'addresses' | 'contactPoints' | 'identifiers' | 'consents' | 'households' | 'accessibilityNeeds' | 'vulnerabilities';

/**
 * Which rule decided a surviving value: `trust` (the most trusted source
 * holding a value), `precision` (same trust, the more complete date of
 * birth), `recency` (same trust, the most recently updated record) or
 * `only-value` (only one source had a value).
 *
 * @example
 * ```ts
 * person.provenance.fields.name?.rule; // 'trust'
 * ```
 */
export type SurvivorshipRule = 'trust' | 'precision' | 'recency' | 'only-value';

/**
 * Where a surviving value came from.
 *
 * @example
 * ```ts
 * const from: ValueSource = { source: 'council-tax', recordId: 'CT-881', updatedAt: '2025-03-01T09:00:00.000Z', rule: 'trust' };
 * ```
 */
export interface ValueSource {
  /** Source system. */
  source: string;
  /** Record id in that system. */
  recordId: string;
  /** When that record last changed. */
  updatedAt: string;
  /** The rule that chose it. */
  rule: SurvivorshipRule;
}

/**
 * Provenance of a person's golden record: for each single-value field the
 * source that supplied it, and for each list field one {@link ValueSource}
 * per item, in the same order as the items.
 *
 * @example
 * ```ts
 * const where = person.provenance.items.addresses[0]; // the source of person.citizen.addresses[0]
 * ```
 */
export interface Provenance {
  /** Single-value fields (absent when no source had a value). */
  fields: Partial<Record<ScalarField, ValueSource>>;
  /** List fields, item by item. */
  items: Record<ListField, ValueSource[]>;
}

/**
 * A person: the golden record built from one or more source records by the
 * survivorship rules, the source records themselves, the provenance of every
 * surviving value and, after a merge, a snapshot of exactly what was merged
 * so that `unmerge` can restore it.
 *
 * @example
 * ```ts
 * const person: MergedPerson = merger.fromSource(record);
 * person.citizen.id === person.id; // true
 * ```
 */
export interface MergedPerson {
  /** MergedPerson id; also the golden record's `citizen.id`. */
  id: string;
  /** The golden record. */
  citizen: Citizen;
  /** Every source record, untouched. */
  sources: SourceRecord[];
  /** Which source supplied each surviving value. */
  provenance: Provenance;
  /** The persons this one was merged from, exactly as they were (absent when never merged). */
  mergedFrom?: MergedPerson[];
}

/**
 * Who did a merge or unmerge, for the audit trail.
 *
 * @example
 * ```ts
 * const actor: MergeActor = { id: 'agent-42', teams: ['contact-centre'] };
 * ```
 */
export interface MergeActor {
  /** Stable id of the person or system. */
  id: string;
  /** Their teams. */
  teams: readonly string[];
  /** Their roles, if any. */
  roles?: readonly string[];
}

/**
 * The audit entry of one merge or unmerge: who, when, why, and the person
 * ids before and after.
 *
 * @example
 * ```ts
 * const entry: MergeAuditEntry = { id: 'a-1', action: 'merge', actor, at: '2025-06-01T10:00:00.000Z', reason: 'Same NINO and date of birth', before: ['p-1', 'p-2'], after: ['p-1'], sourceRecords: [{ source: 'housing', recordId: 'H-1' }] };
 * ```
 */
export interface MergeAuditEntry {
  /** Entry id. */
  id: string;
  /** What was done. */
  action: 'merge' | 'unmerge';
  /** Who did it. */
  actor: MergeActor;
  /** When (ISO 8601). */
  at: string;
  /** Why, in the actor's words. */
  reason: string;
  /** MergedPerson ids before. */
  before: string[];
  /** MergedPerson ids after. */
  after: string[];
  /** Every source record involved. */
  sourceRecords: Array<{ source: string; recordId: string }>;
}
