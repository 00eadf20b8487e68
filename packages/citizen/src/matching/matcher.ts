import { z } from 'zod';
import { enforceCap, estimateBlocking, generatePairs, resolveKey, ruleName } from './blocking.js';
import type { BlockingEstimate, BlockingRule } from './blocking.js';
import { assignPersonIds, constrainedComponents, fnv1a } from './clustering.js';
import type { ClusterEdge, Clustering } from './clustering.js';
import type { Comparison, ComparisonLevel } from './comparisons.js';
import { MatchingError } from './errors.js';
import type { Normaliser } from './normalise.js';
import { prepareRecords } from './records.js';
import type { LinkageRecord, PreparedRecords } from './records.js';
import { assertTrained, compileScorer, probabilityFromWeight, termFrequencyTables, weightFromProbability } from './scoring.js';
import type { CompiledScorer, FieldWeight, TermFrequencyTables } from './scoring.js';
import { parseSplinkSettings, toSplinkSettings } from './splink.js';
import type { SplinkReadOptions, SplinkSettings } from './splink.js';
import { trainModel } from './training.js';
import type { TrainingOptions, TrainingReport } from './training.js';

/**
 * Which band a scored pair falls in.
 *
 * @example
 * ```ts
 * const band: Band = pair.band; // 'link' | 'review' | 'no-link'
 * ```
 */
export type Band = 'link' | 'review' | 'no-link';

/**
 * Which pairs are compared: all (`dedupe`) or only pairs from different sources (`link-only`).
 *
 * @example
 * ```ts
 * createMatcher({ comparisons, blocking, linkType: 'link-only' satisfies LinkType, sourceField: 'source' });
 * ```
 */
export type LinkType = 'dedupe' | 'link-only';

/**
 * What a person decided about a pair after review.
 *
 * @example
 * ```ts
 * matcher.decide('ct-0012', 'ben-0450', 'cannot-link' satisfies DecisionKind);
 * ```
 */
export type DecisionKind = 'cannot-link' | 'must-link';

/**
 * A remembered clerical decision about two records.
 *
 * @example
 * ```ts
 * const saved: Decision[] = matcher.decisions();
 * const next = createMatcher({ ...options, decisions: saved });
 * ```
 */
export interface Decision {
  /** One record id. */
  readonly left: string;
  /** The other record id. */
  readonly right: string;
  /** `cannot-link`: confirmed not the same person, never linked or queued again. `must-link`: confirmed the same person. */
  readonly decision: DecisionKind;
}

/**
 * Probability thresholds for the three bands.
 *
 * @example
 * ```ts
 * createMatcher({ comparisons, blocking, thresholds: { link: 0.99, review: 0.8, apart: 0.001 } });
 * ```
 */
export interface Thresholds {
  /** At or above: linked automatically. Default: 0.95. */
  readonly link: number;
  /** At or above (and below `link`): clerical review. Below: no link. Default: 0.5. */
  readonly review: number;
  /**
   * Below this, a scored pair is taken as two different people when
   * clustering: no chain of links may put them in one person (a record with
   * only a surname and an address links to several members of a household,
   * and must not merge them). Default: 0.001. Set 0 to turn off.
   */
  readonly apart: number;
}

/**
 * Options for {@link createMatcher}.
 *
 * @example
 * ```ts
 * const options: MatcherOptions = {
 *   comparisons: [nameComparison({ field: 'surname' }), dateOfBirthComparison({ field: 'dob' })],
 *   blocking: [{ keys: ['dob'] }],
 *   thresholds: { link: 0.99, review: 0.8 },
 *   maxPairs: 5_000_000,
 * };
 * ```
 */
export interface MatcherOptions {
  /** The comparisons, e.g. `nameComparison({ field: 'surname' })`. */
  comparisons: readonly Comparison[];
  /** Blocking rules: only pairs agreeing on a rule's keys are compared. */
  blocking: readonly BlockingRule[];
  /**
   * Blocking rules for the EM sessions of `train`. Default: `blocking`. Keep
   * out rules that mostly pair different people who share a lot (surname and
   * address find households): EM would learn that households are matches.
   */
  trainingBlocking?: readonly BlockingRule[];
  /** Band thresholds as match probabilities. Default: `{ link: 0.95, review: 0.5, apart: 0.001 }`. */
  thresholds?: Partial<Thresholds>;
  /** The record field holding a unique id. Default: `"id"`. */
  idField?: string;
  /**
   * `dedupe` compares any two records (duplicates within a system and links
   * between systems); `link-only` compares only records from different
   * sources, named by `sourceField`. Default: `dedupe`.
   */
  linkType?: LinkType;
  /** The record field naming the source system. Required for `link-only`. */
  sourceField?: string;
  /** Hard cap on the pairs blocking may generate. Default: 20,000,000. */
  maxPairs?: number;
  /** Prior probability that two random records are the same person, until training estimates it. Default: 0.0001. */
  probabilityTwoRandomRecordsMatch?: number;
  /** Clerical decisions remembered from earlier runs. Default: none. */
  decisions?: readonly Decision[];
  /** Prefix of new person ids. Default: `"person-"`. */
  personIdPrefix?: string;
}

/**
 * A scored pair with the evidence behind the score.
 *
 * @example
 * ```ts
 * const pair = matcher.score(a, b);
 * for (const field of pair.fields) console.log(field.comparison, field.level, field.matchWeight.toFixed(1));
 * ```
 */
export interface ScoredPair {
  /** One record id. */
  readonly left: string;
  /** The other record id. */
  readonly right: string;
  /** log2 odds that the two are the same person: the prior plus every field's weight. */
  readonly matchWeight: number;
  /** Probability that the two are the same person. */
  readonly probability: number;
  /** Which band the pair falls in (after any decision). */
  readonly band: Band;
  /** log2 prior odds, the starting point before any field. */
  readonly priorWeight: number;
  /** Per-comparison breakdown; `priorWeight` plus every `matchWeight` here is the pair's `matchWeight`. Built on first read. */
  readonly fields: readonly FieldWeight[];
  /** The blocking rule that found the pair, or `null` when scored directly. */
  readonly rule: string | null;
  /** A remembered clerical decision, when there is one. */
  readonly decision?: DecisionKind;
}

/**
 * Options for `matcher.predict`.
 *
 * @example
 * ```ts
 * matcher.predict(records, { includeNoLink: true });
 * ```
 */
export interface PredictOptions {
  /** Also return pairs in the no-link band. Default: `false` (they are counted, not returned). */
  includeNoLink?: boolean;
}

/**
 * The result of `matcher.predict`.
 *
 * @example
 * ```ts
 * const prediction = matcher.predict(records);
 * console.log(prediction.candidateCount, prediction.pairs.filter((pair) => pair.band === 'link').length);
 * ```
 */
export interface Prediction {
  /** Record ids in input order. */
  readonly recordIds: readonly string[];
  /** The blocking estimate made before generating pairs. */
  readonly estimate: BlockingEstimate;
  /** Distinct candidate pairs scored. */
  readonly candidateCount: number;
  /** Scored pairs in the link and review bands (and no-link when asked), strongest first. */
  readonly pairs: readonly ScoredPair[];
  /** Every candidate pair blocking generated, as record ids (for blocking recall). */
  candidates(): [string, string][];
  /** Wall-clock milliseconds per phase, for capacity planning. */
  readonly timings: PredictionTimings;
}

/**
 * Where `predict` spent its time, in milliseconds.
 *
 * @example
 * ```ts
 * const { prepare, blocking, scoring, explaining } = matcher.predict(records).timings;
 * ```
 */
export interface PredictionTimings {
  /** Normalising the records. */
  readonly prepare: number;
  /** Estimating and generating candidate pairs. */
  readonly blocking: number;
  /** Scoring every candidate pair. */
  readonly scoring: number;
  /** Explaining and banding the pairs kept (link and review bands, and decided pairs). */
  readonly explaining: number;
}

/**
 * Options for `matcher.cluster`.
 *
 * @example
 * ```ts
 * matcher.cluster(prediction, { previous: lastRun.assignments });
 * ```
 */
export interface ClusterOptions {
  /** Record id to person id from an earlier run: persons keep their ids. Default: none. */
  previous?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
}

/**
 * The trained parameters: comparisons with m and u, and the prior.
 *
 * @example
 * ```ts
 * const { comparisons, probabilityTwoRandomRecordsMatch } = matcher.model();
 * ```
 */
export interface MatcherModel {
  /** Comparisons with their levels' m and u. */
  readonly comparisons: readonly Comparison[];
  /** Blocking rules. */
  readonly blocking: readonly BlockingRule[];
  /** Blocking rules for training sessions. */
  readonly trainingBlocking: readonly BlockingRule[];
  /** The prior. */
  readonly probabilityTwoRandomRecordsMatch: number;
  /** The id field. */
  readonly idField: string;
  /** Which pairs are compared. */
  readonly linkType: LinkType;
  /** The source field, for `link-only`. */
  readonly sourceField?: string;
}

/**
 * Existing persons, ready for incremental matching with `matcher.matchOne`.
 *
 * @example
 * ```ts
 * const index: PersonIndex = matcher.createIndex(records, matcher.cluster(matcher.predict(records)));
 * index.personOf('ct-0012'); // 'person-1a2b3c4d'
 * ```
 */
export interface PersonIndex {
  /** Records held. */
  size(): number;
  /** The person a record belongs to. */
  personOf(recordId: string): string | undefined;
  /** Current persons and assignments. */
  clustering(): Clustering;
}

/**
 * Result of matching one new record against existing persons.
 *
 * @example
 * ```ts
 * const result = matcher.matchOne(newRecord, index);
 * if (result.band === 'review') queueForReview(result.candidates[0]?.pair);
 * ```
 */
export interface MatchOneResult {
  /** The new record's id. */
  readonly recordId: string;
  /** The person the record now belongs to (an existing one when linked, otherwise a new one). */
  readonly personId: string;
  /** Whether a new person was created. */
  readonly created: boolean;
  /** The band of the best candidate (`no-link` when there were none). */
  readonly band: Band;
  /** Best pair per candidate person, strongest first. */
  readonly candidates: readonly { readonly personId: string; readonly pair: ScoredPair }[];
}

/**
 * What {@link createMatcher} gives back.
 *
 * @example
 * ```ts
 * const matcher: Matcher = createMatcher({ comparisons, blocking });
 * matcher.train(records);
 * const { persons } = matcher.cluster(matcher.predict(records));
 * ```
 */
export interface Matcher {
  /** Count the pairs each blocking rule would generate, without generating them. */
  estimatePairs(records: readonly LinkageRecord[]): BlockingEstimate;
  /** Estimate u from random pairs and m by expectation-maximisation (with optional labels), and the prior. */
  train(records: readonly LinkageRecord[], options?: TrainingOptions): TrainingReport;
  /** Score two records directly, with the explanation. */
  score(left: LinkageRecord, right: LinkageRecord): ScoredPair;
  /** Block, score and band every candidate pair. Throws `too-many-pairs` before generating anything over the cap. */
  predict(records: readonly LinkageRecord[], options?: PredictOptions): Prediction;
  /** Group a prediction's records into persons, respecting cannot-link decisions, keeping previous person ids. */
  cluster(prediction: Prediction, options?: ClusterOptions): Clustering;
  /** Pairs awaiting clerical review: the review band, less any pair already decided. */
  reviewQueue(prediction: Prediction): ScoredPair[];
  /** Remember a clerical decision. */
  decide(left: string, right: string, decision: DecisionKind): void;
  /** Every remembered decision, to persist. */
  decisions(): Decision[];
  /** Hold existing records and their persons for incremental matching. */
  createIndex(records: readonly LinkageRecord[], clustering: Clustering): PersonIndex;
  /** Match one new record against existing persons, and add it to the index. */
  matchOne(record: LinkageRecord, index: PersonIndex): MatchOneResult;
  /** A copy of the model's parameters. */
  model(): MatcherModel;
  /** The model as Splink settings JSON (comparison levels with m and u). */
  toSplinkJson(): SplinkSettings;
}

const optionsSchema = z.object({
  comparisons: z.array(z.object({ name: z.string().min(1), field: z.string().min(1), levels: z.array(z.object({ label: z.string() }).loose()).min(2) }).loose()).min(1),
  blocking: z.array(z.object({ keys: z.array(z.unknown()).min(1) }).loose()),
  trainingBlocking: z.array(z.object({ keys: z.array(z.unknown()).min(1) }).loose()).min(1).optional(),
  thresholds: z
    .object({ link: z.number().gt(0).lt(1).optional(), review: z.number().gt(0).lt(1).optional(), apart: z.number().min(0).lt(1).optional() })
    .optional(),
  idField: z.string().min(1).optional(),
  linkType: z.enum(['dedupe', 'link-only']).optional(),
  sourceField: z.string().min(1).optional(),
  maxPairs: z.number().int().positive().optional(),
  probabilityTwoRandomRecordsMatch: z.number().gt(0).lt(1).optional(),
  decisions: z
    .array(z.object({ left: z.string(), right: z.string(), decision: z.enum(['cannot-link', 'must-link']) }))
    .optional(),
  personIdPrefix: z.string().optional(),
});

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function copyComparison(comparison: Comparison): Comparison {
  return { ...comparison, levels: comparison.levels.map((level): ComparisonLevel => ({ ...level })) };
}

interface PredictionInternals {
  data: PreparedRecords;
  /** Pairs scored below the apart threshold, as flat [left, right, left, right…] positions. */
  apart: number[];
}

interface IndexInternals {
  data: PreparedRecords;
  scorer: CompiledScorer;
  groups: Map<string, number[]>[];
  personOf: string[];
  members: Map<string, number[]>;
}

/**
 * Create a probabilistic record matcher (Fellegi-Sunter, as in Splink).
 * Records are plain objects of field to string. Train it on your records (or
 * load a model trained in Splink with `fromSplinkJson`), then predict,
 * cluster into persons and match new records one at a time.
 *
 * @example
 * ```ts
 * import {
 *   createMatcher, nameComparison, dateOfBirthComparison, postcodeComparison, emailComparison,
 * } from '@councilkit/citizen/matching';
 *
 * const matcher = createMatcher({
 *   idField: 'id',
 *   comparisons: [
 *     nameComparison({ field: 'first_name', swappedWith: 'surname' }),
 *     nameComparison({ field: 'surname', swappedWith: 'first_name' }),
 *     dateOfBirthComparison({ field: 'dob' }),
 *     postcodeComparison({ field: 'postcode' }),
 *     emailComparison({ field: 'email' }),
 *   ],
 *   blocking: [{ keys: ['dob'] }, { keys: ['surname', { field: 'postcode', transform: 'postcode-district' }] }, { keys: ['email'] }],
 *   thresholds: { link: 0.95, review: 0.5 },
 * });
 * matcher.train(records);
 * const prediction = matcher.predict(records);
 * const { persons } = matcher.cluster(prediction);
 * ```
 */
export function createMatcher(options: MatcherOptions): Matcher {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new MatchingError('invalid-options', `Invalid matcher options: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const comparisons = options.comparisons.map(copyComparison);
  const names = new Set<string>();
  for (const comparison of comparisons) {
    // Hand-built comparisons must have the shape the builders give: null level first, else level last.
    if (comparison.levels[0]?.kind.type !== 'null' || comparison.levels.at(-1)?.kind.type !== 'else') {
      throw new MatchingError('invalid-options', `Comparison "${comparison.name}" must start with a null level and end with an else level: build it with createComparison`);
    }
    if (comparison.levels.length > 255) throw new MatchingError('invalid-options', `Comparison "${comparison.name}" has more than 255 levels`);
    if (names.has(comparison.name)) throw new MatchingError('invalid-options', `Two comparisons are named "${comparison.name}"`);
    names.add(comparison.name);
  }
  const blocking = options.blocking.map((rule) => ({ ...rule, keys: [...rule.keys] }));
  blocking.forEach((rule) => rule.keys.forEach(resolveKey));
  const trainingBlocking = (options.trainingBlocking ?? blocking).map((rule) => ({ ...rule, keys: [...rule.keys] }));
  trainingBlocking.forEach((rule) => rule.keys.forEach(resolveKey));
  if (blocking.length > 255) throw new MatchingError('invalid-options', 'At most 255 blocking rules');
  const thresholds: Thresholds = { link: options.thresholds?.link ?? 0.95, review: options.thresholds?.review ?? 0.5, apart: options.thresholds?.apart ?? 0.001 };
  if (thresholds.review > thresholds.link) throw new MatchingError('invalid-options', 'The review threshold must not be above the link threshold');
  if (thresholds.apart > thresholds.review) throw new MatchingError('invalid-options', 'The apart threshold must not be above the review threshold');
  const idField = options.idField ?? 'id';
  const linkType: LinkType = options.linkType ?? 'dedupe';
  const sourceField = options.sourceField;
  if (linkType === 'link-only' && !sourceField) throw new MatchingError('invalid-options', 'link-only matching needs a sourceField');
  const maxPairs = options.maxPairs ?? 20_000_000;
  const personIdPrefix = options.personIdPrefix ?? 'person-';
  let lambda = options.probabilityTwoRandomRecordsMatch ?? 0.0001;
  let frequencies: TermFrequencyTables | undefined;
  const decided = new Map<string, Decision>();
  for (const decision of options.decisions ?? []) decided.set(pairKey(decision.left, decision.right), { ...decision });

  const normaliserByField = new Map<string, Normaliser>();
  for (const comparison of comparisons) {
    for (const [field, normaliser] of Object.entries(comparison.otherFields ?? {})) if (!normaliserByField.has(field)) normaliserByField.set(field, normaliser);
  }
  for (const comparison of comparisons) normaliserByField.set(comparison.field, comparison.normaliser);
  const normaliserOf = (field: string): Normaliser => normaliserByField.get(field) ?? 'text';
  const prepare = (records: readonly LinkageRecord[]): PreparedRecords => {
    if (!Array.isArray(records)) throw new MatchingError('invalid-record', 'Records must be an array');
    return prepareRecords(records, idField, normaliserOf);
  };
  // Source code per record for link-only matching (undefined when every pair may be compared).
  const sourcesOf = (data: PreparedRecords): Int32Array | undefined => {
    if (linkType !== 'link-only' || !sourceField) return undefined;
    const codes = data.column(sourceField).codes;
    const missing = codes.findIndex((code) => code < 0);
    if (missing >= 0) throw new MatchingError('invalid-record', `Record "${data.ids[missing]}" has no "${sourceField}"`);
    return Int32Array.from(codes);
  };

  const linkWeight = (): number => weightFromProbability(thresholds.link);
  const reviewWeight = (): number => weightFromProbability(thresholds.review);
  const bandOf = (weight: number): Band => (weight >= linkWeight() ? 'link' : weight >= reviewWeight() ? 'review' : 'no-link');

  const scorePair = (scorer: CompiledScorer, data: PreparedRecords, left: number, right: number, weight: number, rule: string | null): ScoredPair => {
    const leftId = data.ids[left] as string;
    const rightId = data.ids[right] as string;
    const decision = decided.get(pairKey(leftId, rightId));
    const band: Band = decision ? (decision.decision === 'cannot-link' ? 'no-link' : 'link') : bandOf(weight);
    // The breakdown is built on first read (it is an enumerable getter, so JSON and
    // spreading see it): a large run keeps hundreds of thousands of pairs, most never opened.
    let fields: FieldWeight[] | undefined;
    return {
      left: leftId,
      right: rightId,
      matchWeight: weight,
      probability: probabilityFromWeight(weight),
      band,
      priorWeight: scorer.priorWeight,
      get fields() {
        fields ??= scorer.explain(left, right);
        return fields;
      },
      rule,
      ...(decision ? { decision: decision.decision } : {}),
    };
  };

  const internals = new WeakMap<Prediction, PredictionInternals>();
  const indexInternals = new WeakMap<PersonIndex, IndexInternals>();

  const groupKey = (rule: BlockingRule, data: PreparedRecords, position: number): string | null => {
    let composite = '';
    for (const key of rule.keys.map(resolveKey)) {
      const codes = key.transform === 'exact' ? data.column(key.field).codes : data.derived(key.field, key.transform === 'prefix' ? `prefix-${key.length}` : key.transform);
      const code = codes[position] ?? -1;
      if (code < 0) return null;
      composite += `${code},`;
    }
    return composite;
  };

  const matcher: Matcher = {
    estimatePairs(records) {
      const data = prepare(records);
      return estimateBlocking(blocking, data, maxPairs, sourcesOf(data)).estimate;
    },

    train(records, trainingOptions = {}) {
      const data = prepare(records);
      const report = trainModel(comparisons, trainingBlocking, data, maxPairs, trainingOptions, sourcesOf(data));
      lambda = report.probabilityTwoRandomRecordsMatch;
      frequencies = termFrequencyTables(comparisons, data);
      return report;
    },

    score(left, right) {
      assertTrained(comparisons);
      const data = prepare([left, right]);
      const scorer = compileScorer(comparisons, lambda, data, frequencies);
      return scorePair(scorer, data, 0, 1, scorer.weight(0, 1), null);
    },

    predict(records, predictOptions = {}) {
      assertTrained(comparisons);
      const started = performance.now();
      const data = prepare(records);
      for (const comparison of comparisons) data.column(comparison.field);
      const prepared = performance.now();
      const sources = sourcesOf(data);
      const { estimate, groups } = estimateBlocking(blocking, data, maxPairs, sources);
      enforceCap(estimate);
      const candidates = generatePairs(groups, estimate.total, sources);
      const blocked = performance.now();
      const scorer = compileScorer(comparisons, lambda, data, frequencies);
      const keepFrom = predictOptions.includeNoLink ? Number.NEGATIVE_INFINITY : reviewWeight();
      const ruleNames = blocking.map(ruleName);
      const apartWeight = thresholds.apart > 0 ? weightFromProbability(thresholds.apart) : Number.NEGATIVE_INFINITY;
      const apart: number[] = [];
      const pairs: ScoredPair[] = [];
      const scored = new Set<string>();
      // Score every pair first (the hot loop), then explain only the pairs kept.
      const weights = new Float64Array(candidates.count);
      for (let p = 0; p < candidates.count; p += 1) weights[p] = scorer.weight(candidates.left[p] as number, candidates.right[p] as number);
      const weighed = performance.now();
      for (let p = 0; p < candidates.count; p += 1) {
        const left = candidates.left[p] as number;
        const right = candidates.right[p] as number;
        const weight = weights[p] as number;
        if (weight < apartWeight) apart.push(left, right);
        const decision = decided.size > 0 ? decided.get(pairKey(data.ids[left] as string, data.ids[right] as string)) : undefined;
        if (weight >= keepFrom || decision) {
          pairs.push(scorePair(scorer, data, left, right, weight, ruleNames[candidates.rule[p] as number] ?? null));
          if (decision) scored.add(pairKey(data.ids[left] as string, data.ids[right] as string));
        }
      }
      // A must-link decision holds even when blocking would not have found the pair.
      for (const [key, decision] of decided) {
        if (decision.decision !== 'must-link' || scored.has(key)) continue;
        const left = data.idIndex.get(decision.left);
        const right = data.idIndex.get(decision.right);
        if (left === undefined || right === undefined) continue;
        pairs.push(scorePair(scorer, data, left, right, scorer.weight(left, right), null));
      }
      pairs.sort((a, b) => b.matchWeight - a.matchWeight);
      const finished = performance.now();
      const prediction: Prediction = {
        timings: { prepare: prepared - started, blocking: blocked - prepared, scoring: weighed - blocked, explaining: finished - weighed },
        recordIds: data.ids,
        estimate,
        candidateCount: candidates.count,
        pairs,
        candidates() {
          const out: [string, string][] = new Array(candidates.count);
          for (let p = 0; p < candidates.count; p += 1) out[p] = [data.ids[candidates.left[p] as number] as string, data.ids[candidates.right[p] as number] as string];
          return out;
        },
      };
      internals.set(prediction, { data, apart });
      return prediction;
    },

    cluster(prediction, clusterOptions = {}) {
      const ids = prediction.recordIds;
      const position = internals.get(prediction)?.data.idIndex ?? new Map(ids.map((id, index) => [id, index]));
      const edges: ClusterEdge[] = [];
      for (const pair of prediction.pairs) {
        const decision = decided.get(pairKey(pair.left, pair.right));
        const band = decision ? (decision.decision === 'cannot-link' ? 'no-link' : 'link') : pair.band;
        if (band !== 'link') continue;
        const left = position.get(pair.left);
        const right = position.get(pair.right);
        if (left === undefined || right === undefined) throw new MatchingError('unknown-record', `Pair refers to a record not in the prediction`);
        edges.push({ left, right, weight: decision ? Number.POSITIVE_INFINITY : pair.matchWeight });
      }
      for (const decision of decided.values()) {
        if (decision.decision !== 'must-link') continue;
        const left = position.get(decision.left);
        const right = position.get(decision.right);
        if (left !== undefined && right !== undefined) edges.push({ left, right, weight: Number.POSITIVE_INFINITY });
      }
      const cannot: [number, number][] = [];
      for (const decision of decided.values()) {
        if (decision.decision !== 'cannot-link') continue;
        const left = position.get(decision.left);
        const right = position.get(decision.right);
        if (left !== undefined && right !== undefined) cannot.push([left, right]);
      }
      // Only records with a link can be merged, so only their apart pairs matter.
      const linked = new Uint8Array(ids.length);
      for (const edge of edges) {
        linked[edge.left] = 1;
        linked[edge.right] = 1;
      }
      const apartPairs: [number, number][] = [];
      const flat = internals.get(prediction)?.apart ?? [];
      for (let index = 0; index < flat.length; index += 2) {
        const left = flat[index] as number;
        const right = flat[index + 1] as number;
        if (linked[left] === 1 && linked[right] === 1) apartPairs.push([left, right]);
      }
      const roots = constrainedComponents(ids.length, edges, cannot, apartPairs);
      const previous = clusterOptions.previous instanceof Map ? clusterOptions.previous : new Map(Object.entries(clusterOptions.previous ?? {}));
      return assignPersonIds(ids, roots, previous as ReadonlyMap<string, string>, personIdPrefix);
    },

    reviewQueue(prediction) {
      return prediction.pairs.filter((pair) => pair.band === 'review' && !decided.has(pairKey(pair.left, pair.right)));
    },

    decide(left, right, decision) {
      if (typeof left !== 'string' || typeof right !== 'string' || left === right) {
        throw new MatchingError('invalid-options', 'A decision needs two different record ids');
      }
      if (decision !== 'cannot-link' && decision !== 'must-link') throw new MatchingError('invalid-options', `Unknown decision "${String(decision)}"`);
      decided.set(pairKey(left, right), { left, right, decision });
    },

    decisions: () => [...decided.values()].map((decision) => ({ ...decision })),

    createIndex(records, clustering) {
      assertTrained(comparisons);
      const data = prepare(records);
      const scorer = compileScorer(comparisons, lambda, data, frequencies);
      const groups = blocking.map(() => new Map<string, number[]>());
      const personOf: string[] = [];
      const members = new Map<string, number[]>();
      for (let position = 0; position < data.size(); position += 1) {
        const id = data.ids[position] as string;
        const personId = clustering.assignments[id];
        if (personId === undefined) throw new MatchingError('unknown-record', `Record "${id}" has no person in the clustering`);
        personOf.push(personId);
        const list = members.get(personId);
        if (list) list.push(position);
        else members.set(personId, [position]);
        blocking.forEach((rule, ruleIndex) => {
          const key = groupKey(rule, data, position);
          if (key === null) return;
          const map = groups[ruleIndex] as Map<string, number[]>;
          const found = map.get(key);
          if (found) found.push(position);
          else map.set(key, [position]);
        });
      }
      const index: PersonIndex = {
        size: () => data.size(),
        personOf: (recordId) => {
          const position = data.idIndex.get(recordId);
          return position === undefined ? undefined : personOf[position];
        },
        clustering() {
          const persons = [...members].map(([personId, positions]) => ({ personId, records: positions.map((position) => data.ids[position] as string).sort() }));
          persons.sort((a, b) => b.records.length - a.records.length || (a.personId < b.personId ? -1 : 1));
          const assignments: Record<string, string> = {};
          data.ids.forEach((id, position) => {
            assignments[id] = personOf[position] as string;
          });
          return { persons, assignments };
        },
      };
      indexInternals.set(index, { data, scorer, groups, personOf, members });
      return index;
    },

    matchOne(record, index) {
      const state = indexInternals.get(index);
      if (!state) throw new MatchingError('invalid-options', 'matchOne needs an index made by this matcher’s createIndex');
      const { data, scorer, groups, personOf, members } = state;
      const position = data.append(record);
      const recordId = data.ids[position] as string;
      const sourceCodes = linkType === 'link-only' && sourceField ? data.column(sourceField).codes : undefined;
      const candidates = new Map<number, string>();
      blocking.forEach((rule, ruleIndex) => {
        const key = groupKey(rule, data, position);
        if (key === null) return;
        const map = groups[ruleIndex] as Map<string, number[]>;
        for (const other of map.get(key) ?? []) {
          if (sourceCodes && sourceCodes[other] === sourceCodes[position]) continue;
          if (!candidates.has(other)) candidates.set(other, ruleName(rule));
        }
        const found = map.get(key);
        if (found) found.push(position);
        else map.set(key, [position]);
      });
      const bestByPerson = new Map<string, ScoredPair>();
      const refused = new Set<string>();
      for (const [other, rule] of candidates) {
        const personId = personOf[other] as string;
        const pair = scorePair(scorer, data, other, position, scorer.weight(other, position), rule);
        if (pair.decision === 'cannot-link') refused.add(personId);
        const best = bestByPerson.get(personId);
        if (!best || pair.matchWeight > best.matchWeight) bestByPerson.set(personId, pair);
      }
      for (const decision of decided.values()) {
        if (decision.decision !== 'cannot-link' || (decision.left !== recordId && decision.right !== recordId)) continue;
        const other = data.idIndex.get(decision.left === recordId ? decision.right : decision.left);
        if (other !== undefined && other !== position) refused.add(personOf[other] as string);
      }
      // A person with any cannot-link member is not offered, whatever its other members score.
      for (const personId of refused) bestByPerson.delete(personId);
      const ranked = [...bestByPerson].map(([personId, pair]) => ({ personId, pair })).sort((a, b) => b.pair.matchWeight - a.pair.matchWeight);
      const best = ranked[0];
      const band: Band = best ? best.pair.band : 'no-link';
      let personId: string;
      let created = false;
      if (best && band === 'link') {
        personId = best.personId;
      } else {
        const base = `${personIdPrefix}${fnv1a(recordId)}`;
        personId = base;
        for (let suffix = 2; members.has(personId); suffix += 1) personId = `${base}-${suffix}`;
        created = true;
      }
      personOf.push(personId);
      const list = members.get(personId);
      if (list) list.push(position);
      else members.set(personId, [position]);
      return { recordId, personId, created, band, candidates: ranked };
    },

    model: () => ({ comparisons: comparisons.map(copyComparison), blocking: blocking.map((rule) => ({ ...rule })), trainingBlocking: trainingBlocking.map((rule) => ({ ...rule })), probabilityTwoRandomRecordsMatch: lambda, idField, linkType, ...(sourceField ? { sourceField } : {}) }),

    toSplinkJson() {
      assertTrained(comparisons);
      return toSplinkSettings(matcher.model());
    },
  };
  return matcher;
}

/**
 * Options for {@link fromSplinkJson}: how to read the model, and the matcher options Splink's JSON does not carry.
 *
 * @example
 * ```ts
 * fromSplinkJson(json, { aliases: { first_name: createAliasSets(ukNicknames) }, thresholds: { link: 0.99, review: 0.8 } });
 * ```
 */
export interface FromSplinkOptions extends SplinkReadOptions, Partial<Omit<MatcherOptions, 'comparisons'>> {}

/**
 * Create a matcher from a Splink model's settings JSON, so a council that
 * trains in Splink can score in Node. Comparison levels are read from their
 * SQL conditions (exact, Jaro-Winkler, (Damerau-)Levenshtein, columns
 * reversed, date and postcode forms councilkit writes); anything else is
 * refused with reason `unsupported-splink-sql` rather than guessed.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { fromSplinkJson } from '@councilkit/citizen/matching';
 *
 * const matcher = fromSplinkJson(readFileSync('model.json', 'utf8'), { thresholds: { link: 0.99, review: 0.8 } });
 * const prediction = matcher.predict(records);
 * ```
 */
export function fromSplinkJson(json: unknown, options: FromSplinkOptions = {}): Matcher {
  const { aliases, normalisers, ...matcherOptions } = options;
  const model = parseSplinkSettings(json, { ...(aliases ? { aliases } : {}), ...(normalisers ? { normalisers } : {}) });
  return createMatcher({
    comparisons: model.comparisons,
    blocking: model.blocking,
    idField: model.idField,
    linkType: model.linkType,
    ...(model.sourceField ? { sourceField: model.sourceField } : {}),
    probabilityTwoRandomRecordsMatch: model.probabilityTwoRandomRecordsMatch,
    ...matcherOptions,
  });
}
