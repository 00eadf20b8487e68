import { MatchingError } from './errors.js';
import type { LabelledPair } from './training.js';

/**
 * What was predicted: clusters (record id to person id), and/or linked pairs, and optionally the candidate pairs blocking produced.
 *
 * @example
 * ```ts
 * evaluate({ clusters: clustering.assignments, candidates: prediction.candidates() }, { clusters: truth });
 * ```
 */
export interface EvaluationPredictions {
  /** Record id to predicted person id. Pairs in one person count as predicted matches. */
  readonly clusters?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** Predicted matching pairs, used when `clusters` is absent. */
  readonly links?: Iterable<readonly [string, string]>;
  /** Every pair blocking generated, for blocking recall. */
  readonly candidates?: Iterable<readonly [string, string]>;
}

/**
 * The truth: record id to true person id, or reviewed pairs.
 *
 * @example
 * ```ts
 * evaluate({ clusters }, { pairs: [{ left: 'a', right: 'b', match: true }] });
 * ```
 */
export type EvaluationLabels =
  | { readonly clusters: Readonly<Record<string, string>> | ReadonlyMap<string, string> }
  | { readonly pairs: readonly LabelledPair[] };

/**
 * Precision, recall and F1.
 *
 * @example
 * ```ts
 * const { precision, recall, f1 } = evaluate({ clusters }, { clusters: truth }).pairwise;
 * ```
 */
export interface PrecisionRecall {
  /** Share of predicted matches that are true. */
  readonly precision: number;
  /** Share of true matches that were predicted. */
  readonly recall: number;
  /** Harmonic mean of precision and recall. */
  readonly f1: number;
}

/**
 * Pairwise counts behind the pairwise precision and recall.
 *
 * @example
 * ```ts
 * const { truePositives, falsePositives, falseNegatives } = evaluate({ clusters }, { clusters: truth }).pairwise;
 * ```
 */
export interface PairwiseEvaluation extends PrecisionRecall {
  /** Predicted and true. */
  readonly truePositives: number;
  /** Predicted but not true. */
  readonly falsePositives: number;
  /** True but not predicted. */
  readonly falseNegatives: number;
}

/**
 * The result of {@link evaluate}.
 *
 * @example
 * ```ts
 * const { pairwise, blockingRecall, bCubed } = evaluate({ clusters }, { clusters: truth });
 * ```
 */
export interface Evaluation {
  /** Over record pairs. */
  readonly pairwise: PairwiseEvaluation;
  /** Share of true matching pairs that blocking generated, or `null` without candidates. */
  readonly blockingRecall: number | null;
  /** B-cubed (per-record) scores, or `null` unless both sides are clusters. */
  readonly bCubed: PrecisionRecall | null;
}

function toMap(clusters: Readonly<Record<string, string>> | ReadonlyMap<string, string>): Map<string, string> {
  if (clusters instanceof Map) return new Map([...clusters].map(([key, value]) => [String(key), String(value)]));
  return new Map(Object.entries(clusters as Record<string, string>).map(([key, value]) => [key, String(value)]));
}

const key = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const safeDivide = (top: number, bottom: number): number => (bottom === 0 ? 0 : top / bottom);
const harmonic = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function groupsOf(clusters: Map<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [record, cluster] of clusters) {
    const list = groups.get(cluster);
    if (list) list.push(record);
    else groups.set(cluster, [record]);
  }
  return groups;
}

const pairsIn = (n: number): number => (n * (n - 1)) / 2;

/**
 * Score predictions against the truth: pairwise precision, recall and F1,
 * blocking recall (share of true matching pairs that blocking generated), and
 * B-cubed precision, recall and F1 (per-record averages, which weigh big
 * persons less than pairwise scores do).
 *
 * With true clusters, records missing from the predicted clusters count as
 * people of their own. With reviewed pairs, only those pairs are scored.
 *
 * @example
 * ```ts
 * const result = evaluate(
 *   { clusters: { a: 'p1', b: 'p1', c: 'p2' } },
 *   { clusters: { a: 'x', b: 'x', c: 'x' } },
 * );
 * result.pairwise; // { precision: 1, recall: 1/3, f1: 0.5, truePositives: 1, falsePositives: 0, falseNegatives: 2 }
 * ```
 */
export function evaluate(predictions: EvaluationPredictions, labels: EvaluationLabels): Evaluation {
  if (!predictions || (predictions.clusters === undefined && predictions.links === undefined)) {
    throw new MatchingError('invalid-options', 'evaluate() needs predicted clusters or links');
  }
  const predictedClusters = predictions.clusters ? toMap(predictions.clusters) : undefined;
  const linkSet = predictions.links ? new Set([...predictions.links].map(([a, b]) => key(String(a), String(b)))) : undefined;
  const predictedMatch = (a: string, b: string): boolean => {
    if (predictedClusters) {
      const left = predictedClusters.get(a);
      return left !== undefined && left === predictedClusters.get(b);
    }
    return linkSet?.has(key(a, b)) ?? false;
  };

  if ('pairs' in labels) {
    if (!Array.isArray(labels.pairs)) throw new MatchingError('invalid-labels', 'Labels need pairs');
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const candidateSet = predictions.candidates ? new Set([...predictions.candidates].map(([a, b]) => key(String(a), String(b)))) : undefined;
    let trueMatches = 0;
    let blocked = 0;
    for (const pair of labels.pairs) {
      const left = String(pair.left);
      const right = String(pair.right);
      const predicted = predictedMatch(left, right);
      if (pair.match) {
        trueMatches += 1;
        if (candidateSet?.has(key(left, right))) blocked += 1;
        if (predicted) tp += 1;
        else fn += 1;
      } else if (predicted) {
        fp += 1;
      }
    }
    const precision = safeDivide(tp, tp + fp);
    const recall = safeDivide(tp, tp + fn);
    return {
      pairwise: { precision, recall, f1: harmonic(precision, recall), truePositives: tp, falsePositives: fp, falseNegatives: fn },
      blockingRecall: candidateSet ? safeDivide(blocked, trueMatches) : null,
      bCubed: null,
    };
  }

  const truth = toMap(labels.clusters);
  const truthGroups = groupsOf(truth);
  const truePairs = [...truthGroups.values()].reduce((sum, list) => sum + pairsIn(list.length), 0);

  let tp = 0;
  let predictedPairs = 0;
  let bCubed: PrecisionRecall | null = null;
  if (predictedClusters) {
    // Records the prediction never saw are people of their own.
    const predictedOf = (record: string): string => predictedClusters.get(record) ?? `\u0000${record}`;
    const cells = new Map<string, number>();
    const predictedSizes = new Map<string, number>();
    for (const record of truth.keys()) {
      const predicted = predictedOf(record);
      predictedSizes.set(predicted, (predictedSizes.get(predicted) ?? 0) + 1);
      const cell = `${predicted}\u0000${truth.get(record) as string}`;
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
    }
    for (const n of cells.values()) tp += pairsIn(n);
    for (const n of predictedSizes.values()) predictedPairs += pairsIn(n);
    let precisionSum = 0;
    let recallSum = 0;
    for (const record of truth.keys()) {
      const predicted = predictedOf(record);
      const actual = truth.get(record) as string;
      const overlap = cells.get(`${predicted}\u0000${actual}`) ?? 0;
      precisionSum += overlap / (predictedSizes.get(predicted) ?? 1);
      recallSum += overlap / (truthGroups.get(actual)?.length ?? 1);
    }
    const n = truth.size;
    const bPrecision = safeDivide(precisionSum, n);
    const bRecall = safeDivide(recallSum, n);
    bCubed = { precision: bPrecision, recall: bRecall, f1: harmonic(bPrecision, bRecall) };
  } else if (linkSet) {
    for (const pair of linkSet) {
      const [a, b] = pair.split('\u0000') as [string, string];
      predictedPairs += 1;
      const left = truth.get(a);
      if (left !== undefined && left === truth.get(b)) tp += 1;
    }
  }

  let blockingRecall: number | null = null;
  if (predictions.candidates) {
    let found = 0;
    for (const [a, b] of predictions.candidates) {
      const left = truth.get(String(a));
      if (left !== undefined && left === truth.get(String(b))) found += 1;
    }
    blockingRecall = safeDivide(found, truePairs);
  }

  const precision = safeDivide(tp, predictedPairs);
  const recall = safeDivide(tp, truePairs);
  return {
    pairwise: {
      precision,
      recall,
      f1: harmonic(precision, recall),
      truePositives: tp,
      falsePositives: predictedPairs - tp,
      falseNegatives: truePairs - tp,
    },
    blockingRecall,
    bCubed,
  };
}
