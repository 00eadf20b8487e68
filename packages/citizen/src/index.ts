/**
 * The citizen model: zod schemas and types for people, addresses, contact
 * points, identifiers, consents and households, with UK validation and
 * normalisation, a never-throwing `parseCitizen`, and redaction for logs.
 *
 * @packageDocumentation
 */
export { parseCitizen } from './parse-citizen.js';
export type { CitizenFieldError, CitizenNormalisation, ParseCitizenResult } from './parse-citizen.js';
export { createRedactor, REDACTED, redactCitizen } from './redact.js';
export type { RedactCitizenOptions, RedactedCitizen, Redactor, RedactorOptions } from './redact.js';
export { addressSchema, citizenAddressSchema, coordinatesSchema } from './schemas/address.js';
export {
  accessibilityNeedSchema,
  citizenSchema,
  communicationNeedsSchema,
  personNameSchema,
  previousNameSchema,
  vulnerabilityFlagSchema,
} from './schemas/citizen.js';
export { consentSchema, lawfulBasisSchema } from './schemas/consent.js';
export { contactPointSchema, preferredChannelSchema } from './schemas/contact-point.js';
export { householdLinkSchema, householdRelationshipSchema, householdSchema } from './schemas/household.js';
export { identifierSchema } from './schemas/identifier.js';
export type { AddressUse } from './schemas/address.js';
export type { DateOfBirthInput } from './schemas/fields.js';
export type {
  AccessibilityNeed,
  Address,
  AddressInput,
  Citizen,
  CitizenAddress,
  CitizenInput,
  CommunicationNeeds,
  Consent,
  ContactPoint,
  Coordinates,
  Household,
  HouseholdLink,
  HouseholdRelationship,
  Identifier,
  LawfulBasis,
  PersonName,
  PreferredChannel,
  PreviousName,
  VulnerabilityFlag,
} from './schemas/types.js';

export { validateCouncilTaxReference } from './validators/council-tax-reference.js';
export type { CouncilTaxReferenceOptions } from './validators/council-tax-reference.js';
export { validateDateOfBirth } from './validators/date-of-birth.js';
export type { DateOfBirth, DateOfBirthOptions, DatePrecision } from './validators/date-of-birth.js';
export { MAX_EMAIL_LENGTH, validateEmail } from './validators/email.js';
export { validateName } from './validators/name.js';
export type { NameOptions } from './validators/name.js';
export { nhsCheckDigit, validateNhsNumber } from './validators/nhs-number.js';
export { formatNino, validateNino } from './validators/nino.js';
export { validatePhone } from './validators/phone.js';
export type { PhoneOptions } from './validators/phone.js';
export { validatePostcode } from './validators/postcode.js';
export type { PostcodeOptions } from './validators/postcode.js';
export type { ValidationFailure, ValidationFailureReason, ValidationResult, ValidationSuccess } from './validators/result.js';
export { MAX_UPRN, validateUprn } from './validators/uprn.js';
export { validateUsrn } from './validators/usrn.js';
