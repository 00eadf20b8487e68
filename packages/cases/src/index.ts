/**
 * The case workflow engine: case types as data, an append-only audit trail, SLA timers in UK working days, metrics and a storage port.
 *
 * @packageDocumentation
 */
export { CHANNELS } from './records.js';
export type {
  AccessDeniedRecord,
  Actor,
  Attachment,
  CaseEvent,
  CaseEventType,
  CaseRecord,
  CaseSla,
  CaseStatus,
  Channel,
  ExternalReference,
  IdempotencyRecord,
  JsonObject,
  OutboxMessage,
  OutboxStatus,
  SlaState,
  TimerKind,
  TimerRecord,
  TimerStatus,
} from './records.js';
export { ConflictError, ERASED_MARKERS, pseudonymisationProblem } from './store-port.js';
export type {
  AccessDeniedQuery,
  CaseCommit,
  CasePseudonymisation,
  CaseQuery,
  CaseStore,
  ClaimRequest,
  CommandSnapshot,
  ConflictReason,
  OutboxClaimRequest,
  OutboxQuery,
  TimerCompletion,
  TimerQuery,
} from './store-port.js';
export { createWorkingDayCalendar, CalendarError } from './calendar/calendar.js';
export type {
  CalendarDate,
  CalendarErrorReason,
  Closure,
  WorkingDayCalendar,
  WorkingDayCalendarOptions,
  WorkingDuration,
} from './calendar/calendar.js';
export { bankHolidays, BANK_HOLIDAY_SNAPSHOT_YEARS, NATIONS } from './calendar/bank-holidays.js';
export { addCalendarDays, londonDate } from './calendar/london-time.js';
export type { BankHoliday, Nation } from './calendar/bank-holidays.js';
export { defineCaseType, CaseDefinitionError } from './define-case-type.js';
export type {
  AccessConfig,
  CaseDefinitionErrorReason,
  CaseType,
  CaseTypeConfig,
  Effect,
  EscalationStep,
  Guard,
  GuardContext,
  ReferEffect,
  SlaConfig,
  StateConfig,
  StateOwner,
  TransitionConfig,
  UpdateDataEffect,
} from './define-case-type.js';
export { toMermaid } from './mermaid.js';
export { createMemoryStore } from './memory-store.js';
export { createCaseErasureStore, createMemoryErasureStore, createMemoryRestrictionLedger, restrictionKey } from './erasure-store.js';
export type {
  CaseErasureStoreOptions,
  ErasureDirectory,
  ErasureRestriction,
  MemoryErasureStoreOptions,
  RestrictCasesThrough,
  RestrictingErasureStore,
  RestrictionLedger,
} from './erasure-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export { createCaseEngine } from './engine/engine.js';
export type {
  AccessPolicy,
  AccessRequest,
  CaseEngine,
  CaseEngineOptions,
  CaseListItem,
  CaseView,
  CitizenTimeline,
  Clock,
  CommandResult,
  EnginePolicies,
  MigrationReport,
  TimerOutcome,
} from './engine/engine.js';
export type {
  AssignCommand,
  AttachCommand,
  BreachingQuery,
  CaseCommandBase,
  CommandBase,
  ExternalReferenceCommand,
  FinishCommand,
  LinkCitizenCommand,
  MigrationCommand,
  NoteCommand,
  OpenCommand,
  PauseCommand,
  LiftRestrictionCommand,
  ReopenCommand,
  RestrictAccessCommand,
  TransitionCommand,
  WorkQueueQuery,
} from './engine/commands.js';
export { AccessDeniedError, CaseError } from './engine/errors.js';
export type { CaseErrorReason } from './engine/errors.js';
export { slaStateOf } from './engine/sla.js';
export { createScheduler } from './scheduler.js';
export type { Scheduler, SchedulerOptions, TickReport } from './scheduler.js';
export { computeMetrics, DEFAULT_UNIT_COSTS } from './metrics.js';
export type { CaseMetrics, CostToServe, CountShare, MetricsOptions, UnitCosts } from './metrics.js';
