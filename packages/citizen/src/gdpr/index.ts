/**
 * Data protection (UK GDPR) for citizen data: subject access export with
 * supplementary information and third-party redaction, erasure and
 * restriction by retention rules and legal holds with a suppression
 * tombstone, a personal-data scan any store can feed, a consent and
 * lawful-basis ledger, and audited access to special category data. Cases
 * are read and written through narrow ports, so citizen does not depend on
 * `@councilkit/cases`.
 *
 * @packageDocumentation
 */
export { createConsentLedger } from './consent-ledger.js';
export type { ConsentLedger, ConsentLedgerEntry, ConsentLedgerOptions, RecordConsentInput } from './consent-ledger.js';
export { createErasure, pseudonymiseCaseRecord } from './erasure.js';
export type {
  Erasure,
  ErasureAuditEntry,
  ErasureBlock,
  ErasureBlockReason,
  ErasureOptions,
  ErasureOutcome,
  ErasurePlan,
  ErasurePlanItem,
  ErasureRequest,
  ErasureStatus,
  ErasureStore,
  ErasureTarget,
  LegalHold,
  RetentionRule,
} from './erasure.js';
export { GdprError } from './errors.js';
export type { GdprErrorReason } from './errors.js';
export type { DataSubject, GdprActor, ProcessingNotice, SubjectCase, SubjectCaseEvent, SubjectCaseReader } from './ports.js';
export { scanForPersonalData } from './scan.js';
export type { PersonalDataFinding, PersonalDataKind, ScanOptions, ScanRow } from './scan.js';
export { createSpecialCategoryAccess, SPECIAL_CATEGORY_FIELDS } from './special-category.js';
export type { SpecialCategoryAccess, SpecialCategoryAccessEntry, SpecialCategoryAccessOptions, SpecialCategoryData, SpecialCategoryField } from './special-category.js';
export { caseStatistics } from './statistics.js';
export type { CaseStatistics } from './statistics.js';
export { createSubjectAccessExport, renderSubjectAccessMarkdown } from './subject-access.js';
export type {
  DataController,
  SubjectAccessCase,
  SubjectAccessExporter,
  SubjectAccessExportOptions,
  SubjectAccessPackage,
  SubjectAccessRecord,
  SubjectAccessRequest,
  SubjectAccessResult,
} from './subject-access.js';
export { createSuppressionList } from './suppression.js';
export type { SuppressionCheck, SuppressionKeyKind, SuppressionList, SuppressionListOptions, SuppressionTombstone } from './suppression.js';
export { createThirdPartyRedactor, THIRD_PARTY } from './third-parties.js';
export type { ThirdPartyRedactor, ThirdPartyRedactorOptions } from './third-parties.js';
export type { SourceRecord } from '../matching/merge-types.js';
