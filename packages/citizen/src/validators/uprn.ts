import { asText, fail, ok, type ValidationResult } from './result.js';

const MESSAGE = 'Enter a UPRN using numbers only, up to 12 digits, like 100023336956';

/**
 * The largest Unique Property Reference Number: 12 digits, all nines.
 *
 * @example
 * ```ts
 * Number(validUprn) <= MAX_UPRN; // always true for a validated UPRN
 * ```
 */
export const MAX_UPRN = 999_999_999_999;

/**
 * Validate and normalise a Unique Property Reference Number (UPRN).
 *
 * A UPRN is a whole number from 1 to 999999999999 with no check digit, so
 * the only checks possible are shape and range. Leading zeros (some systems
 * pad to 12 digits) are dropped so that the same property always compares
 * equal. Given back as a string of digits: UPRNs are identifiers, not
 * quantities.
 *
 * @example
 * ```ts
 * validateUprn('000100023336956'); // { ok: true, value: '100023336956' }
 * validateUprn(10033544614);       // { ok: true, value: '10033544614' }
 * validateUprn('0');               // { ok: false, reason: 'out-of-range', ... }
 * ```
 */
export function validateUprn(input: unknown): ValidationResult {
  const text = asText(input, 'Enter a UPRN', MESSAGE, true);
  if (!text.ok) return text;
  if (!/^[0-9]+$/.test(text.value)) return fail('invalid-format', MESSAGE);
  const digits = text.value.replace(/^0+/, '');
  if (digits === '' || digits.length > 12) return fail('out-of-range', MESSAGE);
  return ok(digits);
}
