import { compileComparison } from './comparisons.js';
import type { Comparison, ComparisonLevel, LevelFunction } from './comparisons.js';
import { MatchingError } from './errors.js';
import type { PreparedRecords } from './records.js';

/**
 * The evidence one comparison gave for a pair: which level it hit and how much that level weighs.
 *
 * @example
 * ```ts
 * const strongest = [...pair.fields].sort((a, b) => b.matchWeight - a.matchWeight)[0];
 * ```
 */
export interface FieldWeight {
  /** The comparison's name. */
  readonly comparison: string;
  /** The level's label, e.g. `Jaro-Winkler similarity of first_name >= 0.9`. */
  readonly level: string;
  /** Position of the level in the comparison (0 is the null level). */
  readonly levelIndex: number;
  /** P(level | same person), `null` on the null level. */
  readonly m: number | null;
  /** P(level | different people), `null` on the null level. */
  readonly u: number | null;
  /** Bayes factor m/u, including any term-frequency adjustment. 1 means no evidence either way. */
  readonly bayesFactor: number;
  /** log2 of the Bayes factor: positive for evidence of a match, negative against. */
  readonly matchWeight: number;
  /** The part of `matchWeight` due to term frequency (0 when not adjusted). */
  readonly termFrequencyWeight: number;
}

// Probabilities at exactly 0 or 1 would make a single field decide everything.
const floor = 1e-6;

/** A model compiled against one set of prepared records. */
export interface CompiledScorer {
  readonly comparisons: readonly Comparison[];
  readonly levelOf: readonly LevelFunction[];
  /** log2 Bayes factor per comparison and level (0 on the null level). */
  readonly weights: readonly Float64Array[];
  /** log2 prior odds. */
  readonly priorWeight: number;
  /** Levels per comparison (for the mixed-radix pattern key). */
  readonly radix: readonly number[];
  /** Match weight of a pair of record positions. */
  weight(left: number, right: number): number;
  /** Match weight given already computed levels (written into `levels` at `offset`). */
  weightWithLevels(left: number, right: number, levels: Uint8Array, offset: number): number;
  /** The breakdown for one pair. */
  explain(left: number, right: number): FieldWeight[];
}

/** Bayes factor of a level, or 1 when the level carries no evidence. */
export function levelWeight(m: number | undefined, u: number | undefined): number {
  if (m === undefined || u === undefined) return 0;
  return Math.log2(Math.max(m, floor) / Math.max(u, floor));
}

/** Check every non-null level has m and u. */
export function assertTrained(comparisons: readonly Comparison[]): void {
  for (const comparison of comparisons) {
    for (const level of comparison.levels.slice(1)) {
      if (level.m === undefined || level.u === undefined) {
        throw new MatchingError(
          'not-trained',
          `Comparison "${comparison.name}" level "${level.label}" has no m/u probability yet: call train() or load a trained model`,
        );
      }
    }
  }
}

/** Term frequencies learnt in training, per field: value to share of non-missing values. */
export type TermFrequencyTables = ReadonlyMap<string, { readonly counts: ReadonlyMap<string, number>; readonly total: number }>;

/** Count term frequencies of the fields that have a term-frequency adjusted level. */
export function termFrequencyTables(comparisons: readonly Comparison[], data: PreparedRecords): TermFrequencyTables {
  const tables = new Map<string, { counts: Map<string, number>; total: number }>();
  for (const comparison of comparisons) {
    for (const level of comparison.levels) {
      if (!level.termFrequency) continue;
      const field = termFrequencyField(comparison, level);
      if (tables.has(field)) continue;
      const counts = new Map<string, number>();
      let total = 0;
      for (const value of data.column(field).values) {
        if (value === null) continue;
        counts.set(value, (counts.get(value) ?? 0) + 1);
        total += 1;
      }
      tables.set(field, { counts, total });
    }
  }
  return tables;
}

/** The field whose value frequencies adjust a level: the other field for `exact-other`, else the comparison's own. */
export function termFrequencyField(comparison: Comparison, level: ComparisonLevel): string {
  return level.kind.type === 'exact-other' ? level.kind.otherField : comparison.field;
}

/** Compile the scorer. `lambda` is the prior probability that two random records match. */
export function compileScorer(comparisons: readonly Comparison[], lambda: number, data: PreparedRecords, trainedFrequencies?: TermFrequencyTables): CompiledScorer {
  const levelOf = comparisons.map((comparison) => compileComparison(comparison, data));
  const weights = comparisons.map((comparison) => Float64Array.from(comparison.levels, (level, index) => (index === 0 ? 0 : levelWeight(level.m, level.u))));
  const priorWeight = Math.log2(lambda / (1 - lambda));
  // Term-frequency adjustments as flat look-ups: [comparison][level] -> settings, or undefined.
  const tf = comparisons.map((comparison) => comparison.levels.map((level) => level.termFrequency));
  const hasTf = tf.map((levels) => levels.some((level) => level !== undefined));
  // Per record and term-frequency field, the frequency of its value, looked up once
  // (records appended later by incremental matching are looked up on demand).
  const frequencyOf = (field: string, position: number): number => {
    const table = trainedFrequencies?.get(field);
    const column = data.column(field);
    if (table && table.total > 0) {
      // Frequencies from the training records: a small batch scored later must not
      // make its own repeated names look common. Unseen values count once.
      const value = column.values[position];
      return value === null || value === undefined ? 0 : (table.counts.get(value) ?? 1) / table.total;
    }
    return data.termFrequency(field, column.codes[position] ?? -1);
  };
  const byField = new Map<string, Float64Array>();
  const tfFields = comparisons.map((comparison) =>
    comparison.levels.map((level) => {
      if (!level.termFrequency) return undefined;
      const field = termFrequencyField(comparison, level);
      if (!byField.has(field)) byField.set(field, Float64Array.from({ length: data.size() }, (_unused, position) => frequencyOf(field, position)));
      return field;
    }),
  );
  const frequencyAt = (field: string, position: number): number => {
    const cached = byField.get(field) as Float64Array;
    return position < cached.length ? (cached[position] as number) : frequencyOf(field, position);
  };
  const tfWeight = (c: number, level: number, left: number, right: number): number => {
    const settings = tf[c]?.[level];
    if (!settings || settings.weight === 0) return 0;
    const field = tfFields[c]?.[level] as string;
    const u = comparisons[c]?.levels[level]?.u ?? floor;
    const frequency = Math.max(frequencyAt(field, left), frequencyAt(field, right), settings.minimumU);
    return settings.weight * Math.log2(Math.max(u, floor) / frequency);
  };
  const count = comparisons.length;

  const weightWithLevels = (left: number, right: number, levels: Uint8Array, offset: number): number => {
    let total = priorWeight;
    for (let c = 0; c < count; c += 1) {
      const level = (levelOf[c] as LevelFunction)(left, right);
      levels[offset + c] = level;
      total += (weights[c] as Float64Array)[level] as number;
      if (hasTf[c]) total += tfWeight(c, level, left, right);
    }
    return total;
  };

  const scratch = new Uint8Array(count);
  return {
    comparisons,
    levelOf,
    weights,
    priorWeight,
    radix: comparisons.map((comparison) => comparison.levels.length),
    weight: (left, right) => weightWithLevels(left, right, scratch, 0),
    weightWithLevels,
    explain(left, right) {
      return comparisons.map((comparison, c) => {
        const levelIndex = (levelOf[c] as LevelFunction)(left, right);
        const level = comparison.levels[levelIndex];
        const base = (weights[c] as Float64Array)[levelIndex] as number;
        const adjustment = levelIndex === 0 ? 0 : tfWeight(c, levelIndex, left, right);
        const matchWeight = base + adjustment;
        return {
          comparison: comparison.name,
          level: level?.label ?? '',
          levelIndex,
          m: levelIndex === 0 ? null : (level?.m ?? null),
          u: levelIndex === 0 ? null : (level?.u ?? null),
          bayesFactor: 2 ** matchWeight,
          matchWeight,
          termFrequencyWeight: adjustment,
        };
      });
    },
  };
}

/** Match probability from a match weight (log2 odds). */
export function probabilityFromWeight(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** Match weight (log2 odds) from a probability. */
export function weightFromProbability(probability: number): number {
  return Math.log2(probability / (1 - probability));
}
