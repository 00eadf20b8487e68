/**
 * Find residents the way an agent asks: by name (typos tolerated), postcode,
 * address or UPRN. An in-memory index over one summary line per resident,
 * built at start; a few thousand residents search in well under a
 * millisecond, and the index is rebuilt from the directory on change.
 */

/** What the index knows about one resident. */
export interface ResidentSummary {
  id: string;
  /** Display name, e.g. "Jane Smith". */
  name: string;
  /** Other names to match on (preferred, previous). */
  otherNames: string[];
  /** One-line current address. */
  address: string;
  postcode: string | undefined;
  uprn: string | undefined;
  /** ISO date or year-month, as held. */
  dateOfBirth: string | undefined;
  /** References to match exactly (council tax account, PCN). */
  references: string[];
}

/** A search hit with its score (1 = exact). */
export interface ResidentHit extends ResidentSummary {
  score: number;
  /** Why it matched, for the agent: "UPRN", "postcode", "name". */
  matchedOn: 'uprn' | 'postcode' | 'reference' | 'name' | 'address';
}

const postcodePattern = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;
const outwardPattern = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** Normalise a UK postcode to `AA9A 9AA`, or `undefined` when it is not one. */
export function normalisePostcode(value: string): string | undefined {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  const match = postcodePattern.exec(compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact);
  return match ? `${match[1]} ${match[2]}` : undefined;
}

function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function trigrams(value: string): Set<string> {
  const padded = `  ${value} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Best similarity of each query word to any word of the candidate, averaged: word order does not matter. */
function wordScore(queryWords: Array<Set<string>>, candidateWords: Array<Set<string>>): number {
  if (!queryWords.length || !candidateWords.length) return 0;
  let total = 0;
  for (const q of queryWords) {
    let best = 0;
    for (const c of candidateWords) best = Math.max(best, similarity(q, c));
    total += best;
  }
  return total / queryWords.length;
}

/** Search over resident summaries. */
export interface ResidentIndex {
  search(query: string, limit?: number): ResidentHit[];
  size(): number;
}

/**
 * Build the index.
 *
 * @example
 * ```ts
 * const index = createResidentIndex(summaries);
 * index.search('jane smiht'); // Jane Smith first
 * ```
 */
export function createResidentIndex(residents: ResidentSummary[]): ResidentIndex {
  const entries = residents.map((resident) => ({
    resident,
    names: [resident.name, ...resident.otherNames].map((n) => fold(n).split(' ').filter(Boolean).map(trigrams)),
    address: fold(resident.address).split(' ').filter(Boolean).map(trigrams),
    references: resident.references.map((r) => r.toUpperCase().replace(/\s+/g, '')),
  }));
  return {
    size: () => entries.length,
    search(query, limit = 20) {
      const trimmed = query.trim().slice(0, 200);
      if (!trimmed) return [];
      const digits = trimmed.replace(/\s+/g, '');
      if (/^\d{1,12}$/.test(digits)) {
        const byUprn = entries.filter((e) => e.resident.uprn === String(Number(digits)));
        if (byUprn.length) return byUprn.slice(0, limit).map((e) => ({ ...e.resident, score: 1, matchedOn: 'uprn' }));
      }
      const upper = digits.toUpperCase();
      const byRef = entries.filter((e) => e.references.includes(upper));
      if (byRef.length) return byRef.slice(0, limit).map((e) => ({ ...e.resident, score: 1, matchedOn: 'reference' }));
      const postcode = normalisePostcode(trimmed);
      if (postcode) {
        return entries
          .filter((e) => e.resident.postcode === postcode)
          .sort((a, b) => a.resident.address.localeCompare(b.resident.address, 'en-GB', { numeric: true }))
          .slice(0, limit)
          .map((e) => ({ ...e.resident, score: 1, matchedOn: 'postcode' }));
      }
      if (outwardPattern.test(upper) && /\d/.test(upper)) {
        const outward = entries.filter((e) => e.resident.postcode?.startsWith(`${upper} `));
        if (outward.length) return outward.slice(0, limit).map((e) => ({ ...e.resident, score: 0.9, matchedOn: 'postcode' }));
      }
      const words = fold(trimmed).split(' ').filter(Boolean).map(trigrams);
      const scored: ResidentHit[] = [];
      for (const e of entries) {
        const name = Math.max(0, ...e.names.map((n) => wordScore(words, n)));
        const address = wordScore(words, e.address) * 0.95;
        const score = Math.max(name, address);
        if (score >= 0.45) scored.push({ ...e.resident, score: Math.round(score * 1000) / 1000, matchedOn: name >= address ? 'name' : 'address' });
      }
      return scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, limit);
    },
  };
}
