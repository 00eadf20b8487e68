/**
 * The revenues and benefits standard interface: OpenAPI contract, typed client, case types and a mock back office.
 *
 * @packageDocumentation
 */
export { RevenuesError } from './errors.js';
export type { RevenuesErrorReason } from './errors.js';
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
