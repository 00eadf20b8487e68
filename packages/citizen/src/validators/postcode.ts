import { asText, fail, ok, type ValidationResult } from './result.js';

/**
 * Options for {@link validatePostcode}.
 *
 * @example
 * ```ts
 * validatePostcode('BFPO 57', { allowBfpo: false }); // { ok: false, reason: 'invalid-value', ... }
 * ```
 */
export interface PostcodeOptions {
  /**
   * Accept British Forces Post Office numbers written as `BFPO 1234` (1 to 4
   * digits). Forces families are residents too, and some council forms
   * take a BFPO number where a postcode would go. Default: `true`.
   */
  allowBfpo?: boolean;
}

const FORMAT_MESSAGE = 'Enter a postcode in the correct format, like SW1A 1AA';
const MISSING_MESSAGE = 'Enter a postcode';

// The government's published postcode pattern (the one in the Cabinet Office
// bulk data transfer standard), applied to upper-cased text with all spaces
// removed. It is deliberately less strict than Royal Mail's inward-letter
// rules, so a new postcode never gets turned away at the counter.
const OUTWARD = '(?:[A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]?)';
const GOVERNMENT_PATTERN = new RegExp(`^(?:GIR0AA|${OUTWARD}[0-9][A-Z]{2})$`);
const BFPO_PATTERN = /^BFPO([0-9]{1,4})$/;

/**
 * Validate and normalise a UK postcode.
 *
 * Accepts any case and any spacing (`sw1a1aa`, ` SW1A   1AA `), checks it
 * against the government postcode pattern and gives back the one normal form:
 * upper case with a single space before the inward code (`SW1A 1AA`).
 *
 * Deliberate choices:
 * - `GIR 0AA` (the old Girobank postcode, still in the Postcode Address File) is accepted.
 * - `BFPO 123` is accepted and normalised to `BFPO 123` unless `allowBfpo` is `false`.
 *   BFPO postcodes in the `BF1` district are ordinary postcodes and always pass.
 * - Overseas territory codes such as `ASCN 1ZZ` are refused: they are not UK postcodes.
 *
 * @example
 * ```ts
 * validatePostcode(' sw1a1aa ');  // { ok: true, value: 'SW1A 1AA' }
 * validatePostcode('gir0aa');     // { ok: true, value: 'GIR 0AA' }
 * validatePostcode('bfpo 57');    // { ok: true, value: 'BFPO 57' }
 * validatePostcode('SW1A');       // { ok: false, reason: 'invalid-format', message: 'Enter a postcode in the correct format, like SW1A 1AA' }
 * ```
 */
export function validatePostcode(input: unknown, options?: PostcodeOptions): ValidationResult {
  const text = asText(input, MISSING_MESSAGE, FORMAT_MESSAGE);
  if (!text.ok) return text;
  if (text.value.length > 20) return fail('invalid-format', FORMAT_MESSAGE);
  const compact = text.value.replace(/\s+/g, '').toUpperCase();
  const bfpo = BFPO_PATTERN.exec(compact);
  if (bfpo) {
    if (options?.allowBfpo === false) return fail('invalid-value', FORMAT_MESSAGE);
    return ok(`BFPO ${String(Number(bfpo[1]))}`);
  }
  if (!GOVERNMENT_PATTERN.test(compact)) return fail('invalid-format', FORMAT_MESSAGE);
  return ok(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
}
