import type { AliasSets } from './aliases.js';
import { MatchingError } from './errors.js';
import { normaliserNames } from './normalise.js';
import type { Normaliser } from './normalise.js';
import type { PreparedRecords } from './records.js';
import { damerauLevenshteinWithin, jaroWinkler, jaroWinklerUpperBound, levenshtein } from './string-metrics.js';

/**
 * What one comparison level tests, as data (so a model can be saved, read
 * back and written as Splink SQL). Levels are tried in order; the first that
 * holds is the pair's level for that comparison.
 *
 * @example
 * ```ts
 * const kind: LevelKind = { type: 'postcode-part', part: 'sector' };
 * ```
 */
export type LevelKind =
  | { readonly type: 'null' }
  | { readonly type: 'exact' }
  | { readonly type: 'alias' }
  | { readonly type: 'jaro-winkler'; readonly threshold: number }
  | { readonly type: 'damerau-levenshtein'; readonly maxDistance: number }
  | { readonly type: 'levenshtein'; readonly maxDistance: number }
  | { readonly type: 'columns-reversed'; readonly otherField: string }
  | { readonly type: 'exact-other'; readonly otherField: string }
  | { readonly type: 'cross-match'; readonly otherField: string }
  | { readonly type: 'date-day-month-swap' }
  | { readonly type: 'date-within'; readonly days: number }
  | { readonly type: 'postcode-part'; readonly part: 'sector' | 'district' | 'area' }
  | { readonly type: 'else' };

/**
 * Term-frequency adjustment of a level: rare values weigh more, common ones less.
 *
 * @example
 * ```ts
 * createComparison({ field: 'surname', levels: [{ kind: { type: 'exact' }, termFrequency: { weight: 0.8, minimumU: 0.001 } }] });
 * ```
 */
export interface TermFrequencyAdjustment {
  /** 0 turns the adjustment off, 1 applies it fully (Splink's `tf_adjustment_weight`). */
  readonly weight: number;
  /** A floor on the term frequency, so one-off values cannot give unbounded weight. */
  readonly minimumU: number;
}

/**
 * One comparison level with its probabilities (missing until trained or read from Splink).
 *
 * @example
 * ```ts
 * const exact: ComparisonLevel | undefined = matcher.model().comparisons[0]?.levels[1];
 * console.log(exact?.label, exact?.m, exact?.u);
 * ```
 */
export interface ComparisonLevel {
  /** What the level tests. */
  readonly kind: LevelKind;
  /** Human label, as shown in explanations and Splink charts. */
  readonly label: string;
  /** P(level | records are the same person). Absent on the null level. */
  m?: number;
  /** P(level | records are different people). Absent on the null level. */
  u?: number;
  /** Term-frequency adjustment, when this level uses one. */
  readonly termFrequency?: TermFrequencyAdjustment;
}

/**
 * One comparison: a field (or pair of fields) compared level by level. The
 * first level is always the null level (either side missing: no evidence) and
 * the last the catch-all `else` level.
 *
 * @example
 * ```ts
 * const surname: Comparison = nameComparison({ field: 'surname' });
 * surname.levels.map((level) => level.label);
 * ```
 */
export interface Comparison {
  /** Name in explanations and Splink's `output_column_name`. */
  readonly name: string;
  /** The record field compared. */
  readonly field: string;
  /** How the field is cleaned before comparing and blocking. */
  readonly normaliser: Normaliser;
  /** Levels, null level first and else level last. */
  readonly levels: ComparisonLevel[];
  /** Nickname sets used by an `alias` level. */
  readonly aliases?: AliasSets;
  /** Other fields read by `exact-other` levels, with their normalisers. */
  readonly otherFields?: Readonly<Record<string, Normaliser>>;
  /** One line for people reading a saved model. */
  readonly description: string;
}

/**
 * A level as given to {@link createComparison}: the kind plus optional label, probabilities and term-frequency adjustment.
 *
 * @example
 * ```ts
 * const level: LevelInput = { kind: { type: 'jaro-winkler', threshold: 0.92 }, label: 'Close spelling' };
 * ```
 */
export interface LevelInput {
  /** What the level tests (not `null` or `else`: those are added for you). */
  readonly kind: LevelKind;
  /** Defaults to a generated description of the kind. */
  readonly label?: string;
  /** Known m probability, e.g. from an earlier training run. */
  readonly m?: number;
  /** Known u probability. */
  readonly u?: number;
  /** `true` for weight 1 with the default floor, or explicit settings. */
  readonly termFrequency?: boolean | Partial<TermFrequencyAdjustment>;
}

/**
 * Options for {@link createComparison}.
 *
 * @example
 * ```ts
 * createComparison({ field: 'ward', normaliser: 'text', levels: [{ kind: { type: 'exact' } }] });
 * ```
 */
export interface ComparisonOptions {
  /** The record field. */
  field: string;
  /** Default: the field name. */
  name?: string;
  /** Default: `text`. */
  normaliser?: Normaliser;
  /** The levels between the null level and the else level, strongest first. */
  levels: readonly LevelInput[];
  /** Needed when a level is of kind `alias`. */
  aliases?: AliasSets;
  /** Normalisers of fields read by `exact-other` levels. Default: `text`. */
  otherFields?: Readonly<Record<string, Normaliser>>;
  /** Default: generated from the levels. */
  description?: string;
}

const defaultMinimumU = 0.0005;

/** Generated label for a level kind, matching Splink's chart labels in spirit. */
export function levelLabel(kind: LevelKind, field: string): string {
  switch (kind.type) {
    case 'null':
      return `${field} is missing`;
    case 'exact':
      return `Exact match on ${field}`;
    case 'alias':
      return `${field} are nickname aliases`;
    case 'jaro-winkler':
      return `Jaro-Winkler similarity of ${field} >= ${kind.threshold}`;
    case 'damerau-levenshtein':
      return `Damerau-Levenshtein distance of ${field} <= ${kind.maxDistance}`;
    case 'levenshtein':
      return `Levenshtein distance of ${field} <= ${kind.maxDistance}`;
    case 'columns-reversed':
      return `${field} and ${kind.otherField} swapped`;
    case 'exact-other':
      return `Exact match on ${kind.otherField}`;
    case 'cross-match':
      return `${field} matches the other record's ${kind.otherField}`;
    case 'date-day-month-swap':
      return `Day and month swapped in ${field}`;
    case 'date-within':
      return `${field} within ${kind.days} days`;
    case 'postcode-part':
      return `Postcode ${kind.part} of ${field} matches`;
    case 'else':
      return 'All other comparisons';
  }
}

function checkKind(kind: LevelKind, field: string, aliases: AliasSets | undefined): void {
  const bad = (message: string): never => {
    throw new MatchingError('invalid-options', `Comparison on "${field}": ${message}`);
  };
  switch (kind.type) {
    case 'jaro-winkler':
      if (!(kind.threshold > 0 && kind.threshold <= 1)) bad('Jaro-Winkler threshold must be in (0, 1]');
      break;
    case 'damerau-levenshtein':
    case 'levenshtein':
      if (!(Number.isInteger(kind.maxDistance) && kind.maxDistance >= 0)) bad('maxDistance must be a whole number >= 0');
      break;
    case 'date-within':
      if (!(kind.days > 0)) bad('days must be > 0');
      break;
    case 'alias':
      if (!aliases) {
        throw new MatchingError('missing-aliases', `Comparison on "${field}" has an alias level but no alias sets`);
      }
      break;
    case 'columns-reversed':
    case 'exact-other':
    case 'cross-match':
      if (kind.otherField === '') bad('otherField is required');
      break;
    case 'null':
    case 'else':
      bad('null and else levels are added for you');
      break;
    default:
      break;
  }
}

function probability(value: number | undefined, what: string, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(value > 0 && value <= 1)) {
    throw new MatchingError('invalid-options', `Comparison on "${field}": ${what} must be in (0, 1], got ${value}`);
  }
  return value;
}

/**
 * Build a comparison from levels. The null level (either side missing) is put
 * first and the else level last. Use this for fields the ready-made
 * comparisons do not cover.
 *
 * @example
 * ```ts
 * const ward = createComparison({
 *   field: 'ward',
 *   levels: [{ kind: { type: 'exact' }, termFrequency: true }, { kind: { type: 'jaro-winkler', threshold: 0.9 } }],
 * });
 * ```
 */
export function createComparison(options: ComparisonOptions): Comparison {
  const { field, levels } = options;
  if (typeof field !== 'string' || field === '') throw new MatchingError('invalid-options', 'A comparison needs a field');
  const normaliser = options.normaliser ?? 'text';
  if (!normaliserNames.includes(normaliser)) {
    throw new MatchingError('invalid-options', `Unknown normaliser "${String(normaliser)}" for "${field}"`);
  }
  if (!Array.isArray(levels)) throw new MatchingError('invalid-options', `Comparison on "${field}" needs levels`);
  const built: ComparisonLevel[] = [{ kind: { type: 'null' }, label: levelLabel({ type: 'null' }, field) }];
  for (const input of levels) {
    checkKind(input.kind, field, options.aliases);
    const level: ComparisonLevel = {
      kind: input.kind,
      label: input.label ?? levelLabel(input.kind, field),
      ...(input.termFrequency
        ? {
            termFrequency: {
              weight: input.termFrequency === true ? 1 : (input.termFrequency.weight ?? 1),
              minimumU: input.termFrequency === true ? defaultMinimumU : (input.termFrequency.minimumU ?? defaultMinimumU),
            },
          }
        : {}),
    };
    const m = probability(input.m, 'm', field);
    const u = probability(input.u, 'u', field);
    if (m !== undefined) level.m = m;
    if (u !== undefined) level.u = u;
    built.push(level);
  }
  built.push({ kind: { type: 'else' }, label: levelLabel({ type: 'else' }, field) });
  const name = options.name ?? field;
  return {
    name,
    field,
    normaliser,
    levels: built,
    ...(options.aliases ? { aliases: options.aliases } : {}),
    ...(options.otherFields ? { otherFields: { ...options.otherFields } } : {}),
    description: options.description ?? `${name}: ${built.map((level) => level.label).join(' / ')}`,
  };
}

/**
 * Options shared by the ready-made comparisons.
 *
 * @example
 * ```ts
 * uprnComparison({ field: 'uprn', name: 'property', termFrequency: true });
 * ```
 */
export interface FieldComparisonOptions {
  /** The record field. */
  field: string;
  /** Default: the field name. */
  name?: string;
  /** Apply term-frequency adjustment to the exact level. Defaults differ per comparison (names: on). */
  termFrequency?: boolean;
}

/**
 * Options for {@link exactComparison}.
 *
 * @example
 * ```ts
 * exactComparison({ field: 'tenancy_ref', normaliser: 'none' });
 * ```
 */
export interface ExactComparisonOptions extends FieldComparisonOptions {
  /** Default: `text`. */
  normaliser?: Normaliser;
}

/**
 * Exact match or not, after normalisation.
 *
 * @example
 * ```ts
 * exactComparison({ field: 'city', termFrequency: true });
 * ```
 */
export function exactComparison(options: ExactComparisonOptions): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: options.normaliser ?? 'text',
    levels: [{ kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false }],
  });
}

/**
 * Options for {@link nameComparison}.
 *
 * @example
 * ```ts
 * nameComparison({ field: 'first_name', aliases: createAliasSets(ukNicknames), swappedWith: 'surname', jaroWinkler: [0.92] });
 * ```
 */
export interface NameComparisonOptions extends FieldComparisonOptions {
  /** Nickname sets; adds an alias level after exact. Default: none. */
  aliases?: AliasSets;
  /** Another name field that may be swapped with this one (forename/surname). Adds a columns-reversed level. */
  swappedWith?: string;
  /**
   * A field holding a previous value of this name (a surname before marriage).
   * Adds a level for this name on one record matching the previous name on the other.
   */
  previousField?: string;
  /** Damerau-Levenshtein bands. Default: `[1]`. */
  damerauLevenshtein?: readonly number[];
  /** Jaro-Winkler bands, strongest first. Default: `[0.9, 0.8]`. */
  jaroWinkler?: readonly number[];
}

/**
 * Compare a name: exact (term-frequency adjusted by default, so a match on a
 * rare surname counts for more than one on Smith), swapped with another name
 * field, nickname alias, Damerau-Levenshtein bands, then Jaro-Winkler bands.
 *
 * @example
 * ```ts
 * nameComparison({ field: 'first_name', aliases: createAliasSets(ukNicknames), swappedWith: 'surname' });
 * ```
 */
export function nameComparison(options: NameComparisonOptions): Comparison {
  const levels: LevelInput[] = [{ kind: { type: 'exact' }, termFrequency: options.termFrequency ?? true }];
  if (options.previousField) levels.push({ kind: { type: 'cross-match', otherField: options.previousField } });
  if (options.swappedWith) levels.push({ kind: { type: 'columns-reversed', otherField: options.swappedWith } });
  if (options.aliases) levels.push({ kind: { type: 'alias' } });
  for (const maxDistance of options.damerauLevenshtein ?? [1]) levels.push({ kind: { type: 'damerau-levenshtein', maxDistance } });
  for (const threshold of options.jaroWinkler ?? [0.9, 0.8]) levels.push({ kind: { type: 'jaro-winkler', threshold } });
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'name',
    levels,
    ...(options.aliases ? { aliases: options.aliases } : {}),
    ...(options.previousField ? { otherFields: { [options.previousField]: 'name' as const } } : {}),
  });
}

/**
 * Compare dates of birth: exact, day and month swapped (a US-format slip),
 * one character typo, within a year, else.
 *
 * @example
 * ```ts
 * dateOfBirthComparison({ field: 'dob' });
 * ```
 */
export function dateOfBirthComparison(options: FieldComparisonOptions & { withinDays?: number }): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'date',
    levels: [
      { kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false },
      { kind: { type: 'date-day-month-swap' } },
      { kind: { type: 'damerau-levenshtein', maxDistance: 1 } },
      { kind: { type: 'date-within', days: options.withinDays ?? 365 } },
    ],
  });
}

/**
 * Compare UK postcodes: full, sector (`SW1A 1`), district (`SW1A`), area (`SW`), else.
 *
 * @example
 * ```ts
 * postcodeComparison({ field: 'postcode' });
 * ```
 */
export function postcodeComparison(options: FieldComparisonOptions): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'postcode',
    levels: [
      { kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false },
      { kind: { type: 'postcode-part', part: 'sector' } },
      { kind: { type: 'postcode-part', part: 'district' } },
      { kind: { type: 'postcode-part', part: 'area' } },
    ],
  });
}

/**
 * Options for {@link addressComparison}.
 *
 * @example
 * ```ts
 * addressComparison({ postcodeField: 'postcode', uprnField: 'uprn', name: 'home_address' });
 * ```
 */
export interface AddressComparisonOptions {
  /** The postcode field. */
  postcodeField: string;
  /** The UPRN field. */
  uprnField: string;
  /** Default: `"address"`. */
  name?: string;
  /**
   * Term-frequency adjust the UPRN and full-postcode levels, so sharing an
   * address where one person's records live counts for more than sharing one
   * where a large household's do. Default: `false` (on generated data it made no difference).
   */
  termFrequency?: boolean;
}

/**
 * Compare an address as one piece of evidence: same UPRN, then postcode
 * full/sector/district/area. UPRN and postcode are not independent (people
 * at one UPRN share its postcode), so scoring them as two comparisons would
 * count one address twice and link whole households. Missing when the
 * postcode is missing on either side.
 *
 * @example
 * ```ts
 * addressComparison({ postcodeField: 'postcode', uprnField: 'uprn' });
 * ```
 */
export function addressComparison(options: AddressComparisonOptions): Comparison {
  return createComparison({
    field: options.postcodeField,
    name: options.name ?? 'address',
    normaliser: 'postcode',
    otherFields: { [options.uprnField]: 'uprn' },
    levels: [
      { kind: { type: 'exact-other', otherField: options.uprnField }, termFrequency: options.termFrequency ?? false },
      { kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false },
      { kind: { type: 'postcode-part', part: 'sector' } },
      { kind: { type: 'postcode-part', part: 'district' } },
      { kind: { type: 'postcode-part', part: 'area' } },
    ],
  });
}

/**
 * Compare UPRNs (Unique Property Reference Numbers), leading zeros ignored.
 *
 * @example
 * ```ts
 * uprnComparison({ field: 'uprn' });
 * ```
 */
export function uprnComparison(options: FieldComparisonOptions): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'uprn',
    levels: [{ kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false }],
  });
}

/**
 * Compare National Insurance numbers without the suffix letter (`QQ123456C` equals `QQ123456`), then one-character typos.
 *
 * @example
 * ```ts
 * ninoComparison({ field: 'nino' });
 * ```
 */
export function ninoComparison(options: FieldComparisonOptions): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'nino',
    levels: [{ kind: { type: 'exact' } }, { kind: { type: 'damerau-levenshtein', maxDistance: 1 } }],
  });
}

/**
 * Compare email addresses: exact (case-insensitive), one or two edits, Jaro-Winkler >= 0.88, else.
 * Pass `fuzzy: false` for exact-or-not where family members' addresses differ
 * by an initial (`asmith@…`, `bsmith@…`), which the fuzzy levels would count as typos.
 *
 * @example
 * ```ts
 * emailComparison({ field: 'email' });
 * ```
 */
export function emailComparison(options: FieldComparisonOptions & { fuzzy?: boolean }): Comparison {
  const fuzzy = options.fuzzy ?? true;
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'email',
    levels: [
      { kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false },
      ...(fuzzy
        ? [{ kind: { type: 'damerau-levenshtein', maxDistance: 2 } } as const, { kind: { type: 'jaro-winkler', threshold: 0.88 } } as const]
        : []),
    ],
  });
}

/**
 * Compare phone numbers in E.164 (`07700 900123` equals `+44 7700 900123`), then one-digit typos.
 *
 * @example
 * ```ts
 * phoneComparison({ field: 'phone' });
 * ```
 */
export function phoneComparison(options: FieldComparisonOptions): Comparison {
  return createComparison({
    field: options.field,
    ...(options.name ? { name: options.name } : {}),
    normaliser: 'phone',
    levels: [{ kind: { type: 'exact' }, termFrequency: options.termFrequency ?? false }, { kind: { type: 'damerau-levenshtein', maxDistance: 1 } }],
  });
}

/** A compiled comparison: returns the level index of a pair of prepared record positions. */
export type LevelFunction = (left: number, right: number) => number;

function dayMonthSwapped(a: string, b: string): boolean {
  if (a.length !== 10 || b.length !== 10 || a === b) return false;
  // Character comparisons rather than slices: this runs for every pair that reaches the level.
  for (let index = 0; index < 4; index += 1) if (a.charCodeAt(index) !== b.charCodeAt(index)) return false;
  return (
    a.charCodeAt(5) === b.charCodeAt(8) &&
    a.charCodeAt(6) === b.charCodeAt(9) &&
    a.charCodeAt(8) === b.charCodeAt(5) &&
    a.charCodeAt(9) === b.charCodeAt(6)
  );
}

/**
 * Compile a comparison against prepared records. Level kinds become small
 * closures; the string metrics run only when every earlier level failed, and
 * the Jaro-Winkler value is computed once per pair for all its bands.
 */
export function compileComparison(comparison: Comparison, data: PreparedRecords): LevelFunction {
  const { values, codes } = data.column(comparison.field);
  const aliases = comparison.aliases;
  type Test = (left: number, right: number, a: string, b: string) => boolean;
  let jwLeft = -1;
  let jwRight = -1;
  let jwValue = 0;
  // The loosest Jaro-Winkler band: below its bound the metric need not run at all.
  const loosest = Math.min(...comparison.levels.map((level) => (level.kind.type === 'jaro-winkler' ? level.kind.threshold : 1)));
  const jw = (left: number, right: number, a: string, b: string): number => {
    if (left !== jwLeft || right !== jwRight) {
      jwLeft = left;
      jwRight = right;
      jwValue = jaroWinklerUpperBound(a, b) < loosest ? 0 : jaroWinkler(a, b);
    }
    return jwValue;
  };
  const tests: Test[] = comparison.levels.slice(1, -1).map((level): Test => {
    const kind = level.kind;
    switch (kind.type) {
      case 'exact':
        return (left, right) => codes[left] === codes[right];
      case 'alias':
        return (_l, _r, a, b) => {
          // Values are already normalised here, so the index is read directly.
          const left = aliases?.setsOf(a);
          if (!left) return false;
          const right = aliases?.setsOf(b);
          if (!right || a === b) return false;
          for (const set of left) if (right.includes(set)) return true;
          return false;
        };
      case 'jaro-winkler':
        return (left, right, a, b) => jw(left, right, a, b) >= kind.threshold;
      case 'damerau-levenshtein':
        // A length gap larger than the band rules the pair out without running the metric.
        return (_l, _r, a, b) => damerauLevenshteinWithin(a, b, kind.maxDistance);
      case 'levenshtein':
        return (_l, _r, a, b) => Math.abs(a.length - b.length) <= kind.maxDistance && levenshtein(a, b) <= kind.maxDistance;
      case 'columns-reversed': {
        const other = data.column(kind.otherField).codes;
        return (left, right) => {
          const otherLeft = other[left] ?? -1;
          const otherRight = other[right] ?? -1;
          return otherLeft >= 0 && otherRight >= 0 && codes[left] === otherRight && otherLeft === codes[right];
        };
      }
      case 'exact-other': {
        const other = data.column(kind.otherField).codes;
        return (left, right) => {
          const code = other[left] ?? -1;
          return code >= 0 && code === other[right];
        };
      }
      case 'cross-match': {
        const other = data.column(kind.otherField).codes;
        return (left, right) => {
          const otherLeft = other[left] ?? -1;
          const otherRight = other[right] ?? -1;
          return (otherRight >= 0 && codes[left] === otherRight) || (otherLeft >= 0 && otherLeft === codes[right]);
        };
      }
      case 'date-day-month-swap':
        return (_l, _r, a, b) => dayMonthSwapped(a, b);
      case 'date-within': {
        const days = data.days(comparison.field);
        return (left, right) => Math.abs((days[left] ?? Number.NaN) - (days[right] ?? Number.NaN)) <= kind.days;
      }
      case 'postcode-part': {
        const parts = data.derived(comparison.field, `postcode-${kind.part}`);
        return (left, right) => {
          const part = parts[left] ?? -1;
          return part >= 0 && part === parts[right];
        };
      }
      case 'null':
      case 'else':
        return () => false;
    }
  });
  const elseLevel = comparison.levels.length - 1;
  // Every level but those reading another field depends only on the two values, so the
  // first such level that holds is cached per pair of value codes: names repeat a lot.
  const readsOther = comparison.levels.map((level) => level.kind.type === 'columns-reversed' || level.kind.type === 'exact-other' || level.kind.type === 'cross-match');
  const valueTests = tests.map((test, index) => (readsOther[index + 1] ? undefined : test));
  const otherLevels = readsOther.map((reads, index) => (reads ? index : -1)).filter((index) => index > 0);
  const count = tests.length;
  // A direct-mapped cache in typed arrays: no allocation per pair, and a
  // collision only costs a recomputation.
  const cacheBits = 16;
  const cachedLeft = new Int32Array(1 << cacheBits).fill(-1);
  const cachedRight = new Int32Array(1 << cacheBits);
  const cachedLevel = new Uint8Array(1 << cacheBits);
  return (left, right) => {
    const a = values[left];
    const b = values[right];
    if (a === null || b === null || a === undefined || b === undefined) return 0;
    const codeLeft = codes[left] as number;
    const codeRight = codes[right] as number;
    const slot = (Math.imul(codeLeft, 0x9e3779b1) ^ Math.imul(codeRight, 0x85ebca6b)) >>> (32 - cacheBits);
    let level: number;
    if (cachedLeft[slot] === codeLeft && cachedRight[slot] === codeRight) {
      level = cachedLevel[slot] as number;
    } else {
      level = elseLevel;
      for (let index = 0; index < count; index += 1) {
        const test = valueTests[index];
        if (test !== undefined && test(left, right, a, b)) {
          level = index + 1;
          break;
        }
      }
      cachedLeft[slot] = codeLeft;
      cachedRight[slot] = codeRight;
      cachedLevel[slot] = level;
    }
    for (const other of otherLevels) {
      if (other >= level) break;
      if ((tests[other - 1] as Test)(left, right, a, b)) return other;
    }
    return level;
  };
}
