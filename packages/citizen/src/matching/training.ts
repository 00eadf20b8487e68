import { enforceCap, estimateBlocking, generatePairs, resolveKey, ruleName } from './blocking.js';
import type { BlockingRule } from './blocking.js';
import type { Comparison, LevelFunction } from './comparisons.js';
import { compileComparison } from './comparisons.js';
import { MatchingError } from './errors.js';
import type { PreparedRecords } from './records.js';

/**
 * A clerically reviewed pair: the two record ids and whether they are the same person.
 *
 * @example
 * ```ts
 * matcher.train(records, { labels: [{ left: 'ct-0012', right: 'ben-0450', match: true }] });
 * ```
 */
export interface LabelledPair {
  /** One record id. */
  readonly left: string;
  /** The other record id. */
  readonly right: string;
  /** `true` when a person confirmed they are the same person. */
  readonly match: boolean;
}

/**
 * Options for `matcher.train`.
 *
 * @example
 * ```ts
 * matcher.train(records, { rules: [{ keys: ['dob'] }, { keys: ['first_name', 'surname'] }], seed: 7 });
 * ```
 */
export interface TrainingOptions {
  /** Reviewed pairs. Known matches are kept out of the u sample and fix the E-step for their pairs. Default: none. */
  labels?: readonly LabelledPair[];
  /** Blocking rules for the EM sessions. Default: the matcher's `trainingBlocking` (else its blocking rules). */
  rules?: readonly BlockingRule[];
  /** Random pairs sampled to estimate u. Default: 1,000,000 (all pairs when there are fewer). */
  uSamplePairs?: number;
  /** Seed for the u sample. Default: 1. */
  seed?: number;
  /** EM iterations per session. Default: 25. */
  maxIterations?: number;
  /** Stop when no m moves more than this. Default: 1e-4. */
  tolerance?: number;
  /** Use this prior instead of estimating it. */
  probabilityTwoRandomRecordsMatch?: number;
}

/**
 * What happened in one EM session.
 *
 * @example
 * ```ts
 * for (const session of matcher.train(records).sessions) console.log(session.rule, session.converged);
 * ```
 */
export interface TrainingSession {
  /** The blocking rule the session trained on. */
  readonly rule: string;
  /** Pairs the rule generated. */
  readonly pairs: number;
  /** Iterations run. */
  readonly iterations: number;
  /** Whether the tolerance was reached before `maxIterations`. */
  readonly converged: boolean;
  /** Proportion of the session's pairs that are matches, as estimated. */
  readonly matchProportion: number;
  /** Comparisons whose m was estimated (those not blocked on). */
  readonly estimated: readonly string[];
}

/**
 * What `matcher.train` did.
 *
 * @example
 * ```ts
 * const report = matcher.train(records);
 * console.log(report.probabilityTwoRandomRecordsMatch, report.warnings);
 * ```
 */
export interface TrainingReport {
  /** Random pairs used for u. */
  readonly uPairs: number;
  /** One entry per EM session. */
  readonly sessions: readonly TrainingSession[];
  /** The prior in force after training. */
  readonly probabilityTwoRandomRecordsMatch: number;
  /** Labelled pairs used. */
  readonly labelledPairs: number;
  /** Anything the caller should know, e.g. a comparison whose m could not be estimated. */
  readonly warnings: readonly string[];
}

/** A small seeded PRNG (mulberry32): the u sample must be reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pairKey = (a: number, b: number): number => (a < b ? a * 4_294_967_296 + b : b * 4_294_967_296 + a);

function initialM(levels: number): number[] {
  // Strongest level most likely among matches, halving down to the else level.
  const raw = Array.from({ length: levels }, (_, index) => (index === 0 ? 0 : 2 ** (levels - 1 - index)));
  const total = raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => value / total);
}

interface Pattern {
  count: number;
  levels: Uint8Array;
  fixed: number; // -1 free, else the fixed match probability from a label
}

/**
 * Train m and u probabilities and the prior, Splink-style: u from random
 * pairs, then one EM session per blocking rule with u held fixed, estimating
 * m only for comparisons the rule does not block on (those are biased within
 * the rule's pairs). m estimates are averaged over sessions. Mutates the
 * comparisons' levels.
 */
export function trainModel(
  comparisons: readonly Comparison[],
  defaultRules: readonly BlockingRule[],
  data: PreparedRecords,
  maxPairs: number,
  options: TrainingOptions,
  sources?: Int32Array,
): TrainingReport {
  const size = data.size();
  if (size < 2) throw new MatchingError('invalid-options', 'Training needs at least two records');
  const warnings: string[] = [];
  const uSamplePairs = options.uSamplePairs ?? 1_000_000;
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-4;
  const rules = options.rules ?? defaultRules;
  const levelOf: LevelFunction[] = comparisons.map((comparison) => compileComparison(comparison, data));

  const labels = (options.labels ?? []).map((label) => {
    const left = data.idIndex.get(String(label.left));
    const right = data.idIndex.get(String(label.right));
    if (left === undefined || right === undefined) {
      throw new MatchingError('invalid-labels', `Label refers to unknown record "${left === undefined ? label.left : label.right}"`);
    }
    return { left, right, match: label.match === true };
  });
  const knownMatches = new Set(labels.filter((label) => label.match).map((label) => pairKey(label.left, label.right)));

  // u: level frequencies among random pairs.
  const uCounts = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  const totalPairs = (size * (size - 1)) / 2;
  let uPairs = 0;
  const countU = (i: number, j: number): void => {
    if (sources && sources[i] === sources[j]) return;
    if (knownMatches.has(pairKey(i, j))) return;
    uPairs += 1;
    for (let c = 0; c < comparisons.length; c += 1) {
      const counts = uCounts[c] as Float64Array;
      const level = (levelOf[c] as LevelFunction)(i, j);
      counts[level] = (counts[level] as number) + 1;
    }
  };
  if (totalPairs <= uSamplePairs) {
    for (let i = 0; i < size; i += 1) for (let j = i + 1; j < size; j += 1) countU(i, j);
  } else {
    const random = seededRandom(options.seed ?? 1);
    for (let n = 0; n < uSamplePairs; n += 1) {
      const i = Math.floor(random() * size);
      let j = Math.floor(random() * (size - 1));
      if (j >= i) j += 1;
      countU(i, j);
    }
  }
  comparisons.forEach((comparison, c) => {
    const counts = uCounts[c] as Float64Array;
    let nonNull = 0;
    for (let level = 1; level < counts.length; level += 1) nonNull += counts[level] as number;
    if (nonNull === 0) {
      warnings.push(`Comparison "${comparison.name}": no random pair had both values, u left as it was`);
      return;
    }
    // A level never seen among random pairs gets one pseudo-count, not zero: u = 0 would make it decisive.
    const smoothed = Array.from(counts, (count, level) => (level === 0 ? 0 : Math.max(count, 1)));
    const total = smoothed.reduce((sum, value) => sum + value, 0);
    comparison.levels.forEach((level, index) => {
      if (index > 0) level.u = (smoothed[index] as number) / total;
    });
  });

  // EM sessions.
  const mSums = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  const mSessions = comparisons.map(() => 0);
  const sessions: TrainingSession[] = [];
  const matchesByRule = new Map<number, number>();
  const mStart = comparisons.map((comparison) =>
    comparison.levels.every((level, index) => index === 0 || level.m !== undefined)
      ? comparison.levels.map((level, index) => (index === 0 ? 0 : (level.m as number)))
      : initialM(comparison.levels.length),
  );

  for (const [ruleIndex, rule] of rules.entries()) {
    const name = ruleName(rule);
    const keyFields = new Set(rule.keys.map((key) => resolveKey(key).field));
    // A comparison reading a blocked field (its own, or another via exact-other) is biased in this session.
    const blockedOn = (comparison: Comparison): boolean => keyFields.has(comparison.field) || Object.keys(comparison.otherFields ?? {}).some((field) => keyFields.has(field));
    const estimatedIndexes = comparisons.map((comparison, c) => (blockedOn(comparison) ? -1 : c)).filter((c) => c >= 0);
    const { estimate, groups } = estimateBlocking([rule], data, maxPairs, sources);
    enforceCap(estimate);
    const pairs = generatePairs(groups, estimate.total, sources);
    const radixProduct = comparisons.reduce((product, comparison) => product * comparison.levels.length, 3);
    if (radixProduct > Number.MAX_SAFE_INTEGER) {
      throw new MatchingError('invalid-options', 'Too many comparison levels to train: the product of level counts must stay below 2^53');
    }
    const patterns = new Map<number, Pattern>();
    const levels = new Uint8Array(comparisons.length);
    const addPattern = (i: number, j: number, fixed: number): void => {
      // Mixed-radix number of the comparison vector (and the label), so no string per pair.
      let key = fixed + 1;
      for (let c = 0; c < comparisons.length; c += 1) {
        const level = (levelOf[c] as LevelFunction)(i, j);
        levels[c] = level;
        key = key * (comparisons[c] as Comparison).levels.length + level;
      }
      const found = patterns.get(key);
      if (found) found.count += 1;
      else patterns.set(key, { count: 1, levels: levels.slice(), fixed });
    };
    const labelled = new Map<number, boolean>(labels.map((label) => [pairKey(label.left, label.right), label.match]));
    const seen = new Set<number>();
    for (let p = 0; p < pairs.count; p += 1) {
      const i = pairs.left[p] as number;
      const j = pairs.right[p] as number;
      const key = pairKey(i, j);
      const label = labelled.get(key);
      if (label !== undefined) seen.add(key);
      addPattern(i, j, label === undefined ? -1 : label ? 1 : 0);
    }
    // Labelled pairs the rule did not generate still tell us what matches look like,
    // without the rule's bias, so they join the session with their known answer.
    for (const label of labels) if (!seen.has(pairKey(label.left, label.right))) addPattern(label.left, label.right, label.match ? 1 : 0);
    if (pairs.count === 0 || estimatedIndexes.length === 0) {
      warnings.push(`Session "${name}": ${pairs.count === 0 ? 'no pairs' : 'every comparison is blocked on'}, skipped`);
      continue;
    }
    const list = [...patterns.values()];
    const m = mStart.map((values) => values.slice());
    const u = comparisons.map((comparison) => comparison.levels.map((level) => level.u ?? 1));
    let lambda = 0.5;
    let iterations = 0;
    let converged = false;
    const probabilities = new Float64Array(list.length);
    while (iterations < maxIterations) {
      iterations += 1;
      let matchSum = 0;
      let freeTotal = 0;
      let freeMatch = 0;
      const logPrior = Math.log(lambda / (1 - lambda));
      list.forEach((pattern, index) => {
        let probability: number;
        if (pattern.fixed >= 0) {
          probability = pattern.fixed;
        } else {
          let logOdds = logPrior;
          for (const c of estimatedIndexes) {
            const level = pattern.levels[c] as number;
            if (level === 0) continue;
            logOdds += Math.log(Math.max((m[c] as number[])[level] as number, 1e-9) / Math.max((u[c] as number[])[level] as number, 1e-9));
          }
          probability = 1 / (1 + Math.exp(-logOdds));
          freeTotal += pattern.count;
          freeMatch += pattern.count * probability;
        }
        probabilities[index] = probability;
        matchSum += pattern.count * probability;
      });
      let maxChange = 0;
      for (const c of estimatedIndexes) {
        const sums = new Float64Array(comparisons[c]?.levels.length ?? 0);
        let total = 0;
        list.forEach((pattern, index) => {
          const level = pattern.levels[c] as number;
          if (level === 0) return;
          const weight = pattern.count * (probabilities[index] as number);
          sums[level] = (sums[level] as number) + weight;
          total += weight;
        });
        if (total === 0) continue;
        const current = m[c] as number[];
        for (let level = 1; level < sums.length; level += 1) {
          const next = (sums[level] as number) / total;
          maxChange = Math.max(maxChange, Math.abs(next - (current[level] as number)));
          current[level] = next;
        }
      }
      lambda = freeTotal > 0 ? Math.min(Math.max(freeMatch / freeTotal, 1e-9), 1 - 1e-9) : lambda;
      if (matchSum === 0) break;
      if (maxChange < tolerance) {
        converged = true;
        break;
      }
    }
    for (const c of estimatedIndexes) {
      const sums = mSums[c] as Float64Array;
      (m[c] as number[]).forEach((value, level) => {
        sums[level] = (sums[level] as number) + value;
      });
      mSessions[c] = (mSessions[c] as number) + 1;
    }
    sessions.push({
      rule: name,
      pairs: pairs.count,
      iterations,
      converged,
      matchProportion: lambda,
      estimated: estimatedIndexes.map((c) => comparisons[c]?.name ?? ''),
    });
    matchesByRule.set(ruleIndex, lambda * pairs.count);
  }

  comparisons.forEach((comparison, c) => {
    const sessionsFor = mSessions[c] as number;
    if (sessionsFor === 0) {
      if (comparison.levels.slice(1).some((level) => level.m === undefined)) {
        const start = mStart[c] as number[];
        comparison.levels.forEach((level, index) => {
          if (index > 0) level.m = start[index] as number;
        });
      }
      warnings.push(`Comparison "${comparison.name}": m not estimated (blocked on in every session); add a session that does not block on "${comparison.field}"`);
      return;
    }
    const sums = mSums[c] as Float64Array;
    comparison.levels.forEach((level, index) => {
      if (index > 0) level.m = Math.max((sums[index] as number) / sessionsFor, 1e-6);
    });
  });

  let prior = options.probabilityTwoRandomRecordsMatch;
  if (prior === undefined) {
    // A rule's recall among matches is the chance that matches agree on every blocked field
    // (from the exact level's m and the fields' fill rates); it scales the session's matches up to all matches.
    const estimates: number[] = [];
    rules.forEach((rule, index) => {
      const matchesFound = matchesByRule.get(index);
      if (matchesFound === undefined) return;
      let recall = 1;
      for (const key of rule.keys.map(resolveKey)) {
        const comparison = comparisons.find((candidate) => candidate.field === key.field);
        const exact = comparison?.levels.find((level) => level.kind.type === 'exact');
        if (key.transform !== 'exact' || !exact?.m) {
          recall = Number.NaN;
          break;
        }
        // Records missing the field are never blocked together, which lowers recall further.
        const codes = data.column(key.field).codes;
        const present = codes.filter((code) => code >= 0).length / size;
        recall *= exact.m * present * present;
      }
      if (Number.isFinite(recall) && recall > 0) estimates.push(Math.min(matchesFound / recall, totalPairs) / totalPairs);
    });
    if (estimates.length > 0) {
      estimates.sort((a, b) => a - b);
      prior = estimates[Math.floor(estimates.length / 2)] as number;
    } else {
      const found = [...matchesByRule.values()].reduce((max, value) => Math.max(max, value), 0);
      prior = Math.max(found / totalPairs, 1 / totalPairs);
      warnings.push('Prior estimated from the largest session alone: no session blocks only on exact fields with comparisons');
    }
  }
  prior = Math.min(Math.max(prior, 1e-12), 0.5);
  return { uPairs, sessions, probabilityTwoRandomRecordsMatch: prior, labelledPairs: labels.length, warnings };
}
