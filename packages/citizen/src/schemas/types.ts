import type { z } from 'zod';
import type { addressSchema, citizenAddressSchema, coordinatesSchema } from './address.js';
import type {
  accessibilityNeedSchema,
  citizenSchema,
  communicationNeedsSchema,
  personNameSchema,
  previousNameSchema,
  vulnerabilityFlagSchema,
} from './citizen.js';
import type { consentSchema, lawfulBasisSchema } from './consent.js';
import type { contactPointSchema, preferredChannelSchema } from './contact-point.js';
import type { householdLinkSchema, householdRelationshipSchema, householdSchema } from './household.js';
import type { identifierSchema } from './identifier.js';

/**
 * A validated, normalised resident record. Produce one with
 * {@link parseCitizen}; never build one by hand from unchecked data.
 *
 * @example
 * ```ts
 * function greet(citizen: Citizen) {
 *   return `Hello ${citizen.name.preferred ?? citizen.name.given ?? citizen.name.family}`;
 * }
 * ```
 */
export type Citizen = z.output<typeof citizenSchema>;
/**
 * What {@link citizenSchema} accepts before normalisation (any case and
 * spacing, national phone numbers, UK-order dates).
 *
 * @example
 * ```ts
 * const input: CitizenInput = { id: 'c-1', name: { given: 'Ada', family: 'Lovelace' }, dateOfBirth: '10/12/1985' };
 * ```
 */
export type CitizenInput = z.input<typeof citizenSchema>;
/**
 * A normalised BS7666-style address. See {@link addressSchema}.
 *
 * @example
 * ```ts
 * const address: Address = { pao: '10', street: 'Downing Street', town: 'London', postcode: 'SW1A 2AA', uprn: '100023336956' };
 * ```
 */
export type Address = z.output<typeof addressSchema>;
/**
 * What {@link addressSchema} accepts before normalisation.
 *
 * @example
 * ```ts
 * const input: AddressInput = { pao: '10', street: 'Downing Street', town: 'London', postcode: 'sw1a2aa' };
 * ```
 */
export type AddressInput = z.input<typeof addressSchema>;
/**
 * Property coordinates. See {@link coordinatesSchema}.
 *
 * @example
 * ```ts
 * const at: Coordinates = { system: 'bng', easting: 530047, northing: 179951 };
 * ```
 */
export type Coordinates = z.output<typeof coordinatesSchema>;
/**
 * One entry in a resident's address history. See {@link citizenAddressSchema}.
 *
 * @example
 * ```ts
 * const current = citizen.addresses.find((entry: CitizenAddress) => entry.use === 'home' && entry.to === undefined);
 * ```
 */
export type CitizenAddress = z.output<typeof citizenAddressSchema>;
/**
 * A normalised phone number or email address. See {@link contactPointSchema}.
 *
 * @example
 * ```ts
 * const point: ContactPoint = { kind: 'email', value: 'ada@example.com', use: 'home', preferred: true, verified: false };
 * ```
 */
export type ContactPoint = z.output<typeof contactPointSchema>;
/**
 * The channel a resident prefers. See {@link preferredChannelSchema}.
 *
 * @example
 * ```ts
 * const channel: PreferredChannel = 'sms';
 * ```
 */
export type PreferredChannel = z.output<typeof preferredChannelSchema>;
/**
 * A normalised identifier. See {@link identifierSchema}.
 *
 * @example
 * ```ts
 * const nino: Identifier = { scheme: 'nino', value: 'AB123456' };
 * ```
 */
export type Identifier = z.output<typeof identifierSchema>;
/**
 * A consent or other lawful-basis record. See {@link consentSchema}.
 *
 * @example
 * ```ts
 * const consent: Consent = { purpose: 'case-updates', lawfulBasis: 'public-task', status: 'given', recordedAt: '2025-01-10T09:00:00.000Z' };
 * ```
 */
export type Consent = z.output<typeof consentSchema>;
/**
 * A UK GDPR Article 6(1) lawful basis. See {@link lawfulBasisSchema}.
 *
 * @example
 * ```ts
 * const basis: LawfulBasis = 'legal-obligation';
 * ```
 */
export type LawfulBasis = z.output<typeof lawfulBasisSchema>;
/**
 * A household. See {@link householdSchema}.
 *
 * @example
 * ```ts
 * const household: Household = { id: 'hh-42', members: [{ citizenId: 'c-1', relationship: 'head' }] };
 * ```
 */
export type Household = z.output<typeof householdSchema>;
/**
 * A resident's link to a household. See {@link householdLinkSchema}.
 *
 * @example
 * ```ts
 * const link: HouseholdLink = { householdId: 'hh-42', relationship: 'child' };
 * ```
 */
export type HouseholdLink = z.output<typeof householdLinkSchema>;
/**
 * How a person relates to their household. See {@link householdRelationshipSchema}.
 *
 * @example
 * ```ts
 * const relationship: HouseholdRelationship = 'lodger';
 * ```
 */
export type HouseholdRelationship = z.output<typeof householdRelationshipSchema>;
/**
 * A resident's name. See {@link personNameSchema}.
 *
 * @example
 * ```ts
 * const name: PersonName = { given: 'Ada', family: 'Lovelace' };
 * ```
 */
export type PersonName = z.output<typeof personNameSchema>;
/**
 * A former name. See {@link previousNameSchema}.
 *
 * @example
 * ```ts
 * const before: PreviousName = { family: 'Byron', reason: 'marriage', until: '1835-07-08' };
 * ```
 */
export type PreviousName = z.output<typeof previousNameSchema>;
/**
 * Communication needs. See {@link communicationNeedsSchema}.
 *
 * @example
 * ```ts
 * const needs: CommunicationNeeds = { language: 'cy', interpreter: false, britishSignLanguage: false, textRelay: false, formats: ['large-print'] };
 * ```
 */
export type CommunicationNeeds = z.output<typeof communicationNeedsSchema>;
/**
 * An accessibility need. See {@link accessibilityNeedSchema}.
 *
 * @example
 * ```ts
 * const need: AccessibilityNeed = 'hearing-loop';
 * ```
 */
export type AccessibilityNeed = z.output<typeof accessibilityNeedSchema>;
/**
 * A vulnerability flag (special category data). See {@link vulnerabilityFlagSchema}.
 *
 * @example
 * ```ts
 * const flag: VulnerabilityFlag = { kind: 'bereavement', condition: 'substantial-public-interest', recordedAt: '2025-02-01T10:00:00.000Z' };
 * ```
 */
export type VulnerabilityFlag = z.output<typeof vulnerabilityFlagSchema>;
