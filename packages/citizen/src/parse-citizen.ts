import type { z } from 'zod';
import { citizenSchema } from './schemas/citizen.js';
import type { Citizen } from './schemas/types.js';

/**
 * One problem with a citizen record: where (`name.given`,
 * `addresses.0.address.postcode`; empty for the record itself) and a
 * plain-English GOV.UK-style message that can go straight into an error
 * summary.
 *
 * @example
 * ```ts
 * const error: CitizenFieldError = { path: 'dateOfBirth', message: 'Enter a real date of birth' };
 * ```
 */
export interface CitizenFieldError {
  /** Dot-separated path to the field, with list positions as numbers from 0. */
  path: string;
  /** What to tell the person who entered it. */
  message: string;
}

/**
 * A change `parseCitizen` made to get a value into its normal form, such as
 * `sw1a1aa` to `SW1A 1AA`. Useful for showing a clerk what was tidied, and
 * for data quality reports. Contains personal data: do not log it.
 *
 * @example
 * ```ts
 * const change: CitizenNormalisation = { path: 'addresses.0.address.postcode', from: 'sw1a1aa', to: 'SW1A 1AA' };
 * ```
 */
export interface CitizenNormalisation {
  /** Dot-separated path to the field that changed. */
  path: string;
  /** What came in. */
  from: unknown;
  /** What it became. */
  to: unknown;
}

/**
 * What {@link parseCitizen} returns: never an exception.
 *
 * @example
 * ```ts
 * const result: ParseCitizenResult = parseCitizen(body);
 * if (!result.success) return render('check-details', { errors: result.errors });
 * ```
 */
export type ParseCitizenResult =
  | { success: true; citizen: Citizen; normalisations: CitizenNormalisation[] }
  | { success: false; errors: CitizenFieldError[] };

// Words for fields that have no message of their own, so that structural
// problems (a missing object, a list that is not a list) still read as GOV.UK content.
const LABELS: Record<string, string> = {
  '': "the resident's details",
  name: "the resident's name",
  previousNames: 'previous names',
  addresses: 'addresses',
  address: 'the address',
  contactPoints: 'contact details',
  identifiers: 'identifiers',
  consents: 'consents',
  households: 'household links',
  communicationNeeds: 'communication needs',
  accessibilityNeeds: 'accessibility needs',
  vulnerabilities: 'vulnerabilities',
  coordinates: 'coordinates',
  members: 'household members',
};

const ITEM_LABELS: Record<string, string> = {
  previousNames: 'a previous name',
  addresses: 'an address',
  contactPoints: 'a phone number or email address',
  identifiers: 'an identifier',
  consents: 'a consent',
  households: 'a household link',
  accessibilityNeeds: 'an accessibility need',
  vulnerabilities: 'a vulnerability',
};

function labelFor(path: ReadonlyArray<PropertyKey>): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return ITEM_LABELS[String(path[path.length - 2])] ?? 'this item';
  return LABELS[String(last ?? '')] ?? 'this field';
}

const errorMap: z.core.$ZodErrorMap = (issue) => {
  const label = labelFor(issue.path ?? []);
  if (issue.code === 'invalid_type') {
    return issue.input === undefined || issue.input === null ? `Enter ${label}` : `Enter ${label} in the correct format`;
  }
  return `Check ${label}`;
};

/**
 * Validate and normalise a citizen record from anywhere (a form post, an
 * API body, a CSV row, a back-office system) into a {@link Citizen}.
 *
 * It never throws, whatever it is given. On success it returns the
 * normalised record and the list of normalisations it made; on failure, every
 * problem found, each with a path and a GOV.UK-style message such as
 * "Enter a real date of birth" or "Enter a postcode in the correct format,
 * like SW1A 1AA". Unknown fields are dropped.
 *
 * @example
 * ```ts
 * import { parseCitizen } from '@councilkit/citizen';
 *
 * const result = parseCitizen({
 *   id: 'c-1',
 *   name: { given: ' Ada ', family: 'Lovelace' },
 *   dateOfBirth: '10/12/1985',
 *   addresses: [{ address: { pao: '12', street: 'St James Square', town: 'London', postcode: 'sw1y4jh' } }],
 *   contactPoints: [{ kind: 'phone', value: '020 7946 0000' }],
 * });
 * if (result.success) result.citizen.addresses[0]?.address.postcode; // "SW1Y 4JH"
 * else result.errors; // [{ path: 'dateOfBirth', message: 'Enter a real date of birth' }, ...]
 * ```
 */
export function parseCitizen(input: unknown): ParseCitizenResult {
  try {
    const parsed = citizenSchema.safeParse(input, { error: errorMap });
    if (parsed.success) {
      return { success: true, citizen: parsed.data, normalisations: diff(parsed.data, input, '') };
    }
    const seen = new Set<string>();
    const errors: CitizenFieldError[] = [];
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const key = `${path}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({ path, message: issue.message });
    }
    return { success: false, errors };
  } catch {
    // Only hostile input gets here (a getter or proxy that throws while being
    // read); the caller still gets an answer rather than an exception.
    return { success: false, errors: [{ path: '', message: "The resident's details could not be read. Check them and try again" }] };
  }
}

function diff(output: unknown, input: unknown, path: string, out: CitizenNormalisation[] = []): CitizenNormalisation[] {
  if (input === undefined) return out;
  if (output !== null && typeof output === 'object') {
    if (input === null || typeof input !== 'object' || input instanceof Date) {
      // An ISO date of birth given as text is already in normal form; only its shape differs.
      if ((output as { value?: unknown }).value !== input) out.push({ path, from: input, to: output });
      return out;
    }
    const source = input as Record<string, unknown>;
    const target = output as Record<string, unknown>;
    const keys = Object.keys(target);
    // A reshaped value (GOV.UK date fields becoming an ISO date) shares no keys with what came in.
    if (!Array.isArray(output) && keys.length > 0 && keys.every((key) => !Object.hasOwn(source, key))) {
      out.push({ path, from: input, to: output });
      return out;
    }
    for (const key of keys) {
      diff(target[key], Object.hasOwn(source, key) ? source[key] : undefined, path === '' ? key : `${path}.${key}`, out);
    }
    return out;
  }
  if (!Object.is(output, input)) out.push({ path, from: input, to: output });
  return out;
}
