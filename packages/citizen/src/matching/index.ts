/**
 * Probabilistic record linkage for councilkit (Fellegi-Sunter, as in Splink):
 * comparisons with levels, blocking with a pair estimate and a hard cap, u
 * from random pairs and m by expectation-maximisation, explainable scores,
 * link / review / no-link bands with remembered decisions, clustering into
 * persons with stable ids, incremental matching, Splink JSON in and out, and
 * evaluation. Then merging: `createMerger` builds one person from source
 * records by survivorship rules with provenance, audited merge and exact
 * unmerge, and `relinkCases` makes a person's cases follow a merge.
 *
 * @packageDocumentation
 */
export { createMatcher, fromSplinkJson } from './matcher.js';
export type {
  Band,
  ClusterOptions,
  Decision,
  DecisionKind,
  FromSplinkOptions,
  LinkType,
  Matcher,
  MatcherModel,
  MatcherOptions,
  MatchOneResult,
  PersonIndex,
  Prediction,
  PredictionTimings,
  PredictOptions,
  ScoredPair,
  Thresholds,
} from './matcher.js';
export {
  addressComparison,
  createComparison,
  dateOfBirthComparison,
  emailComparison,
  exactComparison,
  nameComparison,
  ninoComparison,
  phoneComparison,
  postcodeComparison,
  uprnComparison,
} from './comparisons.js';
export type {
  AddressComparisonOptions,
  Comparison,
  ComparisonLevel,
  ComparisonOptions,
  ExactComparisonOptions,
  FieldComparisonOptions,
  LevelInput,
  LevelKind,
  NameComparisonOptions,
  TermFrequencyAdjustment,
} from './comparisons.js';
export type { BlockingEstimate, BlockingKey, BlockingRule, BlockingRuleEstimate, BlockingTransform } from './blocking.js';
export type { FieldWeight } from './scoring.js';
export type { LabelledPair, TrainingOptions, TrainingReport, TrainingSession } from './training.js';
export type { Clustering, Person } from './clustering.js';
export { evaluate } from './evaluate.js';
export type { Evaluation, EvaluationLabels, EvaluationPredictions, PairwiseEvaluation, PrecisionRecall } from './evaluate.js';
export type { SplinkBlockingRule, SplinkComparison, SplinkComparisonLevel, SplinkReadOptions, SplinkSettings } from './splink.js';
export { damerauLevenshtein, jaro, jaroWinkler, levenshtein } from './string-metrics.js';
export { createAliasSets, ukNicknames } from './aliases.js';
export type { AliasSets } from './aliases.js';
export { normaliseValue } from './normalise.js';
export type { Normaliser } from './normalise.js';
export type { LinkageRecord } from './records.js';
export { citizenMatcherOptions, citizenToLinkageRecord } from './citizen-record.js';
export type { CitizenLinkageRecord, CitizenMatcherOptionsInput, CitizenToLinkageOptions } from './citizen-record.js';
export { createLinkageDataset, defaultCorruptionRates, defaultLinkageSources } from './corrupt.js';
export type { CorruptionRates, LinkageDataset, LinkageDatasetOptions, LinkageField, LinkageSource } from './corrupt.js';
export { MatchingError } from './errors.js';
export type { MatchingErrorReason } from './errors.js';
export { createMerger, MergeError, parseSourceRecord } from './merge.js';
export type { Merger, MergeErrorReason, MergeRequest, MergeResult, MergerOptions, UnmergeResult } from './merge.js';
export type { ListField, MergeActor, MergeAuditEntry, MergedPerson, Provenance, ScalarField, SourceRecord, SurvivorshipRule, ValueSource } from './merge-types.js';
export { relinkCases, restoreCaseLinks } from './merge-cases.js';
export type { CaseLinkPort, CaseRelink, CaseRelinkReport, RelinkCasesOptions } from './merge-cases.js';
