import { asText, fail, ok, type ValidationResult } from './result.js';

const MESSAGE = 'Enter a USRN using numbers only, up to 8 digits, like 8400709';

/**
 * Validate and normalise a Unique Street Reference Number (USRN).
 *
 * The councilkit design note treats a USRN as an 8-digit number, so this
 * accepts whole numbers from 1 to 99999999 (leading zeros allowed on input,
 * dropped on output). The National Street Gazetteer has no check digit.
 *
 * @example
 * ```ts
 * validateUsrn('08400709'); // { ok: true, value: '8400709' }
 * validateUsrn(123456789);  // { ok: false, reason: 'out-of-range', ... }
 * ```
 */
export function validateUsrn(input: unknown): ValidationResult {
  const text = asText(input, 'Enter a USRN', MESSAGE, true);
  if (!text.ok) return text;
  if (!/^[0-9]+$/.test(text.value)) return fail('invalid-format', MESSAGE);
  const digits = text.value.replace(/^0+/, '');
  if (digits === '' || digits.length > 8) return fail('out-of-range', MESSAGE);
  return ok(digits);
}
