import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { validateNino } from '../validators/nino.js';
import { validatePhone } from '../validators/phone.js';
import { validatePostcode } from '../validators/postcode.js';

/**
 * How a field's raw value is cleaned before it is compared or blocked on.
 *
 * - `text`: trim, lower-case, collapse spaces.
 * - `name`: as `text`, and drop punctuation so `O'Brien` equals `OBrien` and `Smith-Jones` equals `Smith Jones`.
 * - `date`: ISO `YYYY-MM-DD`; also reads `DD/MM/YYYY` and `YYYYMMDD`.
 * - `postcode`: upper-case with one space before the inward code (`SW1A 1AA`).
 * - `phone`: E.164 (`+447700900123`), reading UK national formats.
 * - `nino`: National Insurance number without spaces and without the A-D suffix letter.
 * - `email`: trim and lower-case.
 * - `uprn`: digits without leading zeros.
 * - `none`: the value as given (empty strings still count as missing).
 *
 * @example
 * ```ts
 * createComparison({ field: 'mobile', normaliser: 'phone' satisfies Normaliser, levels: [{ kind: { type: 'exact' } }] });
 * ```
 */
export type Normaliser = 'text' | 'name' | 'date' | 'postcode' | 'phone' | 'nino' | 'email' | 'uprn' | 'none';

/** Every normaliser name, for validation. */
export const normaliserNames: readonly Normaliser[] = ['text', 'name', 'date', 'postcode', 'phone', 'nino', 'email', 'uprn', 'none'];

function text(value: string): string | null {
  const cleaned = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return cleaned === '' ? null : cleaned;
}

function name(value: string): string | null {
  const cleaned = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z ]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return cleaned === '' ? null : cleaned;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function date(value: string): string | null {
  const trimmed = value.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(trimmed);
  let year: number;
  let month: number;
  let day: number;
  if (match) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed))) {
    day = Number(match[1]);
    month = Number(match[2]);
    year = Number(match[3]);
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed))) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

// The package's validators give the one normal form of a good value; a value
// they refuse (a typo, a test prefix) is still cleaned loosely and compared,
// because a near-miss is exactly what record linkage has to weigh.
function postcode(value: string): string | null {
  const valid = validatePostcode(value, { allowBfpo: false });
  if (valid.ok) return valid.value;
  const compact = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 5 || compact.length > 7) return compact === '' ? null : compact;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

function phone(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  // Fast path for the common UK shapes (national, +44, 0044, "+44 (0)"): the
  // full parser costs tens of microseconds a number, too much for 100k records.
  const compact = trimmed.replace(/[\s().-]/g, '');
  const uk = /^(?:\+44|0044)0?(\d{9,10})$/.exec(compact) ?? /^0(\d{9,10})$/.exec(compact);
  if (uk) return `+44${uk[1]}`;
  const valid = validatePhone(trimmed, { allowInternational: true });
  if (valid.ok) return valid.value;
  const parsed = parsePhoneNumberFromString(trimmed.replace(/^(\+|00)\s*44\s*\(\s*0\s*\)/, '+44'), 'GB');
  if (parsed?.isPossible()) return parsed.number;
  const digits = trimmed.replace(/[^\d+]/g, '');
  return digits === '' ? null : digits;
}

function nino(value: string): string | null {
  const valid = validateNino(value);
  if (valid.ok) return valid.value;
  const compact = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === '') return null;
  // The suffix letter is often dropped or guessed by source systems, so it never decides a match.
  return /^[A-Z]{2}\d{6}[A-D]$/.test(compact) ? compact.slice(0, 8) : compact;
}

function uprn(value: string): string | null {
  const digits = value.replace(/\D/g, '').replace(/^0+/, '');
  return digits === '' ? null : digits;
}

/**
 * Clean one raw value with the named normaliser. Blank values become `null`
 * (missing), never an empty string, so that two blanks are never a match.
 *
 * @example
 * ```ts
 * normaliseValue('postcode', 'sw1a1aa'); // "SW1A 1AA"
 * normaliseValue('nino', 'qq 12 34 56 c'); // "QQ123456"
 * normaliseValue('phone', '07700 900123'); // "+447700900123"
 * ```
 */
export function normaliseValue(normaliser: Normaliser, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  switch (normaliser) {
    case 'text':
      return text(value);
    case 'name':
      return name(value);
    case 'date':
      return date(value);
    case 'postcode':
      return postcode(value);
    case 'phone':
      return phone(value);
    case 'nino':
      return nino(value);
    case 'email':
      return text(value);
    case 'uprn':
      return uprn(value);
    case 'none':
      return value === '' ? null : value;
  }
}

/** Postcode parts, from a normalised postcode such as `SW1A 1AA`. */
export function postcodePart(value: string, part: 'sector' | 'district' | 'area'): string | null {
  const space = value.indexOf(' ');
  if (space < 0) return null;
  if (part === 'sector') return value.slice(0, space + 2);
  if (part === 'district') return value.slice(0, space);
  const area = /^[A-Z]{1,2}/.exec(value);
  return area ? area[0] : null;
}
