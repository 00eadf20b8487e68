import type { AliasSets } from '../matching/aliases.js';
import { damerauLevenshtein } from '../matching/string-metrics.js';
import type { Citizen } from '../schemas/types.js';
import type { MatchKind, MatchReason, SearchField, SearchTerm } from './contract.js';
import { compactIdentifier, compactPostcode } from './query.js';
import { trigramSimilarity, words } from './trigram.js';

/**
 * The searchable values of one citizen, normalised once: name words
 * (current, preferred and previous names), address words, postcodes
 * without spaces, UPRNs, identifiers (NINO without suffix) and the date of
 * birth. A SQL implementation stores these columns (see the docs) so both
 * implementations compare the same values.
 *
 * @example
 * ```ts
 * const doc = citizenSearchDocument(citizen);
 * doc.postcodes; // ['LS14AP']
 * ```
 */
export interface CitizenSearchDocument {
  /** Name words. */
  name: string[];
  /** Address words (flat, number, building, street, locality, town). */
  address: string[];
  /** Postcodes, upper case without spaces. */
  postcodes: string[];
  /** UPRNs without leading zeros. */
  uprns: string[];
  /** Identifier values, compact upper case, NINO without its suffix. */
  identifiers: string[];
  /** Date of birth (ISO, cut to its precision), if known. */
  dateOfBirth: string | null;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * Extract a citizen's {@link CitizenSearchDocument}.
 *
 * @example
 * ```ts
 * citizenSearchDocument(citizen).name; // ['ada', 'augusta', 'lovelace', 'byron']
 * ```
 */
export function citizenSearchDocument(citizen: Citizen): CitizenSearchDocument {
  const names = [citizen.name.given, citizen.name.middle, citizen.name.family, citizen.name.preferred, ...citizen.previousNames.flatMap((p) => [p.given, p.family])];
  const addresses = citizen.addresses.map((entry) => entry.address);
  return {
    name: unique(names.flatMap((part) => (part ? words(part) : []))),
    address: unique(addresses.flatMap((a) => [a.sao, a.pao, a.street, a.locality, a.town].flatMap((part) => (part ? words(part) : [])))),
    postcodes: unique(addresses.flatMap((a) => (a.postcode ? [compactPostcode(a.postcode)] : []))),
    uprns: unique(addresses.flatMap((a) => (a.uprn ? [a.uprn.replace(/^0+/, '')] : []))),
    identifiers: unique(citizen.identifiers.map((identifier) => compactIdentifier(identifier.value))),
    dateOfBirth: citizen.dateOfBirth?.value ?? null,
  };
}

interface Scored {
  kind: MatchKind;
  score: number;
}

const ALIAS: Scored = { kind: 'alias', score: 0.85 };

/**
 * Options for {@link scoreCitizen}.
 *
 * @example
 * ```ts
 * const options: ScoreOptions = { aliases: createAliasSets(ukNicknames) };
 * ```
 */
export interface ScoreOptions {
  /** Nickname sets: a name term scores `alias` (0.85) against a name in a shared set. Default: none. */
  aliases?: AliasSets;
}

/** Word against word: exact, prefix (partial typing), one or two edits, then trigram similarity. */
function wordScore(term: string, value: string): Scored | null {
  if (term === value) return { kind: 'exact', score: 1 };
  if (/^\d+$/.test(term) || /^\d+$/.test(value)) return null;
  if (term.length >= 2 && value.startsWith(term)) return { kind: 'prefix', score: 0.75 + 0.15 * (term.length / value.length) };
  const limit = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  if (limit > 0 && Math.abs(term.length - value.length) <= limit) {
    const distance = damerauLevenshtein(term, value);
    if (distance <= limit) return { kind: 'typo', score: 1 - 0.12 * distance };
  }
  const similarity = trigramSimilarity(term, value);
  return similarity >= 0.3 ? { kind: 'similar', score: 0.8 * similarity } : null;
}

function postcodeScore(term: string, value: string): Scored | null {
  if (term === value) return { kind: 'exact', score: 1 };
  const outward = value.slice(0, -3);
  const full = term.length >= 5 && /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(term);
  if (!full) {
    // An outward code (LS1) must equal the value's outward code, not merely start it (LS11).
    if (term === outward) return { kind: 'prefix', score: 0.9 };
    if (term.length > outward.length && value.startsWith(term)) return { kind: 'prefix', score: 0.9 };
    return null;
  }
  if (damerauLevenshtein(term, value) <= 1) return { kind: 'typo', score: 0.8 };
  if (term.slice(0, -3) === outward) return { kind: 'district', score: 0.45 };
  return null;
}

function identifierScore(term: string, value: string): Scored | null {
  if (term === value) return { kind: 'exact', score: 1 };
  if (term.length >= 8 && Math.abs(term.length - value.length) <= 1 && damerauLevenshtein(term, value) <= 1) return { kind: 'typo', score: 0.75 };
  return null;
}

function dateScore(term: string, value: string): Scored | null {
  if (term === value) return { kind: 'exact', score: 1 };
  if (term.length === 4) return value.startsWith(term) ? { kind: 'year', score: 1 } : null;
  const [ty, tm, td] = term.split('-');
  const [vy, vm, vd] = value.split('-');
  if (vm === undefined) return ty === vy ? { kind: 'year', score: 0.5 } : null;
  if (ty === vy && tm === vd && td === vm) return { kind: 'swapped', score: 0.7 };
  if (ty === vy && tm === vm && vd === undefined) return { kind: 'year', score: 0.6 };
  return ty === vy ? { kind: 'year', score: 0.3 } : null;
}

function best(term: string, field: SearchField, values: readonly string[], scorer: (term: string, value: string) => Scored | null): MatchReason | null {
  let top: MatchReason | null = null;
  for (const value of values) {
    const scored = scorer(term, value);
    if (scored && (!top || scored.score > top.score)) top = { term, field, value, kind: scored.kind, score: Math.round(scored.score * 1000) / 1000 };
    if (top?.score === 1) break;
  }
  return top;
}

function matchField(term: string, field: SearchField, doc: CitizenSearchDocument, aliases: AliasSets | undefined): MatchReason | null {
  switch (field) {
    case 'name':
      return best(term, field, doc.name, aliases ? (t, v) => (aliases.areAliases(t, v) ? ALIAS : wordScore(t, v)) : wordScore);
    case 'address':
      return best(term.toLowerCase(), field, doc.address, wordScore);
    case 'postcode':
      return best(term, field, doc.postcodes, postcodeScore);
    case 'uprn':
      return best(term, field, doc.uprns, (t, v) => (t === v ? { kind: 'exact', score: 1 } : null));
    case 'identifier':
      return best(term, field, doc.identifiers, identifierScore);
    case 'dateOfBirth':
      return doc.dateOfBirth ? best(term, field, [doc.dateOfBirth], dateScore) : null;
  }
}

/**
 * Score one citizen's search document against query terms: each term's best
 * match over its fields, and the weighted mean of those as the overall
 * score (a term that matches nothing counts 0). Both the in-memory index and
 * a SQL implementation rank with this, so they agree.
 *
 * @example
 * ```ts
 * const parsed = parseSearchQuery({ name: 'Ada Lovlace' });
 * if (parsed.ok) scoreCitizen(citizenSearchDocument(citizen), parsed.query.terms); // { score: 0.94, reasons: [...] }
 * ```
 */
export function scoreCitizen(doc: CitizenSearchDocument, terms: readonly SearchTerm[], options: ScoreOptions = {}): { score: number; reasons: MatchReason[] } {
  let total = 0;
  let weights = 0;
  const reasons: MatchReason[] = [];
  for (const term of terms) {
    let top: MatchReason | null = null;
    for (const field of term.fields) {
      const reason = matchField(term.term, field, doc, options.aliases);
      if (reason && (!top || reason.score > top.score)) top = reason;
    }
    weights += term.weight;
    if (top) {
      total += term.weight * top.score;
      reasons.push(top);
    }
  }
  reasons.sort((a, b) => b.score - a.score);
  return { score: weights === 0 ? 0 : Math.round((total / weights) * 1000) / 1000, reasons };
}
