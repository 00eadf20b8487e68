/**
 * The revenues and benefits standard interface: OpenAPI contract, typed client, case types and a mock back office.
 *
 * @packageDocumentation
 */
export { REVENUES_PROBLEM_TYPES, RevenuesError } from './errors.js';
export type { RevenuesErrorDetails, RevenuesErrorReason, RevenuesProblemKind } from './errors.js';
export { createRevenuesClient } from './client.js';
export type { RevenuesClient, RevenuesClientOptions, RevenuesReadOptions, RevenuesWriteOptions } from './client.js';
export { describeRevenuesInterface, revenuesInterface } from './interface.js';
export {
  REVENUES_DESTINATION,
  benefitEnquiryCaseDataSchema,
  createRevenuesCaseTypes,
  directDebitChangeCaseDataSchema,
  movingHomeCaseDataSchema,
  revenuesStatusMap,
  singlePersonDiscountCaseDataSchema,
} from './case-types.js';
export type {
  BenefitEnquiryCaseData,
  DirectDebitChangeCaseData,
  MovingHomeCaseData,
  RevenuesCaseTypes,
  RevenuesCaseTypesOptions,
  SinglePersonDiscountCaseData,
} from './case-types.js';
export { defineRevenuesBackOffice } from './connector.js';
export type { RevenuesBackOfficeConnectorOptions } from './connector.js';
export type { RevenuesConformanceSamples } from './interface.js';
export {
  accountIdSchema,
  accountLookupSchema,
  accountReferenceSchema,
  accountSchema,
  addressSchema,
  apportionmentPartSchema,
  awardSchema,
  benefitEnquirySchema,
  claimIdSchema,
  claimLookupSchema,
  claimReferenceSchema,
  claimSchema,
  directDebitInstructionSchema,
  directDebitOutcomeSchema,
  discountApplicationSchema,
  discountCancellationSchema,
  discountOutcomeSchema,
  discountReviewSchema,
  discountSchema,
  enquiryOutcomeSchema,
  exemptionSchema,
  instalmentSchema,
  liablePartySchema,
  localDateSchema,
  moveOutcomeSchema,
  moveRequestSchema,
  paymentDaysSchema,
  paymentListSchema,
  paymentMethodSchema,
  paymentSchema,
  postcodeSchema,
  problemSchema,
  requestStatusSchema,
  statementListSchema,
  statementSchema,
  statusUpdateSchema,
  updatePageSchema,
  uprnSchema,
} from './schemas.js';
export type {
  Account,
  AccountLookup,
  Address,
  ApportionmentPart,
  Award,
  BenefitEnquiry,
  Claim,
  ClaimLookup,
  DirectDebitInstruction,
  DirectDebitOutcome,
  Discount,
  DiscountApplication,
  DiscountCancellation,
  DiscountOutcome,
  DiscountReview,
  EnquiryOutcome,
  Exemption,
  Instalment,
  LiableParty,
  MoveOutcome,
  MoveRequest,
  Payment,
  PaymentMethod,
  RequestStatus,
  RevenuesProblem,
  Statement,
  StatusUpdate,
  UpdatePage,
} from './schemas.js';
export { apportionCharge, chargeForPeriod, daysInFinancialYear, financialYearOf } from './rules/apportionment.js';
export type { ApportionChargeInput, Apportionment, ChargeForPeriodInput } from './rules/apportionment.js';
export { assessMoveDate } from './rules/move-date.js';
export type { AssessMoveDateInput, MoveDateDecision } from './rules/move-date.js';
export { checkSinglePersonDiscount } from './rules/single-person-discount.js';
export type { DiscountResident, SinglePersonDiscountDecision, SinglePersonDiscountInput } from './rules/single-person-discount.js';
export { createSecondFactorGuard, normalisePostcode, normaliseSurname } from './rules/second-factor.js';
export type {
  SecondFactor,
  SecondFactorAuditEvent,
  SecondFactorGuard,
  SecondFactorGuardOptions,
  SecondFactorRecord,
  SecondFactorResult,
} from './rules/second-factor.js';
export { checkBankDetails } from './rules/bank-details.js';
export type { BankDetailsCheck, BankDetailsInput, BankDetailsProblem, CheckedBankDetails } from './rules/bank-details.js';
