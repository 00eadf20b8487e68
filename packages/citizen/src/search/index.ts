/**
 * Citizen search for agents: `createCitizenIndex()` in memory, by name,
 * postcode, address, UPRN, identifier or date of birth, tolerant of typos,
 * ranked with reasons. The query and result types are a contract
 * (`CitizenSearch`) that a SQL implementation satisfies too.
 *
 * @packageDocumentation
 */
export { createCitizenIndex } from './citizen-index.js';
export type { CitizenIndex, CitizenIndexOptions } from './citizen-index.js';
export { SearchError } from './contract.js';
export type { CitizenSearch, CitizenSearchHit, CitizenSearchQuery, CitizenSearchResult, MatchKind, MatchReason, SearchErrorReason, SearchField, SearchTerm } from './contract.js';
export { parseSearchQuery } from './query.js';
export type { ParsedSearchQuery } from './query.js';
export { citizenSearchDocument, scoreCitizen } from './score.js';
export type { CitizenSearchDocument, ScoreOptions } from './score.js';
export type { AliasSets } from '../matching/aliases.js';
