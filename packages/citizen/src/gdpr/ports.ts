import type { SourceRecord } from '../matching/merge-types.js';
import type { LawfulBasis } from '../schemas/types.js';

/**
 * Who is acting, for audit trails and case reads.
 *
 * @example
 * ```ts
 * const actor: GdprActor = { id: 'dpo-1', teams: ['information-governance'] };
 * ```
 */
export interface GdprActor {
  /** Stable id. */
  id: string;
  /** Teams (case access policies match on these). */
  teams: readonly string[];
  /** Roles, if any. */
  roles?: readonly string[];
}

/**
 * The data subject: a person id and every source record held about them
 * (a `MergedPerson` from `@councilkit/citizen/matching` fits as it is).
 *
 * @example
 * ```ts
 * const subject: DataSubject = { id: person.id, sources: person.sources };
 * ```
 */
export interface DataSubject {
  /** The person id (cases are linked to it). */
  id: string;
  /** Source records about them. */
  sources: readonly SourceRecord[];
}

/**
 * A case as the data-protection tools read it. `@councilkit/cases`'s
 * `CaseRecord` has this shape (and more).
 *
 * @example
 * ```ts
 * const record: SubjectCase = (await engine.getCase({ actor, caseId })).case;
 * ```
 */
export interface SubjectCase {
  /** Case id. */
  id: string;
  /** Case type name. */
  caseType: string;
  /** Current state. */
  state: string;
  /** `open`, `resolved` or `closed`. */
  status: string;
  /** Channel opened through. */
  channel: string;
  /** Linked citizen id. */
  citizenId?: string;
  /** When opened (ISO). */
  openedAt: string;
  /** When last changed (ISO). */
  updatedAt: string;
  /** When resolved. */
  resolvedAt?: string;
  /** When closed. */
  closedAt?: string;
  /** The case data. */
  data: Record<string, unknown>;
  /** References in other systems. */
  externalReferences: ReadonlyArray<{ system: string; reference: string }>;
  /** Attached files. */
  attachments: ReadonlyArray<{ name: string; contentType: string; uri: string }>;
}

/**
 * One event in a case's audit trail, as the data-protection tools read it
 * (`@councilkit/cases`'s `CaseEvent` has this shape). Notes are in
 * `payload.text`.
 *
 * @example
 * ```ts
 * const note: SubjectCaseEvent = { type: 'note-added', at: '2025-01-02T10:00:00.000Z', actorId: 'agent-7', payload: { text: 'Called back' } };
 * ```
 */
export interface SubjectCaseEvent {
  /** Event type. */
  type: string;
  /** When. */
  at: string;
  /** Who (a staff or system id). */
  actorId: string;
  /** Detail. */
  payload: Record<string, unknown>;
  /** State before. */
  from?: string;
  /** State after. */
  to?: string;
  /** Channel. */
  channel?: string;
}

/**
 * How a subject access export reads cases: the case engine's
 * `casesByCitizen` and `getCase` queries (`@councilkit/cases`'s
 * `CaseEngine` satisfies it). Typed here so citizen does not depend on cases.
 *
 * @example
 * ```ts
 * const cases: SubjectCaseReader = caseEngine;
 * ```
 */
export interface SubjectCaseReader {
  /** A citizen's cases the actor may see, and how many were withheld. */
  casesByCitizen(query: { actor: GdprActor; citizenId: string }): Promise<{ cases: ReadonlyArray<{ case: SubjectCase }>; withheld: number }>;
  /** One case with its audit trail. */
  getCase(query: { actor: GdprActor; caseId: string }): Promise<{ case: SubjectCase; history: readonly SubjectCaseEvent[] }>;
}

/**
 * The supplementary information UK GDPR Article 15 requires alongside the
 * data: why it is held, on what lawful basis, who receives it, how long it
 * is kept and where it came from.
 *
 * @example
 * ```ts
 * const councilTax: ProcessingNotice = {
 *   purposes: ['Billing and collecting council tax'],
 *   lawfulBases: ['legal-obligation', 'public-task'],
 *   recipients: ['Valuation Office Agency', 'Enforcement agents'],
 *   retention: '6 years after the account closes',
 *   source: 'You, and the Valuation Office Agency',
 * };
 * ```
 */
export interface ProcessingNotice {
  /** Purposes of the processing. */
  purposes: readonly string[];
  /** Article 6 lawful bases. */
  lawfulBases: readonly LawfulBasis[];
  /** Article 9 conditions, where special category data is held. */
  specialCategoryConditions?: readonly string[];
  /** Recipients or categories of recipient. */
  recipients: readonly string[];
  /** How long it is kept, or the criteria. */
  retention: string;
  /** Where the data came from, when not from the person. */
  source: string;
}
