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
export { ConflictError } from './store-port.js';
export type {
  AccessDeniedQuery,
  CaseCommit,
  CaseQuery,
  CaseStore,
  ClaimRequest,
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
export type { BankHoliday, Nation } from './calendar/bank-holidays.js';
