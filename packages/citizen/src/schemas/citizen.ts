import { z } from 'zod';
import { citizenAddressSchema } from './address.js';
import { consentSchema } from './consent.js';
import { contactPointSchema, preferredChannelSchema } from './contact-point.js';
import { dateTimeField, idField, isoDateField, optionalDateOfBirthField, optionalNameField, optionalText } from './fields.js';
import { householdLinkSchema } from './household.js';
import { identifierSchema } from './identifier.js';

const optionalName = optionalNameField;

/**
 * A resident's name. `given` and `family` are each optional but one is
 * needed: some people have only one name. Every character is accepted and
 * case is kept (see `validateName`).
 *
 * @example
 * ```ts
 * personNameSchema.parse({ given: 'Siân', family: "O'Brien", preferred: 'Shan' });
 * ```
 */
export const personNameSchema = z
  .object({
    title: optionalName('title'),
    given: optionalName('first name'),
    middle: optionalName('middle name'),
    family: optionalName('last name'),
    preferred: optionalName('preferred name'),
  })
  .refine((name) => name.given !== undefined || name.family !== undefined, { path: ['family'], message: 'Enter a first name or last name' });

/**
 * A name the resident was known by before, such as before marriage or a deed
 * poll, kept so that old records can still be matched.
 *
 * @example
 * ```ts
 * previousNameSchema.parse({ family: 'Jones', until: '2015-08-01', reason: 'marriage' });
 * ```
 */
export const previousNameSchema = z
  .object({
    given: optionalName('previous first name'),
    family: optionalName('previous last name'),
    until: isoDateField('date the name changed').optional(),
    reason: z.enum(['marriage', 'civil-partnership', 'divorce', 'deed-poll', 'gender-recognition', 'other'], { error: 'Select why the name changed' }).optional(),
  })
  .refine((name) => name.given !== undefined || name.family !== undefined, { path: ['family'], message: 'Enter a previous first name or last name' });

/**
 * How a resident needs the council to communicate: language (a BCP 47 tag
 * such as `cy` or `pl`, normalised to the usual case), interpreter, British
 * Sign Language, alternative formats and text relay.
 *
 * @example
 * ```ts
 * communicationNeedsSchema.parse({ language: 'CY', formats: ['large-print'] }); // language becomes 'cy'
 * ```
 */
export const communicationNeedsSchema = z.object({
  language: z
    .string({ error: 'Language must be a language code, like cy or pl' })
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language must be a language code, like cy or pl')
    .transform(canonicalLanguageTag)
    .optional(),
  interpreter: z.boolean({ error: 'Interpreter must be true or false' }).default(false),
  britishSignLanguage: z.boolean({ error: 'British Sign Language must be true or false' }).default(false),
  textRelay: z.boolean({ error: 'Text relay must be true or false' }).default(false),
  formats: z
    .array(z.enum(['large-print', 'braille', 'easy-read', 'audio', 'bsl-video', 'plain-text-email'], { error: 'Select a format we can provide' }), { error: 'Formats must be a list' })
    .default([]),
  note: optionalText('note', 1000),
});

/**
 * Adjustments a resident needs to use council services (Equality Act 2010
 * reasonable adjustments).
 *
 * @example
 * ```ts
 * accessibilityNeedSchema.parse('step-free-access');
 * ```
 */
export const accessibilityNeedSchema = z.enum(
  ['step-free-access', 'wheelchair-user', 'hearing-loop', 'visual-impairment', 'hearing-impairment', 'learning-disability', 'neurodivergent', 'support-person', 'extra-time', 'other'],
  { error: 'Select an accessibility need' },
);

/**
 * A vulnerability flag. These are special category data (UK GDPR Article 9:
 * health, and often more) or otherwise highly sensitive, so each flag
 * records the Article 9(2) condition the council relies on, and
 * `redactCitizen` always removes them.
 *
 * @example
 * ```ts
 * vulnerabilityFlagSchema.parse({ kind: 'mental-health', condition: 'substantial-public-interest', recordedAt: '2025-02-01T10:00:00Z', reviewBy: '2025-08-01' });
 * ```
 */
export const vulnerabilityFlagSchema = z.object({
  kind: z.enum(
    ['physical-health', 'mental-health', 'disability', 'domestic-abuse', 'financial-hardship', 'bereavement', 'care-leaver', 'safeguarding', 'language-barrier', 'other'],
    { error: 'Select a type of vulnerability' },
  ),
  condition: z.enum(['explicit-consent', 'employment-social-security', 'vital-interests', 'substantial-public-interest', 'health-social-care'], {
    error: 'Select the UK GDPR Article 9 condition for holding this',
  }),
  recordedAt: dateTimeField('date recorded'),
  reviewBy: isoDateField('review date').optional(),
  note: optionalText('note', 2000),
});

/**
 * The citizen (resident) record every councilkit package shares. Parsing
 * with this schema validates and normalises in one step: postcodes, phone
 * numbers, emails, NINOs, NHS numbers, UPRNs and dates come out in their
 * one normal form. Prefer {@link parseCitizen}, which never throws and gives
 * GOV.UK-style messages.
 *
 * @example
 * ```ts
 * const citizen = citizenSchema.parse({
 *   id: 'c-1',
 *   name: { given: 'Ada', family: 'Lovelace' },
 *   dateOfBirth: '10/12/1985',
 *   addresses: [{ address: { pao: '12', street: 'St James Square', town: 'London', postcode: 'sw1y4jh' } }],
 * });
 * ```
 */
export const citizenSchema = z
  .object({
    id: idField('resident reference'),
    name: personNameSchema,
    previousNames: z.array(previousNameSchema, { error: 'Previous names must be a list' }).max(50, 'Enter no more than 50 previous names').default([]),
    dateOfBirth: optionalDateOfBirthField,
    addresses: z.array(citizenAddressSchema, { error: 'Addresses must be a list' }).max(100, 'Enter no more than 100 addresses').default([]),
    contactPoints: z.array(contactPointSchema, { error: 'Contact details must be a list' }).max(50, 'Enter no more than 50 phone numbers and email addresses').default([]),
    preferredChannel: preferredChannelSchema.optional(),
    identifiers: z.array(identifierSchema, { error: 'Identifiers must be a list' }).max(50, 'Enter no more than 50 identifiers').default([]),
    consents: z.array(consentSchema, { error: 'Consents must be a list' }).max(200, 'Enter no more than 200 consents').default([]),
    households: z.array(householdLinkSchema, { error: 'Households must be a list' }).max(50, 'Enter no more than 50 household links').default([]),
    communicationNeeds: communicationNeedsSchema.optional(),
    accessibilityNeeds: z.array(accessibilityNeedSchema, { error: 'Accessibility needs must be a list' }).max(20, 'Enter no more than 20 accessibility needs').default([]),
    vulnerabilities: z.array(vulnerabilityFlagSchema, { error: 'Vulnerabilities must be a list' }).max(50, 'Enter no more than 50 vulnerabilities').default([]),
  })
  .superRefine((citizen, ctx) => {
    const seen = new Set<string>();
    citizen.identifiers.forEach((identifier, index) => {
      if (identifier.scheme === 'local') return;
      if (seen.has(identifier.scheme)) {
        ctx.addIssue({ code: 'custom', path: ['identifiers', index], message: `Enter only one ${SCHEME_NAMES[identifier.scheme]}`, input: identifier });
      }
      seen.add(identifier.scheme);
    });
    for (const kind of ['phone', 'email'] as const) {
      const preferred = citizen.contactPoints.flatMap((point, index) => (point.kind === kind && point.preferred ? [index] : []));
      for (const index of preferred.slice(1)) {
        ctx.addIssue({ code: 'custom', path: ['contactPoints', index, 'preferred'], message: `Choose only one preferred ${kind === 'phone' ? 'phone number' : 'email address'}`, input: citizen.contactPoints[index] });
      }
    }
    const needs: Record<string, string | undefined> = { email: 'email', phone: 'phone', sms: 'phone' };
    const needed = citizen.preferredChannel ? needs[citizen.preferredChannel] : undefined;
    if (needed && !citizen.contactPoints.some((point) => point.kind === needed)) {
      ctx.addIssue({
        code: 'custom',
        path: ['preferredChannel'],
        message: needed === 'email' ? 'Enter an email address to use email as the preferred contact' : 'Enter a phone number to use phone or text message as the preferred contact',
        input: citizen.preferredChannel,
      });
    }
    if (citizen.preferredChannel === 'post' && citizen.addresses.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['preferredChannel'], message: 'Enter an address to use post as the preferred contact', input: citizen.preferredChannel });
    }
  });

const SCHEME_NAMES = { nino: 'National Insurance number', 'nhs-number': 'NHS number', 'council-tax-account': 'council tax account number' } as const;

function canonicalLanguageTag(tag: string): string {
  // BCP 47 convention: language lower case, 4-letter script title case, 2-letter region upper case.
  return tag
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}
