/**
 * The waste and recycling standard interface: OpenAPI contract
 * (`openapi/waste.yaml`), a typed client, eligibility rules, case types, a
 * conformance description and (at `@councilkit/waste/mock`) a mock back office.
 *
 * @packageDocumentation
 */
export { createWasteClient } from './client.js';
export type { BulkyCatalogue, ReadOptions, WasteClient, WasteClientOptions, WriteOptions } from './client.js';
export { WASTE_PROBLEM_TYPES, WasteError } from './errors.js';
export type { WasteErrorDetails, WasteErrorReason, WasteProblem, WasteProblemKind } from './errors.js';
export {
  checkBulkyAmendment,
  checkBulkyCancellation,
  checkContainerRequest,
  checkMissedCollection,
  gardenWasteCharge,
  isOpenStatus,
} from './eligibility.js';
export type {
  BulkyAmendmentRefusal,
  BulkyCancellationCheck,
  BulkyCancellationRefusal,
  BulkyRefundPolicy,
  ContainerRequestCheck,
  ContainerRequestRefusal,
  Eligibility,
  GardenWasteChargeInput,
  MissedCollectionCheck,
  MissedCollectionRefusal,
  WorkingDays,
} from './eligibility.js';
export { COLLECTION_EVENT_DETAILS, COLLECTION_EVENT_TYPES, MATERIAL_STREAMS } from './taxonomies.js';
export {
  assistedApplyInputSchema,
  assistedCollectionSchema,
  assistedDecisionInputSchema,
  bulkyAmendInputSchema,
  bulkyBookInputSchema,
  bulkyBookingSchema,
  bulkyCancellationSchema,
  bulkyItemSchema,
  bulkyReservationSchema,
  bulkyReserveInputSchema,
  bulkySlotSchema,
  bulkySlotsInputSchema,
  cancelInputSchema,
  collectionEventDetailSchema,
  collectionEventTypeSchema,
  containerRequestInputSchema,
  containerTypeSchema,
  gardenModifyInputSchema,
  gardenQuoteInputSchema,
  gardenQuoteSchema,
  gardenRenewInputSchema,
  gardenSubscribeInputSchema,
  gardenSubscriptionSchema,
  lastCollectionSchema,
  materialStreamSchema,
  missedCollectionInputSchema,
  postcodeSchema,
  problemSchema,
  propertySchema,
  propertyServicesSchema,
  referenceInputSchema,
  requestStatusSchema,
  requestTypeSchema,
  serviceRequestSchema,
  statusUpdateSchema,
  updatePageSchema,
  updatesInputSchema,
  uprnSchema,
  usrnSchema,
  wasteServiceSchema,
} from './schemas.js';
export type {
  AssistedApplyInput,
  AssistedCollection,
  AssistedDecisionInput,
  BulkyAmendInput,
  BulkyBookInput,
  BulkyBooking,
  BulkyCancellation,
  BulkyItem,
  BulkyReservation,
  BulkyReserveInput,
  BulkySlot,
  BulkySlotsInput,
  CancelInput,
  CollectionEventDetail,
  CollectionEventType,
  CollectionOutcome,
  ContainerRequestInput,
  ContainerType,
  GardenModifyInput,
  GardenQuote,
  GardenQuoteInput,
  GardenRenewInput,
  GardenSubscribeInput,
  GardenSubscription,
  LastCollection,
  MaterialStream,
  MissedCollectionInput,
  Property,
  PropertyServices,
  RequestStatus,
  RequestType,
  ServiceRequest,
  StatusUpdate,
  UpdatePage,
  UpdatesInput,
  WasteService,
} from './schemas.js';
export { WASTE_FIXTURES } from './fixtures.js';
export { wasteInterface } from './interface.js';
export {
  assistedCollectionCaseDataSchema,
  bulkyBookingCaseDataSchema,
  containerRequestCaseData,
  containerRequestCaseDataSchema,
  createWasteCaseTypes,
  gardenSubscriptionCaseDataSchema,
  missedCollectionCaseData,
  missedCollectionCaseDataSchema,
  WASTE_DESTINATION,
  wasteStatusMap,
} from './case-types.js';
export type {
  AssistedCollectionCaseData,
  BulkyBookingCaseData,
  ContainerRequestCaseData,
  GardenSubscriptionCaseData,
  MissedCollectionCaseData,
  WasteCaseTypes,
  WasteCaseTypesOptions,
} from './case-types.js';
export { defineWasteBackOffice } from './connector.js';
export type { WasteBackOfficeConnectorOptions } from './connector.js';
