import type { Citizen } from '../schemas/types.js';

/**
 * What an agent searches with. Fill any of the fields; `text` is a single
 * search box that is split into a name, address words, a postcode (with or
 * without its space), a UPRN, a date of birth or an identifier (National
 * Insurance number, council tax account, NHS number, a local reference).
 *
 * @example
 * ```ts
 * const query: CitizenSearchQuery = { text: 'jon smyth ls14ap' };
 * const precise: CitizenSearchQuery = { name: 'Jon Smyth', postcode: 'LS1 4AP', limit: 10 };
 * ```
 */
export interface CitizenSearchQuery {
  /** Free text, classified word by word. */
  text?: string;
  /** A name, whole or in part (`Rob Smi`), typos allowed. */
  name?: string;
  /** A postcode, whole or outward part only, with or without the space. */
  postcode?: string;
  /** Address words (`14 Acacia Avenue`). */
  address?: string;
  /** A UPRN. */
  uprn?: string;
  /** A NINO (suffix optional), council tax account, NHS number or local reference. */
  identifier?: string;
  /** A date of birth (`1980-04-03`, `03/04/1980`, or a year). */
  dateOfBirth?: string;
  /** At most this many hits. Default 20, at most 200. */
  limit?: number;
  /** Leave out hits scoring below this (0 to 1). Default 0.35. */
  minScore?: number;
  /**
   * Include residents whose processing is restricted (UK GDPR Article 18).
   * Only a data-protection desk should ask. Default `false`: they are left out.
   */
  includeRestricted?: boolean;
}

/**
 * Which part of a citizen a query term matched.
 *
 * @example
 * ```ts
 * const field: SearchField = 'postcode';
 * ```
 */
export type SearchField = 'name' | 'address' | 'postcode' | 'uprn' | 'identifier' | 'dateOfBirth';

/**
 * How a query term matched: `exact`; `alias` (a nickname: `Bob` for
 * `Robert`, from the matching alias sets); `prefix` (the term starts the value:
 * `Rob` for `Robinson`, `LS1` for `LS1 4AP`); `typo` (one or two edits,
 * Damerau-Levenshtein); `similar` (trigram similarity); `district` (same
 * postcode district only); `swapped` (day and month of a date swapped);
 * `year` (same year of birth).
 *
 * @example
 * ```ts
 * const kind: MatchKind = 'typo';
 * ```
 */
export type MatchKind = 'exact' | 'alias' | 'prefix' | 'typo' | 'similar' | 'district' | 'swapped' | 'year';

/**
 * One reason a citizen matched: the query term, the field and value it
 * matched, how, and the term's score (0 to 1).
 *
 * @example
 * ```ts
 * const reason: MatchReason = { term: 'smyth', field: 'name', value: 'smith', kind: 'typo', score: 0.85 };
 * ```
 */
export interface MatchReason {
  /** The query term (normalised). */
  term: string;
  /** Field matched. */
  field: SearchField;
  /** The citizen's value it matched (normalised). */
  value: string;
  /** How. */
  kind: MatchKind;
  /** Score of this term, 0 to 1. */
  score: number;
}

/**
 * One search hit.
 *
 * @example
 * ```ts
 * const [best]: CitizenSearchHit[] = (await index.search({ text: 'ada lovelace' })).hits;
 * ```
 */
export interface CitizenSearchHit {
  /** The citizen. */
  citizen: Citizen;
  /** Overall score, 0 to 1: the weighted mean of every query term's best score. */
  score: number;
  /** One reason per query term that matched, best first. */
  reasons: MatchReason[];
}

/**
 * A search's answer: hits ranked best first (ties by citizen id), and the
 * terms the query was read as.
 *
 * @example
 * ```ts
 * const result: CitizenSearchResult = await index.search({ text: 'ab123456' });
 * result.terms; // [{ field: 'identifier', term: 'AB123456' }, ...]
 * ```
 */
export interface CitizenSearchResult {
  /** Hits, best first. */
  hits: CitizenSearchHit[];
  /** How the query was read. */
  terms: SearchTerm[];
}

/**
 * A query term: a normalised value and the fields it is compared with.
 *
 * @example
 * ```ts
 * const term: SearchTerm = { term: 'smith', fields: ['name', 'address'], weight: 1.5 };
 * ```
 */
export interface SearchTerm {
  /** The value, normalised. */
  term: string;
  /** Fields it is compared with (its best match counts). */
  fields: SearchField[];
  /** Its weight in the overall score. */
  weight: number;
}

/**
 * The search contract. The in-memory index from `createCitizenIndex`
 * satisfies it; a SQL implementation (PostgreSQL with `pg_trgm`) satisfies
 * the same one, so agent screens do not care which is behind them. Read the
 * query with `parseSearchQuery`, and score with `scoreCitizen` so both rank
 * alike.
 *
 * @example
 * ```ts
 * async function lookup(search: CitizenSearch, box: string) {
 *   const { hits } = await search.search({ text: box, limit: 10 });
 *   return hits.map((hit) => ({ id: hit.citizen.id, score: hit.score, why: hit.reasons.map((r) => `${r.field} ${r.kind}`) }));
 * }
 * ```
 */
export interface CitizenSearch {
  /** Search. Rejects with `SearchError` (`invalid-query`, `empty-query`) for a query it cannot read. */
  search(query: CitizenSearchQuery): Promise<CitizenSearchResult>;
}

/**
 * Why a search index call was refused.
 *
 * @example
 * ```ts
 * if (error instanceof SearchError && error.reason === 'empty-query') showHint('Enter a name, postcode or reference');
 * ```
 */
export type SearchErrorReason = 'invalid-query' | 'empty-query' | 'invalid-citizen' | 'duplicate-citizen' | 'unknown-citizen' | 'invalid-options';

/**
 * Thrown (or rejected) by search for a caller's mistake.
 *
 * @example
 * ```ts
 * try { await index.search({ limit: -1 }); } catch (error) { if (error instanceof SearchError) console.log(error.reason); } // 'invalid-query'
 * ```
 */
export class SearchError extends Error {
  override readonly name = 'SearchError';
  /** Why. */
  readonly reason: SearchErrorReason;

  constructor(reason: SearchErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
