import { asText, fail, ok, type ValidationResult } from './result.js';

const FORMAT_MESSAGE = 'Enter an NHS number using 10 numbers, like 943 476 5919';
const VALUE_MESSAGE = 'Enter a real NHS number, check you have typed it correctly';

/**
 * Validate and normalise an NHS number with its modulus 11 check digit.
 *
 * The first nine digits are weighted 10 down to 2 and summed; the check digit
 * is 11 minus the remainder of that sum divided by 11 (11 becomes 0, and 10
 * means the number can never be issued). Ten identical digits pass the
 * arithmetic but are never issued, so they are refused too. Spaces and
 * hyphens are allowed on input; the normal form is 10 digits.
 *
 * @example
 * ```ts
 * validateNhsNumber('943 476 5919'); // { ok: true, value: '9434765919' }
 * validateNhsNumber('9434765918');   // { ok: false, reason: 'invalid-value', ... }
 * ```
 */
export function validateNhsNumber(input: unknown): ValidationResult {
  const text = asText(input, 'Enter an NHS number', FORMAT_MESSAGE);
  if (!text.ok) return text;
  if (text.value.length > 20) return fail('invalid-format', FORMAT_MESSAGE);
  const digits = text.value.replace(/[\s-]+/g, '');
  if (!/^[0-9]{10}$/.test(digits)) return fail('invalid-format', FORMAT_MESSAGE);
  if (/^(\d)\1{9}$/.test(digits)) return fail('invalid-value', VALUE_MESSAGE);
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return fail('invalid-value', VALUE_MESSAGE);
  return ok(digits);
}

/**
 * The modulus 11 check digit for the first nine digits of an NHS number, or
 * `undefined` when those nine digits can never form a valid number.
 *
 * @example
 * ```ts
 * nhsCheckDigit('943476591'); // 9
 * ```
 */
export function nhsCheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(firstNine[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10 || Number.isNaN(check)) return undefined;
  return check;
}
