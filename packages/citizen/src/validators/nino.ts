import { asText, fail, ok, type ValidationResult } from './result.js';

const FORMAT_MESSAGE = 'Enter a National Insurance number in the correct format, like QQ 12 34 56 C';
const VALUE_MESSAGE = 'Enter a real National Insurance number';

// HMRC National Insurance Manual NIM39110.
const NEVER_EITHER_LETTER = new Set(['D', 'F', 'I', 'Q', 'U', 'V']);
const NOT_ALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
// Administrative prefixes HMRC and DWP use for numbers that look like NINOs
// but are not (tax credits OO, investigations CR, Attendance Allowance FY,
// migrant workers MW, stakeholder pensions NC, pension schemes PP, tax-only
// accounts PY/PZ). OO and FY already fail the letter rules; listed for clarity.
const ADMINISTRATIVE = new Set(['OO', 'CR', 'FY', 'MW', 'NC', 'PP', 'PY', 'PZ']);

/**
 * Validate and normalise a National Insurance number (NINO) by HMRC's rules
 * in the National Insurance Manual (NIM39110).
 *
 * - Two prefix letters, six digits and an optional suffix A, B, C or D.
 * - D, F, I, Q, U and V are never used as either prefix letter; O is never the second.
 * - BG, GB, KN, NK, NT, TN and ZZ are never allocated.
 * - Administrative and temporary prefixes (OO, CR, FY, MW, NC, PP, PY, PZ, TN) are refused: they are not NINOs.
 *
 * Any case and spacing is accepted. The normal form is upper case with no
 * spaces and no suffix (`AB123456`), because a NINO is unique without its
 * suffix and people often get the suffix wrong or leave it off. Use
 * {@link formatNino} to show one.
 *
 * @example
 * ```ts
 * validateNino('ab 12 34 56 c'); // { ok: true, value: 'AB123456' }
 * validateNino('AB123456');      // { ok: true, value: 'AB123456' }
 * validateNino('QQ123456C');     // { ok: false, reason: 'invalid-value', message: 'Enter a real National Insurance number' }
 * ```
 */
export function validateNino(input: unknown): ValidationResult {
  const text = asText(input, 'Enter a National Insurance number', FORMAT_MESSAGE);
  if (!text.ok) return text;
  if (text.value.length > 20) return fail('invalid-format', FORMAT_MESSAGE);
  const compact = text.value.replace(/[\s-]+/g, '').toUpperCase();
  const match = /^([A-Z])([A-Z])([0-9]{6})([A-D]?)$/.exec(compact);
  if (!match) return fail('invalid-format', FORMAT_MESSAGE);
  const [, first = '', second = '', digits = ''] = match;
  const prefix = first + second;
  if (NEVER_EITHER_LETTER.has(first) || NEVER_EITHER_LETTER.has(second) || second === 'O') {
    return fail('invalid-value', VALUE_MESSAGE);
  }
  if (NOT_ALLOCATED.has(prefix) || ADMINISTRATIVE.has(prefix)) return fail('invalid-value', VALUE_MESSAGE);
  return ok(prefix + digits);
}

/**
 * Show a normalised NINO the way HMRC prints it: `AB 12 34 56`.
 *
 * @example
 * ```ts
 * formatNino('AB123456'); // "AB 12 34 56"
 * ```
 */
export function formatNino(nino: string): string {
  return nino.replace(/^([A-Z]{2})(\d{2})(\d{2})(\d{2})(.*)$/, '$1 $2 $3 $4 $5').trim();
}
