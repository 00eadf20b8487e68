/**
 * The parking enforcement standard interface: OpenAPI contract, typed client, case types and a mock back office.
 *
 * @packageDocumentation
 */
export { ParkingError } from './errors.js';
export type { ParkingErrorReason } from './errors.js';
export { DEFAULT_PCN_RULES, derivePcnStatus, PCN_EVENT_TYPES, PCN_STAGES } from './rules/pcn-lifecycle.js';
export type {
  DerivePcnStatusOptions,
  PcnCalendar,
  PcnEvent,
  PcnEventType,
  PcnFacts,
  PcnRules,
  PcnServiceMethod,
  PcnStage,
  PcnStatus,
} from './rules/pcn-lifecycle.js';
