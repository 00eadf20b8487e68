/**
 * The parking enforcement standard interface: OpenAPI contract, typed client, case types and a mock back office.
 *
 * @packageDocumentation
 */
export { PARKING_PROBLEM_TYPES, ParkingError } from './errors.js';
export type { ParkingErrorDetails, ParkingErrorReason, ParkingProblemKind } from './errors.js';
export { createParkingClient } from './client.js';
export type { ParkingClient, ParkingClientOptions, ParkingReadOptions, ParkingWriteOptions } from './client.js';
export { describeParkingInterface, parkingInterface } from './interface.js';
export {
  PARKING_DESTINATION,
  challengeCaseDataSchema,
  createParkingCaseTypes,
  parkingStatusMap,
  pcnCaseDataSchema,
  permitApplicationCaseDataSchema,
  representationCaseDataSchema,
} from './case-types.js';
export type {
  ChallengeCaseData,
  ParkingCaseTypes,
  ParkingCaseTypesOptions,
  PcnCaseData,
  PermitApplicationCaseData,
  RepresentationCaseData,
} from './case-types.js';
export { defineParkingBackOffice } from './connector.js';
export type { ParkingBackOfficeConnectorOptions } from './connector.js';
export type { ParkingConformanceSamples } from './interface.js';
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
export { checkChallengeAllowed } from './rules/challenge.js';
export type { ChallengeAllowed } from './rules/challenge.js';
export {
  REPRESENTATION_GROUNDS,
  challengeRequestSchema,
  challengeSchema,
  evidenceSchema,
  letterSchema,
  paymentReceiptSchema,
  paymentRequestSchema,
  pcnLookupSchema,
  pcnNumberSchema,
  pcnSchema,
  pcnStageSchema,
  permitApplicationSchema,
  permitRenewalSchema,
  permitSchema,
  problemSchema,
  referenceSchema,
  requestStatusSchema,
  statusUpdateSchema,
  timelineEntrySchema,
  timelineSchema,
  updatePageSchema,
  vehicleChangeSchema,
  visitorSessionRequestSchema,
  visitorSessionSchema,
  vrmSchema,
  zoneListSchema,
  zoneSchema,
} from './schemas.js';
export type {
  Challenge,
  ChallengeRequest,
  Evidence,
  Letter,
  ParkingProblem,
  PaymentReceipt,
  PaymentRequest,
  Pcn,
  PcnLookup,
  Permit,
  PermitApplication,
  PermitRenewal,
  RepresentationGround,
  RequestStatus,
  StatusUpdate,
  Timeline,
  TimelineEntry,
  UpdatePage,
  VehicleChange,
  VisitorSession,
  VisitorSessionRequest,
  Zone,
} from './schemas.js';
