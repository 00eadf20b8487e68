import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { asText, fail, ok, type ValidationResult } from './result.js';

/**
 * Options for {@link validatePhone}.
 *
 * @example
 * ```ts
 * validatePhone('+33 1 23 45 67 89', { allowInternational: true }); // { ok: true, value: '+33123456789' }
 * ```
 */
export interface PhoneOptions {
  /**
   * Also accept valid numbers outside the UK numbering plan when written with
   * a `+` and country code (residents with a family number abroad, say).
   * Default: `false`: only numbers in the +44 plan, which includes the
   * Channel Islands and the Isle of Man.
   */
  allowInternational?: boolean;
}

const FORMAT_MESSAGE = 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192';
const UK_MESSAGE = 'Enter a UK telephone number, like 01632 960 001 or 07700 900 982';
// +44 covers Great Britain, Northern Ireland and the Crown Dependencies.
const UK_PLAN = new Set(['GB', 'GG', 'JE', 'IM']);

/**
 * Validate and normalise a UK telephone number with libphonenumber-js (full
 * metadata), giving back E.164 (`+441134960000`).
 *
 * Accepts national (`0113 496 0000`), international (`+44 113 496 0000`,
 * `0044 ...`) and the common `+44 (0)` form, with any spaces, brackets or
 * hyphens.
 *
 * @example
 * ```ts
 * validatePhone('0113 496 0000');       // { ok: true, value: '+441134960000' }
 * validatePhone('+44 (0)20 7946 0000'); // { ok: true, value: '+442079460000' }
 * validatePhone('12345');               // { ok: false, reason: 'invalid-format', ... }
 * ```
 */
export function validatePhone(input: unknown, options?: PhoneOptions): ValidationResult {
  const text = asText(input, 'Enter a telephone number', FORMAT_MESSAGE);
  if (!text.ok) return text;
  if (text.value.length > 40) return fail('invalid-format', FORMAT_MESSAGE);
  // "+44 (0)20..." is how many UK organisations print numbers; the (0) must go.
  const cleaned = text.value.replace(/^(\+|00)\s*44\s*\(\s*0\s*\)/, '+44').replace(/^00/, '+');
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(cleaned, 'GB');
  } catch {
    // libphonenumber-js documents that it does not throw here; this is belt and braces.
    parsed = undefined;
  }
  if (!parsed || !parsed.isValid()) return fail('invalid-format', FORMAT_MESSAGE);
  if (options?.allowInternational !== true && !(parsed.countryCallingCode === '44' && (parsed.country === undefined || UK_PLAN.has(parsed.country)))) {
    return fail('invalid-value', UK_MESSAGE);
  }
  return ok(parsed.number);
}
