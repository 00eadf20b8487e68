import { z } from 'zod';
import { normaliseValue } from '../matching/normalise.js';
import type { CitizenSearchQuery, SearchTerm } from './contract.js';
import { words } from './trigram.js';

/**
 * A query read into terms, with its limit and minimum score: what
 * `parseSearchQuery` gives back and what an implementation searches with.
 *
 * @example
 * ```ts
 * const parsed = parseSearchQuery({ text: 'smith ls1 4ap' });
 * if (parsed.ok) parsed.query.terms; // name/address 'smith', postcode 'LS14AP'
 * ```
 */
export interface ParsedSearchQuery {
  /** Terms, in query order. */
  terms: SearchTerm[];
  /** At most this many hits. */
  limit: number;
  /** Minimum overall score. */
  minScore: number;
  /** Whether restricted residents may be hits. */
  includeRestricted: boolean;
}

/** Term weights: identifiers single a person out, a first name or a street word does not. */
export const TERM_WEIGHTS = { identifier: 3, uprn: 3, postcode: 2, dateOfBirth: 2, name: 1.5, address: 1, word: 1.25 } as const;

const MAX_TEXT = 500;
const text = (label: string) => z.string({ error: `${label} must be text` }).max(MAX_TEXT, `${label} must be ${MAX_TEXT} characters or fewer`).optional();
const querySchema = z.strictObject(
  {
    text: text('Search text'),
    name: text('Name'),
    postcode: text('Postcode'),
    address: text('Address'),
    uprn: text('UPRN'),
    identifier: text('Identifier'),
    dateOfBirth: text('Date of birth'),
    limit: z.number({ error: 'Limit must be a number' }).int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(200, 'Limit must be 200 or fewer').default(20),
    minScore: z.number({ error: 'Minimum score must be a number' }).min(0, 'Minimum score must be between 0 and 1').max(1, 'Minimum score must be between 0 and 1').default(0.35),
    includeRestricted: z.boolean({ error: 'includeRestricted must be true or false' }).default(false),
  },
  { error: 'Enter a search as an object of fields' },
);

const POSTCODE_COMPACT = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const INWARD = /^[0-9][A-Z]{2}$/;
const NINO = /^[A-Z]{2}[0-9]{6}[A-D]?$/;
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$/;

/** A postcode as compared: upper case, no spaces. */
export function compactPostcode(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** An identifier as compared: upper case letters and digits, NINO without its suffix letter. */
export function compactIdentifier(value: string): string {
  const compact = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return NINO.test(compact) ? compact.slice(0, 8) : compact;
}

/** A date of birth term: ISO date, or a year. */
function dateTerm(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{4}$/.test(trimmed)) return trimmed;
  return normaliseValue('date', trimmed);
}

// People read NINOs out in pairs (AB 12 34 56 C): join up to five tokens to find one.
function joinedNino(tokens: readonly string[], start: number): { value: string; used: number } | null {
  if (!/^[A-Z]{2}$/.test(tokens[start] ?? '')) return null;
  for (let used = 5; used >= 2; used -= 1) {
    if (start + used > tokens.length) continue;
    const joined = tokens.slice(start, start + used).join('').replace(/[^A-Z0-9]/g, '');
    if (NINO.test(joined)) return { value: joined, used };
  }
  return null;
}

function readText(input: string, terms: SearchTerm[]): void {
  const tokens = input.toUpperCase().split(/[\s,;]+/).filter((token) => token !== '');
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const compact = token.replace(/[^A-Z0-9]/g, '');
    const spacedNino = joinedNino(tokens, i);
    if (spacedNino) {
      terms.push({ term: compactIdentifier(spacedNino.value), fields: ['identifier'], weight: TERM_WEIGHTS.identifier });
      i += spacedNino.used - 1;
    } else if (next !== undefined && OUTWARD.test(compact) && INWARD.test(next)) {
      terms.push({ term: compact + next, fields: ['postcode'], weight: TERM_WEIGHTS.postcode });
      i += 1;
    } else if (POSTCODE_COMPACT.test(compact)) {
      terms.push({ term: compact, fields: ['postcode'], weight: TERM_WEIGHTS.postcode });
    } else if (DATE.test(token)) {
      const date = dateTerm(token);
      if (date) terms.push({ term: date, fields: ['dateOfBirth'], weight: TERM_WEIGHTS.dateOfBirth });
    } else if (NINO.test(compact)) {
      terms.push({ term: compactIdentifier(compact), fields: ['identifier'], weight: TERM_WEIGHTS.identifier });
    } else if (/^\d{6,12}$/.test(compact)) {
      // A long number is a UPRN, a council tax account or an NHS number: try all.
      terms.push({ term: compact.replace(/^0+/, '') || '0', fields: ['uprn', 'identifier'], weight: TERM_WEIGHTS.identifier });
    } else if (/^[A-Z]*\d[A-Z0-9-]*$/.test(token) && /[A-Z]/.test(compact) && compact.length >= 5) {
      // Letters and digits together (T-00123): a local reference.
      terms.push({ term: compactIdentifier(compact), fields: ['identifier'], weight: TERM_WEIGHTS.identifier });
    } else if (OUTWARD.test(compact) && /\d/.test(compact) && compact.length >= 2) {
      terms.push({ term: compact, fields: ['postcode', 'address'], weight: TERM_WEIGHTS.postcode });
    } else {
      for (const word of words(token)) terms.push({ term: word, fields: /^\d+$/.test(word) ? ['address'] : ['name', 'address'], weight: /^\d+$/.test(word) ? TERM_WEIGHTS.address : TERM_WEIGHTS.word });
    }
  }
}

/**
 * Read a search query into terms. Never throws: bad input (wrong types,
 * a negative limit, text over 500 characters, unknown fields) comes back as
 * messages, and a query with nothing to search for as `empty`.
 *
 * @example
 * ```ts
 * const parsed = parseSearchQuery({ text: 'Ada Lovelace SW1Y4JH' });
 * if (parsed.ok) console.log(parsed.query.terms.map((t) => `${t.fields.join('/')}:${t.term}`));
 * // ['name/address:ada', 'name/address:lovelace', 'postcode:SW1Y4JH']
 * ```
 */
export function parseSearchQuery(input: unknown): { ok: true; query: ParsedSearchQuery } | { ok: false; empty: boolean; errors: string[] } {
  const parsed = querySchema.safeParse(input);
  if (!parsed.success) return { ok: false, empty: false, errors: parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)) };
  const query: CitizenSearchQuery = parsed.data;
  const terms: SearchTerm[] = [];
  if (query.text) readText(query.text, terms);
  if (query.name) for (const word of words(query.name)) terms.push({ term: word, fields: ['name'], weight: TERM_WEIGHTS.name });
  if (query.address) for (const word of words(query.address)) terms.push({ term: word, fields: ['address'], weight: TERM_WEIGHTS.address });
  if (query.postcode) {
    const compact = compactPostcode(query.postcode);
    if (compact) terms.push({ term: compact, fields: ['postcode'], weight: TERM_WEIGHTS.postcode });
  }
  if (query.uprn) {
    const uprn = query.uprn.replace(/\D/g, '').replace(/^0+/, '');
    if (uprn) terms.push({ term: uprn, fields: ['uprn'], weight: TERM_WEIGHTS.uprn });
  }
  if (query.identifier) {
    const id = compactIdentifier(query.identifier);
    if (id) terms.push({ term: id, fields: ['identifier'], weight: TERM_WEIGHTS.identifier });
  }
  if (query.dateOfBirth) {
    const date = dateTerm(query.dateOfBirth);
    if (date) terms.push({ term: date, fields: ['dateOfBirth'], weight: TERM_WEIGHTS.dateOfBirth });
    else return { ok: false, empty: false, errors: ['dateOfBirth: Enter a date of birth like 03/04/1980, or a year'] };
  }
  // Two hundred terms is more than any agent types; more would only be a way to make search slow.
  if (terms.length > 200) return { ok: false, empty: false, errors: ['Search for fewer words'] };
  if (terms.length === 0) return { ok: false, empty: true, errors: ['Enter a name, postcode, address or reference to search for'] };
  return { ok: true, query: { terms, limit: parsed.data.limit, minScore: parsed.data.minScore, includeRestricted: parsed.data.includeRestricted } };
}
