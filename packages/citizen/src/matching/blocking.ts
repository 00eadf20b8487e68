import { MatchingError } from './errors.js';
import type { PreparedRecords } from './records.js';

/**
 * A derived value to block on instead of the whole field.
 *
 * @example
 * ```ts
 * const transform: BlockingTransform = 'postcode-sector';
 * ```
 */
export type BlockingTransform =
  | 'exact'
  | 'prefix'
  | 'initial'
  | 'year'
  | 'postcode-sector'
  | 'postcode-district'
  | 'postcode-area'
  | 'email-local';

/**
 * One part of a blocking rule: a field, or a field with a transform (`{ field: 'surname', transform: 'prefix', length: 3 }`).
 *
 * @example
 * ```ts
 * const key: BlockingKey = { field: 'surname', transform: 'prefix', length: 3 };
 * ```
 */
export type BlockingKey = string | { readonly field: string; readonly transform?: BlockingTransform; readonly length?: number };

/**
 * A blocking rule: pairs of records are compared only when every key agrees
 * (after normalisation). Rules are OR-ed: a pair is generated once, by the
 * first rule that finds it.
 *
 * @example
 * ```ts
 * const rule: BlockingRule = { name: 'surname and district', keys: ['surname', { field: 'postcode', transform: 'postcode-district' }] };
 * ```
 */
export interface BlockingRule {
  /** Shown in estimates and errors. Default: the keys joined with `+`. */
  readonly name?: string;
  /** The keys that must all be equal. */
  readonly keys: readonly BlockingKey[];
}

/**
 * How many pairs one blocking rule would generate.
 *
 * @example
 * ```ts
 * for (const { rule, pairs } of matcher.estimatePairs(records).rules) console.log(rule, pairs);
 * ```
 */
export interface BlockingRuleEstimate {
  /** The rule's name. */
  readonly rule: string;
  /** Pairs the rule finds on its own, counting pairs earlier rules also find. */
  readonly pairs: number;
}

/**
 * The pairs a blocking plan would generate, counted before generating any.
 *
 * @example
 * ```ts
 * const estimate = matcher.estimatePairs(records);
 * if (!estimate.withinCap) console.log(estimate.rules);
 * ```
 */
export interface BlockingEstimate {
  /** One entry per rule, in order. */
  readonly rules: readonly BlockingRuleEstimate[];
  /** Sum over rules: an upper bound on the distinct pairs (pairs found by two rules count twice). */
  readonly total: number;
  /** The hard cap in force. */
  readonly maxPairs: number;
  /** Whether `total` is within the cap. */
  readonly withinCap: boolean;
}

/** Candidate pairs as parallel typed arrays (record positions), with the rule that found each. */
export interface CandidatePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rule: Uint8Array;
  readonly count: number;
}

/** A key in its long form. */
export interface ResolvedKey {
  readonly field: string;
  readonly transform: BlockingTransform;
  readonly length: number;
}

const transforms: readonly BlockingTransform[] = ['exact', 'prefix', 'initial', 'year', 'postcode-sector', 'postcode-district', 'postcode-area', 'email-local'];

/** Long form of a key, validated. */
export function resolveKey(key: BlockingKey): ResolvedKey {
  if (typeof key === 'string') {
    if (key === '') throw new MatchingError('invalid-options', 'A blocking key needs a field');
    return { field: key, transform: 'exact', length: 0 };
  }
  const transform = key.transform ?? 'exact';
  if (!transforms.includes(transform)) throw new MatchingError('invalid-options', `Unknown blocking transform "${String(transform)}"`);
  if (transform === 'prefix' && !(Number.isInteger(key.length) && (key.length ?? 0) > 0)) {
    throw new MatchingError('invalid-options', `Blocking on a prefix of "${key.field}" needs a whole-number length`);
  }
  return { field: key.field, transform, length: transform === 'prefix' ? (key.length as number) : 0 };
}

/** Name of a rule: its own, or its keys. */
export function ruleName(rule: BlockingRule): string {
  if (rule.name) return rule.name;
  return rule.keys
    .map((key) => {
      const resolved = resolveKey(key);
      if (resolved.transform === 'exact') return resolved.field;
      if (resolved.transform === 'prefix') return `${resolved.field}[:${resolved.length}]`;
      return `${resolved.transform}(${resolved.field})`;
    })
    .join('+');
}

function derivation(key: ResolvedKey): string {
  if (key.transform === 'prefix') return `prefix-${key.length}`;
  return key.transform;
}

/**
 * Block group of every record under one rule: records with equal non-negative
 * group ids are compared. -1 when any key is missing.
 */
export function ruleGroups(rule: BlockingRule, data: PreparedRecords): Int32Array {
  const keys = rule.keys.map(resolveKey);
  if (keys.length === 0) throw new MatchingError('invalid-options', 'A blocking rule needs at least one key');
  const columns = keys.map((key) => (key.transform === 'exact' ? data.column(key.field).codes : data.derived(key.field, derivation(key))));
  const size = data.size();
  const groups = new Int32Array(size);
  if (columns.length === 1) {
    const only = columns[0] as number[];
    for (let index = 0; index < size; index += 1) groups[index] = only[index] ?? -1;
    return groups;
  }
  const ids = new Map<string, number>();
  for (let index = 0; index < size; index += 1) {
    let composite = '';
    let missing = false;
    for (const column of columns) {
      const code = column[index] ?? -1;
      if (code < 0) {
        missing = true;
        break;
      }
      composite += `${code},`;
    }
    if (missing) {
      groups[index] = -1;
      continue;
    }
    let id = ids.get(composite);
    if (id === undefined) {
      id = ids.size;
      ids.set(composite, id);
    }
    groups[index] = id;
  }
  return groups;
}

function countPairs(groups: Int32Array, sources: Int32Array | undefined): number {
  const sizes = new Map<number, number>();
  for (const group of groups) if (group >= 0) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  let pairs = 0;
  for (const n of sizes.values()) pairs += (n * (n - 1)) / 2;
  if (!sources) return pairs;
  // Linking only across sources: take away the pairs inside one source.
  const within = new Map<string, number>();
  groups.forEach((group, index) => {
    if (group < 0) return;
    const key = `${group},${sources[index] as number}`;
    within.set(key, (within.get(key) ?? 0) + 1);
  });
  for (const n of within.values()) pairs -= (n * (n - 1)) / 2;
  return pairs;
}

/**
 * Count the pairs each rule would generate, without generating them. With
 * `sources` (a source code per record), pairs within one source are not counted.
 */
export function estimateBlocking(
  rules: readonly BlockingRule[],
  data: PreparedRecords,
  maxPairs: number,
  sources?: Int32Array,
): { estimate: BlockingEstimate; groups: Int32Array[] } {
  const groups = rules.map((rule) => ruleGroups(rule, data));
  const perRule = rules.map((rule, index) => ({ rule: ruleName(rule), pairs: countPairs(groups[index] as Int32Array, sources) }));
  const total = perRule.reduce((sum, entry) => sum + entry.pairs, 0);
  return { estimate: { rules: perRule, total, maxPairs, withinCap: total <= maxPairs }, groups };
}

/** Throw `too-many-pairs` when an estimate is over the cap. */
export function enforceCap(estimate: BlockingEstimate): void {
  if (estimate.withinCap) return;
  const worst = [...estimate.rules].sort((a, b) => b.pairs - a.pairs)[0];
  throw new MatchingError(
    'too-many-pairs',
    `Blocking would generate ${estimate.total.toLocaleString('en-GB')} pairs, over the cap of ${estimate.maxPairs.toLocaleString('en-GB')}` +
      (worst ? `; rule "${worst.rule}" alone gives ${worst.pairs.toLocaleString('en-GB')}. Make it stricter or raise maxPairs.` : ''),
  );
}

/**
 * Generate the distinct candidate pairs of a blocking plan. A pair found by an
 * earlier rule is not generated again, which is checked by comparing the
 * earlier rules' group ids (no set of seen pairs is kept).
 */
export function generatePairs(groups: readonly Int32Array[], upperBound: number, sources?: Int32Array): CandidatePairs {
  const left = new Int32Array(upperBound);
  const right = new Int32Array(upperBound);
  const rule = new Uint8Array(upperBound);
  let count = 0;
  groups.forEach((ruleGroup, ruleIndex) => {
    const members = new Map<number, number[]>();
    for (let index = 0; index < ruleGroup.length; index += 1) {
      const group = ruleGroup[index] as number;
      if (group < 0) continue;
      const list = members.get(group);
      if (list) list.push(index);
      else members.set(group, [index]);
    }
    const earlier = groups.slice(0, ruleIndex);
    for (const list of members.values()) {
      const n = list.length;
      for (let a = 0; a < n; a += 1) {
        const i = list[a] as number;
        for (let b = a + 1; b < n; b += 1) {
          const j = list[b] as number;
          if (sources && sources[i] === sources[j]) continue;
          let seen = false;
          for (const previous of earlier) {
            const g = previous[i] as number;
            if (g >= 0 && g === previous[j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          left[count] = i;
          right[count] = j;
          rule[count] = ruleIndex;
          count += 1;
        }
      }
    }
  });
  return { left: left.subarray(0, count), right: right.subarray(0, count), rule: rule.subarray(0, count), count };
}
