import type { AddressUse } from './schemas/address.js';
import type { Citizen, ContactPoint, Identifier, LawfulBasis, PreferredChannel } from './schemas/types.js';
import type { DatePrecision } from './validators/date-of-birth.js';

/**
 * The text that stands in for removed personal data.
 *
 * @example
 * ```ts
 * redactCitizen(citizen).id === REDACTED; // true unless keepId is set
 * ```
 */
export const REDACTED = '[redacted]';

/**
 * What is left of a citizen after {@link redactCitizen}: only the shape of
 * the record (which kinds of contact, which identifier schemes, which
 * lawful bases), never a value that identifies or describes the person.
 * Special category data (vulnerabilities, accessibility and communication
 * needs) leaves no trace at all, not even a count.
 *
 * @example
 * ```ts
 * logger.info({ citizen: redactCitizen(citizen) }, 'case opened');
 * ```
 */
export interface RedactedCitizen {
  /** `"[redacted]"`, or the record id when `keepId` was set. */
  id: string;
  /** Always `true`, so a reader of the log knows data was removed on purpose. */
  redacted: true;
  /** How much of the date of birth is held, if any. */
  dateOfBirthPrecision?: DatePrecision;
  /** For each address, its use and whether it is current. */
  addresses: Array<{ use: AddressUse; current: boolean }>;
  /** For each contact point, its kind, use and flags. */
  contactPoints: Array<Pick<ContactPoint, 'kind' | 'use' | 'preferred' | 'verified'>>;
  /** The resident's preferred channel. */
  preferredChannel?: PreferredChannel;
  /** For each identifier, its scheme only. */
  identifiers: Array<{ scheme: Identifier['scheme'] }>;
  /** For each consent, what it is for and its basis and status. */
  consents: Array<{ purpose: string; lawfulBasis: LawfulBasis; status: 'given' | 'withdrawn' }>;
  /** How many household links the record has. */
  householdLinks: number;
}

/**
 * Options for {@link redactCitizen}.
 *
 * @example
 * ```ts
 * const options: RedactCitizenOptions = { keepId: true };
 * ```
 */
export interface RedactCitizenOptions {
  /**
   * Keep the record id so log lines can be correlated. The id is still
   * pseudonymous personal data: keep it only where logs are access-controlled.
   * Default: `false`.
   */
  keepId?: boolean;
}

/**
 * Reduce a citizen to a {@link RedactedCitizen} that is safe to log: no
 * name, date of birth, address, postcode, UPRN, phone number, email,
 * identifier value, date or note survives, and special category data is
 * dropped entirely.
 *
 * @example
 * ```ts
 * import { parseCitizen, redactCitizen } from '@councilkit/citizen';
 *
 * const result = parseCitizen(body);
 * if (result.success) console.log(JSON.stringify(redactCitizen(result.citizen)));
 * // {"id":"[redacted]","redacted":true,"dateOfBirthPrecision":"full","addresses":[{"use":"home","current":true}],...}
 * ```
 */
export function redactCitizen(citizen: Citizen, options?: RedactCitizenOptions): RedactedCitizen {
  const redacted: RedactedCitizen = { id: REDACTED, redacted: true, addresses: [], contactPoints: [], identifiers: [], consents: [], householdLinks: 0 };
  // Typed callers always pass a Citizen, but logging code runs on error paths
  // with whatever it has: read defensively and keep only known codes.
  try {
    if (citizen === null || typeof citizen !== 'object') return redacted;
    if (options?.keepId === true && typeof citizen.id === 'string') redacted.id = citizen.id;
    redacted.addresses = items(citizen.addresses).map((entry) => ({ use: oneOf(entry.use, ADDRESS_USES) ?? 'home', current: entry.to === undefined }));
    redacted.contactPoints = items(citizen.contactPoints).flatMap((point) => {
      const kind = oneOf(point.kind, ['phone', 'email'] as const);
      if (!kind) return [];
      return [{ kind, use: oneOf(point.use, CONTACT_USES) ?? 'other', preferred: point.preferred === true, verified: point.verified === true } as RedactedCitizen['contactPoints'][number]];
    });
    redacted.identifiers = items(citizen.identifiers).flatMap((identifier) => {
      const scheme = oneOf(identifier.scheme, SCHEMES);
      return scheme ? [{ scheme }] : [];
    });
    redacted.consents = items(citizen.consents).flatMap((consent) => {
      const lawfulBasis = oneOf(consent.lawfulBasis, LAWFUL_BASES);
      if (!lawfulBasis || typeof consent.purpose !== 'string') return [];
      // Purposes are meant to be codes; scan anyway in case someone wrote a sentence about the person.
      return [{ purpose: scrubText(consent.purpose), lawfulBasis, status: consent.status === 'withdrawn' ? 'withdrawn' : 'given' }];
    });
    redacted.householdLinks = items(citizen.households).length;
    const precision = oneOf(citizen.dateOfBirth?.precision, ['full', 'year-month', 'year'] as const);
    if (precision) redacted.dateOfBirthPrecision = precision;
    const channel = oneOf(citizen.preferredChannel, CHANNELS);
    if (channel) redacted.preferredChannel = channel;
  } catch {
    // A hostile object: what was gathered so far is still safe.
  }
  return redacted;
}

const ADDRESS_USES = ['home', 'correspondence', 'temporary', 'billing'] as const;
const CONTACT_USES = ['mobile', 'home', 'work', 'other'] as const;
const SCHEMES = ['nino', 'nhs-number', 'council-tax-account', 'local'] as const;
const LAWFUL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
const CHANNELS = ['email', 'phone', 'sms', 'post', 'web', 'face-to-face'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function items<T>(value: T[] | undefined): Array<Partial<T>> {
  return Array.isArray(value) ? value.filter((item): item is T => item !== null && typeof item === 'object') : [];
}

function looksLikeCitizen(value: object): value is Citizen {
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && record.name !== null && typeof record.name === 'object' && ['addresses', 'contactPoints', 'identifiers', 'consents'].some((key) => Array.isArray(record[key]));
}

/**
 * Options for {@link createRedactor}.
 *
 * @example
 * ```ts
 * const options: RedactorOptions = { keys: ['caseNotes'], allowKeys: ['town'] };
 * ```
 */
export interface RedactorOptions {
  /**
   * More property names whose values are always removed, added to the
   * defaults (names, contact details, addresses, dates of birth,
   * identifiers, special category data, secrets). Matched ignoring case,
   * `-` and `_`.
   */
  keys?: readonly string[];
  /** Property names never removed by name (their text is still scanned). Default: none. */
  allowKeys?: readonly string[];
  /**
   * Also scan all other text for emails, UK phone numbers, postcodes,
   * National Insurance numbers and NHS-number-shaped digits and replace
   * them. Default: `true`.
   */
  scanText?: boolean;
  /** What replaces a removed value. Default: `"[redacted]"`. */
  replacement?: string;
  /** Nesting deeper than this is replaced by `"[truncated]"`. Default: `20`. */
  maxDepth?: number;
}

/**
 * What {@link createRedactor} gives back.
 *
 * @example
 * ```ts
 * const redactor: Redactor = createRedactor();
 * logger.error(redactor.redact({ err, body }));
 * ```
 */
export interface Redactor {
  /**
   * A copy of `value` with personal data removed, safe for
   * `JSON.stringify`. Never throws: cycles become `"[circular]"`, throwing
   * getters `"[unreadable]"`.
   */
  redact(value: unknown): unknown;
}

const DEFAULT_KEYS = [
  'name', 'names', 'fullname', 'firstname', 'lastname', 'givenname', 'familyname', 'given', 'family', 'middle', 'forename', 'forenames',
  'surname', 'maidenname', 'previousnames', 'email', 'emailaddress', 'phone', 'phonenumber', 'telephone', 'mobile', 'tel', 'contactpoints',
  'contact', 'address', 'addresses', 'addressline1', 'addressline2', 'addressline3', 'street', 'sao', 'pao', 'locality', 'town', 'city', 'postcode',
  'zip', 'uprn', 'usrn', 'coordinates', 'latitude', 'longitude', 'lat', 'lng', 'lon', 'easting', 'northing', 'dob', 'dateofbirth', 'birthdate',
  'nino', 'nationalinsurancenumber', 'ninumber', 'nhsnumber', 'identifiers', 'counciltaxreference', 'counciltaxaccount', 'accountnumber',
  'sortcode', 'iban', 'bankaccount', 'cardnumber', 'households', 'vulnerabilities', 'vulnerability', 'accessibilityneeds', 'communicationneeds',
  'note', 'notes', 'ip', 'ipaddress', 'password', 'secret', 'token', 'accesstoken', 'refreshtoken', 'apikey', 'authorization', 'cookie', 'setcookie',
];

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

// Free-text patterns. They err towards removing: a log loses a number that
// looked like a phone number rather than keep one that was.
const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g, 'email'],
  [/\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?\b/gi, 'nino'],
  [/(?:\+44\s?(?:\(0\)\s?)?|\b0)\d(?:[\s-]?\d){8,9}\b/g, 'phone'],
  [/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g, 'number'],
  // UPRNs, account and claim numbers: 8 to 12 digit runs. Millisecond timestamps (13 digits) are left alone.
  [/\b\d{8,12}\b/g, 'number'],
  [/\b(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/gi, 'postcode'],
  [/\bBFPO\s?\d{1,4}\b/gi, 'postcode'],
];

/**
 * Create a redactor for log objects and error reports: anything, however
 * nested, with personal data removed by property name and, in text, by
 * pattern. Names written in prose cannot be recognised by pattern, so keep
 * free text about residents out of logs in the first place.
 *
 * @example
 * ```ts
 * import { createRedactor } from '@councilkit/citizen';
 *
 * const redactor = createRedactor({ keys: ['caseNotes'] });
 * console.log(JSON.stringify(redactor.redact({ caseId: 'WST-1', email: 'ada@example.com', message: 'Call 0113 496 0000' })));
 * // {"caseId":"WST-1","email":"[redacted]","message":"Call [redacted:phone]"}
 * ```
 */
export function createRedactor(given?: RedactorOptions): Redactor {
  const options: RedactorOptions = given !== null && typeof given === 'object' ? given : {};
  const replacement = typeof options.replacement === 'string' ? options.replacement : REDACTED;
  const maxDepth = typeof options.maxDepth === 'number' && options.maxDepth >= 0 ? options.maxDepth : 20;
  const scanText = options.scanText !== false;
  const keyList = (keys: unknown): string[] => (Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string').map(normaliseKey) : []);
  const allow = new Set(keyList(options.allowKeys));
  const sensitive = new Set([...DEFAULT_KEYS, ...keyList(options.keys)].filter((key) => !allow.has(key)));

  const text = (value: string): string => (scanText ? scrubText(value) : value);

  const walk = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    switch (typeof value) {
      case 'string':
        return text(value);
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'bigint':
        return text(value.toString());
      case 'symbol':
        return '[symbol]';
      case 'function':
        return '[function]';
      default:
        break;
    }
    if (value === null) return null;
    const object = value as object;
    if (depth >= maxDepth) return '[truncated]';
    if (seen.has(object)) return '[circular]';
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return '[binary]';
    seen.add(object);
    try {
      if (Array.isArray(object)) return object.map((item) => walk(item, depth + 1, seen));
      if (object instanceof Map) return walkEntries([...object.entries()].map(([key, item]) => [String(key), item]), depth, seen);
      if (object instanceof Set) return [...object].map((item) => walk(item, depth + 1, seen));
      // A whole resident record in a log gets the citizen treatment, which keeps its useful shape.
      if (looksLikeCitizen(object)) return redactCitizen(object);
      const entries: Array<[string, unknown]> = [];
      for (const key of Object.keys(object)) entries.push([key, read(object, key)]);
      const out = walkEntries(entries, depth, seen);
      if (object instanceof Error) {
        // An error's name and message are not enumerable; its name is a class name, not a person's.
        return { name: text(String(object.name)), message: text(String(object.message)), ...('reason' in object ? { reason: walk((object as { reason: unknown }).reason, depth + 1, seen) } : {}), ...out };
      }
      return out;
    } catch {
      return '[unreadable]';
    } finally {
      seen.delete(object);
    }
  };

  const walkEntries = (entries: Array<[string, unknown]>, depth: number, seen: WeakSet<object>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const safeKey = key === '__proto__' ? '[__proto__]' : key;
      out[safeKey] = sensitive.has(normaliseKey(key)) && item !== undefined && item !== null ? replacement : walk(item, depth + 1, seen);
    }
    return out;
  };

  return {
    redact(value) {
      try {
        return walk(value, 0, new WeakSet());
      } catch {
        return '[unreadable]';
      }
    },
  };
}

function scrubText(value: string): string {
  let out = value;
  for (const [pattern, label] of TEXT_PATTERNS) out = out.replace(pattern, `[redacted:${label}]`);
  return out;
}

function read(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}
