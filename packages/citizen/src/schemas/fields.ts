import { z } from 'zod';
import { validateCouncilTaxReference } from '../validators/council-tax-reference.js';
import { validateDateOfBirth, type DateOfBirth } from '../validators/date-of-birth.js';
import { validateEmail } from '../validators/email.js';
import { validateName } from '../validators/name.js';
import { validateNhsNumber } from '../validators/nhs-number.js';
import { validateNino } from '../validators/nino.js';
import { validatePhone } from '../validators/phone.js';
import { validatePostcode } from '../validators/postcode.js';
import type { ValidationResult } from '../validators/result.js';
import { validateUprn } from '../validators/uprn.js';
import { validateUsrn } from '../validators/usrn.js';

// Internal building blocks: each field runs its validator inside zod so that
// the schema both checks and normalises, and the validator's GOV.UK message
// becomes the zod issue message.

/**
 * What a date of birth may look like on the way in (see `validateDateOfBirth`).
 *
 * @example
 * ```ts
 * const typed: DateOfBirthInput = '29/02/1984';
 * const fromForm: DateOfBirthInput = { day: '29', month: '2', year: '1984' };
 * ```
 */
export type DateOfBirthInput = string | Date | DateOfBirth | { day?: string | number; month?: string | number; year?: string | number };

function field<Input, Output>(validate: (value: unknown) => ValidationResult<Output>) {
  return z.custom<Input>().transform((value, ctx): Output => {
    const result = validate(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
}

/** @internal */
export const postcodeField = field<string, string>((value) => validatePostcode(value));
/** @internal */
export const uprnField = field<string | number, string>(validateUprn);
/** @internal */
export const usrnField = field<string | number, string>(validateUsrn);
/** @internal */
export const ninoField = field<string, string>(validateNino);
/** @internal */
export const nhsNumberField = field<string, string>(validateNhsNumber);
/** @internal */
export const councilTaxReferenceField = field<string | number, string>((value) => validateCouncilTaxReference(value));
/** @internal */
export const phoneField = field<string, string>((value) => validatePhone(value));
/** @internal */
export const emailField = field<string, string>(validateEmail);

/**
 * An optional field where blank text means "not given", as it does in a web
 * form, so an empty middle-name box is not an error. @internal
 */
function optionalField<Input, Output>(validate: (value: unknown) => ValidationResult<Output>) {
  return z
    .custom<Input | undefined>()
    .transform((value, ctx): Output | undefined => {
      if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
      const result = validate(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    })
    .optional();
}

/** @internal */
export function optionalNameField(label: string) {
  return optionalField<string, string>((value) => validateName(value, { label }));
}

/** @internal */
export const optionalDateOfBirthField = optionalField<DateOfBirthInput, DateOfBirth>((value) => validateDateOfBirth(value));

/** Optional free text: trimmed, at most `max` characters, and empty text becomes "not given". @internal */
export function optionalText(label: string, max = 200) {
  return z
    .string({ error: `${capitalise(label)} must be text` })
    .trim()
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

/** A stable identifier: letters, digits and . _ : - only, so it is safe in URLs and logs. @internal */
export function idField(label: string) {
  return z
    .string({ error: `Enter a ${label}` })
    .trim()
    .min(1, `Enter a ${label}`)
    .max(100, `${capitalise(label)} must be 100 characters or fewer`)
    .regex(/^[A-Za-z0-9._:-]+$/, `${capitalise(label)} must only include letters, numbers, dots, colons, hyphens and underscores`);
}

/** A real calendar date written `YYYY-MM-DD`. @internal */
export function isoDateField(label: string) {
  return z.custom<string>().transform((value, ctx): string => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
      const text = value.trim();
      const date = new Date(`${text}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text) return text;
    }
    ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date, like 2024-03-27`, input: value });
    return z.NEVER;
  });
}

/** An ISO 8601 date and time with a time zone (or a `Date`), normalised to UTC `toISOString()` form. @internal */
export function dateTimeField(label: string) {
  return z.custom<string | Date>().transform((value, ctx): string => {
    const date =
      value instanceof Date
        ? value
        : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())
          ? new Date(value.trim())
          : undefined;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
    ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a date and time, like 2024-03-27T14:30:00Z`, input: value });
    return z.NEVER;
  });
}

/** @internal */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** @internal */
export function inOrder(from: string | undefined, to: string | undefined): boolean {
  return from === undefined || to === undefined || from <= to;
}
