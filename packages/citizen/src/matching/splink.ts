import { z } from 'zod';
import type { AliasSets } from './aliases.js';
import { resolveKey } from './blocking.js';
import type { BlockingKey, BlockingRule } from './blocking.js';
import { levelLabel } from './comparisons.js';
import type { Comparison, ComparisonLevel, LevelKind } from './comparisons.js';
import { MatchingError } from './errors.js';
import { termFrequencyField } from './scoring.js';
import { normaliserNames } from './normalise.js';
import type { Normaliser } from './normalise.js';

/**
 * One comparison level in Splink's settings JSON.
 *
 * @example
 * ```ts
 * const level: SplinkComparisonLevel = { sql_condition: '"surname_l" = "surname_r"', m_probability: 0.9, u_probability: 0.01 };
 * ```
 */
export interface SplinkComparisonLevel {
  /** SQL over `<column>_l` and `<column>_r`, or `ELSE`. */
  sql_condition: string;
  /** Label in Splink's charts. */
  label_for_charts?: string;
  /** P(level | match). */
  m_probability?: number;
  /** P(level | non-match). */
  u_probability?: number;
  /** Marks the level that means "no evidence". */
  is_null_level?: boolean;
  /** Column whose term frequencies adjust this level. */
  tf_adjustment_column?: string | null;
  /** How much of the term-frequency adjustment applies. */
  tf_adjustment_weight?: number;
  /** Floor on the term frequency. */
  tf_minimum_u_value?: number;
}

/**
 * One comparison in Splink's settings JSON.
 *
 * @example
 * ```ts
 * const surname: SplinkComparison | undefined = matcher.toSplinkJson().comparisons.find((c) => c.output_column_name === 'surname');
 * ```
 */
export interface SplinkComparison {
  /** The comparison's output column name. */
  output_column_name: string;
  /** Free text. */
  comparison_description?: string;
  /** Levels, null level first and ELSE last. */
  comparison_levels: SplinkComparisonLevel[];
}

/**
 * A blocking rule in Splink's settings JSON (Splink 4 writes objects; Splink 3 wrote strings).
 *
 * @example
 * ```ts
 * const rule: SplinkBlockingRule = { blocking_rule: 'l."dob" = r."dob"', sql_dialect: 'duckdb' };
 * ```
 */
export interface SplinkBlockingRule {
  /** SQL over `l.` and `r.` columns. */
  blocking_rule: string;
  /** The dialect the SQL is written in. */
  sql_dialect?: string;
}

/**
 * The parts of Splink's settings JSON that councilkit reads and writes. Other keys are kept as they are when reading and ignored.
 *
 * @example
 * ```ts
 * const settings: SplinkSettings = matcher.toSplinkJson();
 * writeFileSync('model.json', JSON.stringify(settings, null, 2));
 * ```
 */
export interface SplinkSettings {
  /** `dedupe_only`, `link_only` or `link_and_dedupe`. */
  link_type: string;
  /** The prior. */
  probability_two_random_records_match: number;
  /** The unique id column. */
  unique_id_column_name: string;
  /** SQL dialect of the conditions. */
  sql_dialect?: string;
  /** Blocking rules for prediction. */
  blocking_rules_to_generate_predictions: (SplinkBlockingRule | string)[];
  /** The comparisons. */
  comparisons: SplinkComparison[];
  /** Any other settings Splink wrote. */
  [key: string]: unknown;
}

const quote = (column: string): string => `"${column}"`;
const sideColumn = (field: string, side: 'l' | 'r'): string => quote(`${field}_${side}`);

// Postcode parts as DuckDB regular expressions over a normalised postcode ("SW1A 1AA").
const postcodePatterns = {
  sector: '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? [0-9]',
  district: '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?',
  area: '^[A-Za-z]{1,2}',
} as const;

/** Splink SQL for a level kind. */
export function levelToSql(kind: LevelKind, field: string): string {
  const l = sideColumn(field, 'l');
  const r = sideColumn(field, 'r');
  switch (kind.type) {
    case 'null':
      return `${l} IS NULL OR ${r} IS NULL`;
    case 'exact':
      return `${l} = ${r}`;
    case 'alias':
      // Splink has no alias level: precompute "<field>_alias_sets" (ids of the alias sets holding the name).
      return `array_length(list_intersect(${sideColumn(`${field}_alias_sets`, 'l')}, ${sideColumn(`${field}_alias_sets`, 'r')})) > 0`;
    case 'jaro-winkler':
      return `jaro_winkler_similarity(${l}, ${r}) >= ${kind.threshold}`;
    case 'damerau-levenshtein':
      return `damerau_levenshtein(${l}, ${r}) <= ${kind.maxDistance}`;
    case 'levenshtein':
      return `levenshtein(${l}, ${r}) <= ${kind.maxDistance}`;
    case 'columns-reversed':
      return `${l} = ${sideColumn(kind.otherField, 'r')} AND ${sideColumn(kind.otherField, 'l')} = ${r}`;
    case 'exact-other':
      return `${sideColumn(kind.otherField, 'l')} = ${sideColumn(kind.otherField, 'r')}`;
    case 'cross-match':
      return `${l} = ${sideColumn(kind.otherField, 'r')} OR ${sideColumn(kind.otherField, 'l')} = ${r}`;
    case 'date-day-month-swap':
      return `substr(${l}, 1, 4) = substr(${r}, 1, 4) AND substr(${l}, 6, 2) = substr(${r}, 9, 2) AND substr(${l}, 9, 2) = substr(${r}, 6, 2)`;
    case 'date-within':
      return `abs(date_diff('day', try_strptime(${l}, '%Y-%m-%d'), try_strptime(${r}, '%Y-%m-%d'))) <= ${kind.days}`;
    case 'postcode-part': {
      const pattern = postcodePatterns[kind.part];
      return `regexp_extract(${l}, '${pattern}') = regexp_extract(${r}, '${pattern}')`;
    }
    case 'else':
      return 'ELSE';
  }
}

const identifier = '([A-Za-z_][A-Za-z0-9_]*)';
const number = '([0-9]*\\.?[0-9]+)';

/** Read a Splink SQL condition back into a level kind, with the field it compares; `null` when the form is not one councilkit understands. */
export function sqlToLevel(sql: string): { kind: LevelKind; field: string | null } | null {
  const text = sql.replace(/["`]/g, '').replace(/\s+/g, ' ').trim();
  const stripped = text.replace(/^\((.*)\)$/, '$1');
  const test = (pattern: string): RegExpExecArray | null => new RegExp(`^${pattern}$`, 'i').exec(stripped);
  let match: RegExpExecArray | null;
  if (/^else$/i.test(stripped)) return { kind: { type: 'else' }, field: null };
  if ((match = test(`${identifier}_l IS NULL OR ${identifier}_r IS NULL`)) && match[1] === match[2]) return { kind: { type: 'null' }, field: match[1] as string };
  if ((match = test(`${identifier}_l = ${identifier}_r`)) && match[1] === match[2]) return { kind: { type: 'exact' }, field: match[1] as string };
  // Equality on a column other than the comparison's own is resolved by the caller (exact-other).
  if ((match = test(`${identifier}_l = ${identifier}_r AND ${identifier}_l = ${identifier}_r`)) && match[1] === match[4] && match[2] === match[3]) {
    return { kind: { type: 'columns-reversed', otherField: match[2] as string }, field: match[1] as string };
  }
  if ((match = test(`${identifier}_l = ${identifier}_r OR ${identifier}_l = ${identifier}_r`)) && match[1] === match[4] && match[2] === match[3]) {
    return { kind: { type: 'cross-match', otherField: match[2] as string }, field: match[1] as string };
  }
  if ((match = test(`jaro_winkler(?:_similarity)?\\(${identifier}_l, ${identifier}_r\\) >= ${number}`)) && match[1] === match[2]) {
    return { kind: { type: 'jaro-winkler', threshold: Number(match[3]) }, field: match[1] as string };
  }
  if ((match = test(`damerau_levenshtein\\(${identifier}_l, ${identifier}_r\\) <= ([0-9]+)`)) && match[1] === match[2]) {
    return { kind: { type: 'damerau-levenshtein', maxDistance: Number(match[3]) }, field: match[1] as string };
  }
  if ((match = test(`levenshtein\\(${identifier}_l, ${identifier}_r\\) <= ([0-9]+)`)) && match[1] === match[2]) {
    return { kind: { type: 'levenshtein', maxDistance: Number(match[3]) }, field: match[1] as string };
  }
  if ((match = test(`array_length\\(list_intersect\\(${identifier}_alias_sets_l, ${identifier}_alias_sets_r\\)\\) > 0`)) && match[1] === match[2]) {
    return { kind: { type: 'alias' }, field: match[1] as string };
  }
  if (
    (match = test(
      `substr\\(${identifier}_l, 1, 4\\) = substr\\(${identifier}_r, 1, 4\\) AND substr\\(${identifier}_l, 6, 2\\) = substr\\(${identifier}_r, 9, 2\\) AND substr\\(${identifier}_l, 9, 2\\) = substr\\(${identifier}_r, 6, 2\\)`,
    )) &&
    new Set(match.slice(1, 7)).size === 1
  ) {
    return { kind: { type: 'date-day-month-swap' }, field: match[1] as string };
  }
  if (
    (match = test(`abs\\(date_diff\\('day', try_strptime\\(${identifier}_l, '%Y-%m-%d'\\), try_strptime\\(${identifier}_r, '%Y-%m-%d'\\)\\)\\) <= ${number}`)) &&
    match[1] === match[2]
  ) {
    return { kind: { type: 'date-within', days: Number(match[3]) }, field: match[1] as string };
  }
  match = test(`regexp_extract\\(${identifier}_l, '([^']+)'\\) = regexp_extract\\(${identifier}_r, '([^']+)'\\)`);
  if (match && match[1] === match[3] && match[2] === match[4]) {
    const part = (Object.keys(postcodePatterns) as (keyof typeof postcodePatterns)[]).find((name) => postcodePatterns[name] === match?.[2]);
    if (part) return { kind: { type: 'postcode-part', part }, field: match[1] as string };
  }
  return null;
}

function keyToSql(key: BlockingKey): string {
  const { field, transform, length } = resolveKey(key);
  const side = (s: 'l' | 'r'): string => `${s}.${quote(field)}`;
  switch (transform) {
    case 'exact':
      return `${side('l')} = ${side('r')}`;
    case 'prefix':
    case 'initial':
    case 'year': {
      const n = transform === 'prefix' ? length : transform === 'initial' ? 1 : 4;
      return `substr(${side('l')}, 1, ${n}) = substr(${side('r')}, 1, ${n})`;
    }
    case 'postcode-sector':
    case 'postcode-district':
    case 'postcode-area': {
      const pattern = postcodePatterns[transform.slice('postcode-'.length) as keyof typeof postcodePatterns];
      return `regexp_extract(${side('l')}, '${pattern}') = regexp_extract(${side('r')}, '${pattern}')`;
    }
    case 'email-local':
      return `split_part(${side('l')}, '@', 1) = split_part(${side('r')}, '@', 1)`;
  }
}

/** Splink SQL for a blocking rule. */
export function blockingRuleToSql(rule: BlockingRule): string {
  return rule.keys.map(keyToSql).join(' AND ');
}

/** Read a Splink blocking rule made of equalities joined by AND; `null` when not understood. */
export function sqlToBlockingRule(sql: string): BlockingRule | null {
  const text = sql.replace(/["`]/g, '').replace(/\s+/g, ' ').trim();
  const parts = text.split(/ AND /i);
  const keys: BlockingKey[] = [];
  for (const part of parts) {
    const clause = part.trim().replace(/^\((.*)\)$/, '$1');
    let match = /^l\.([A-Za-z_][\w]*) = r\.([A-Za-z_][\w]*)$/i.exec(clause);
    if (match && match[1] === match[2]) {
      keys.push(match[1] as string);
      continue;
    }
    match = /^substr\(l\.([A-Za-z_][\w]*), 1, ([0-9]+)\) = substr\(r\.([A-Za-z_][\w]*), 1, ([0-9]+)\)$/i.exec(clause);
    if (match && match[1] === match[3] && match[2] === match[4]) {
      keys.push({ field: match[1] as string, transform: 'prefix', length: Number(match[2]) });
      continue;
    }
    match = /^regexp_extract\(l\.([A-Za-z_][\w]*), '([^']+)'\) = regexp_extract\(r\.([A-Za-z_][\w]*), '([^']+)'\)$/i.exec(clause);
    if (match && match[1] === match[3] && match[2] === match[4]) {
      const part = (Object.keys(postcodePatterns) as (keyof typeof postcodePatterns)[]).find((name) => postcodePatterns[name] === match?.[2]);
      if (part) {
        keys.push({ field: match[1] as string, transform: `postcode-${part}` });
        continue;
      }
    }
    match = /^split_part\(l\.([A-Za-z_][\w]*), '@', 1\) = split_part\(r\.([A-Za-z_][\w]*), '@', 1\)$/i.exec(clause);
    if (match && match[1] === match[2]) {
      keys.push({ field: match[1] as string, transform: 'email-local' });
      continue;
    }
    return null;
  }
  return keys.length > 0 ? { keys } : null;
}

const normaliserTag = /\(councilkit normaliser: ([a-z]+)((?:, [A-Za-z_][A-Za-z0-9_]*: [a-z]+)*)\)\s*$/;

/** The model as Splink settings. */
export function toSplinkSettings(model: {
  comparisons: readonly Comparison[];
  blocking: readonly BlockingRule[];
  probabilityTwoRandomRecordsMatch: number;
  idField: string;
  linkType: 'dedupe' | 'link-only';
  sourceField?: string;
}): SplinkSettings {
  return {
    link_type: model.linkType === 'link-only' ? 'link_only' : 'dedupe_only',
    ...(model.linkType === 'link-only' && model.sourceField ? { source_dataset_column_name: model.sourceField } : {}),
    probability_two_random_records_match: model.probabilityTwoRandomRecordsMatch,
    unique_id_column_name: model.idField,
    sql_dialect: 'duckdb',
    blocking_rules_to_generate_predictions: model.blocking.map((rule) => ({ blocking_rule: blockingRuleToSql(rule), sql_dialect: 'duckdb' })),
    comparisons: model.comparisons.map((comparison) => ({
      output_column_name: comparison.name,
      // The tag keeps the cleaning step with the model; Splink ignores the description.
      comparison_description: `${comparison.description.replace(normaliserTag, '').trim()} (councilkit normaliser: ${[
        comparison.normaliser,
        ...Object.entries(comparison.otherFields ?? {}).map(([field, normaliser]) => `${field}: ${normaliser}`),
      ].join(', ')})`,
      comparison_levels: comparison.levels.map((level, index): SplinkComparisonLevel => {
        const out: SplinkComparisonLevel = { sql_condition: levelToSql(level.kind, comparison.field), label_for_charts: level.label };
        if (index === 0) {
          out.is_null_level = true;
          return out;
        }
        if (level.m !== undefined) out.m_probability = level.m;
        if (level.u !== undefined) out.u_probability = level.u;
        if (level.termFrequency) {
          out.tf_adjustment_column = termFrequencyField(comparison, level);
          out.tf_adjustment_weight = level.termFrequency.weight;
          out.tf_minimum_u_value = level.termFrequency.minimumU;
        }
        return out;
      }),
    })),
  };
}

/**
 * Options for reading Splink settings.
 *
 * @example
 * ```ts
 * fromSplinkJson(json, { normalisers: { phone_number: 'phone' } });
 * ```
 */
export interface SplinkReadOptions {
  /** Alias sets per field, for comparisons with an alias level (Splink JSON cannot carry them). */
  aliases?: Readonly<Record<string, AliasSets>>;
  /** Normaliser per field, overriding what the description tag or the levels suggest. */
  normalisers?: Readonly<Record<string, Normaliser>>;
}

const levelSchema = z
  .object({
    sql_condition: z.string().min(1),
    label_for_charts: z.string().optional(),
    m_probability: z.number().min(0).max(1).nullish(),
    u_probability: z.number().min(0).max(1).nullish(),
    is_null_level: z.boolean().optional(),
    tf_adjustment_column: z.string().nullish(),
    tf_adjustment_weight: z.number().min(0).max(1).nullish(),
    tf_minimum_u_value: z.number().min(0).max(1).nullish(),
  })
  .loose();

const settingsSchema = z
  .object({
    link_type: z.string().optional(),
    probability_two_random_records_match: z.number().gt(0).lt(1).optional(),
    unique_id_column_name: z.string().min(1).optional(),
    source_dataset_column_name: z.string().min(1).optional(),
    blocking_rules_to_generate_predictions: z.array(z.union([z.string(), z.object({ blocking_rule: z.string() }).loose()])).optional(),
    comparisons: z
      .array(
        z
          .object({
            output_column_name: z.string().optional(),
            comparison_description: z.string().optional(),
            comparison_levels: z.array(levelSchema).min(2),
          })
          .loose(),
      )
      .min(1),
  })
  .loose();

function inferNormaliser(kinds: readonly LevelKind[]): Normaliser {
  if (kinds.some((kind) => kind.type === 'postcode-part')) return 'postcode';
  if (kinds.some((kind) => kind.type === 'date-day-month-swap' || kind.type === 'date-within')) return 'date';
  if (kinds.some((kind) => kind.type === 'alias' || kind.type === 'columns-reversed' || kind.type === 'cross-match')) return 'name';
  return 'text';
}

/** What reading Splink settings gives: everything `createMatcher` needs from a model. */
export interface ParsedSplinkModel {
  /** Comparisons with m and u. */
  comparisons: Comparison[];
  /** Blocking rules. */
  blocking: BlockingRule[];
  /** The prior. */
  probabilityTwoRandomRecordsMatch: number;
  /** The unique id column. */
  idField: string;
  /** `link-only` for Splink's `link_only`, else `dedupe`. */
  linkType: 'dedupe' | 'link-only';
  /** Splink's `source_dataset_column_name`, for `link-only`. */
  sourceField?: string;
}

/** Parse and check Splink settings JSON (an object or a JSON string). */
export function parseSplinkSettings(input: unknown, options: SplinkReadOptions = {}): ParsedSplinkModel {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      throw new MatchingError('invalid-splink-json', 'Splink settings are not valid JSON');
    }
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new MatchingError('invalid-splink-json', `Not Splink settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const settings = parsed.data;
  const comparisons = settings.comparisons.map((source, comparisonIndex): Comparison => {
    const read: { understood: { kind: LevelKind; field: string | null }; level: (typeof source.comparison_levels)[number] }[] = source.comparison_levels.map((level) => {
      const understood = sqlToLevel(level.sql_condition);
      if (!understood) {
        throw new MatchingError('unsupported-splink-sql', `Comparison ${source.output_column_name ?? comparisonIndex}: cannot read SQL condition "${level.sql_condition}"`);
      }
      return { understood, level };
    });
    const field =
      read.find((entry) => entry.understood.kind.type === 'null')?.understood.field ??
      read.find((entry) => entry.understood.field !== null)?.understood.field ??
      source.output_column_name;
    if (!field) throw new MatchingError('invalid-splink-json', `Comparison ${comparisonIndex} compares no column`);
    const name = source.output_column_name ?? field;
    // Exact equality on another column is an exact-other level (UPRN inside an address comparison).
    for (const entry of read) {
      if (entry.understood.kind.type === 'exact' && entry.understood.field !== null && entry.understood.field !== field) {
        entry.understood = { kind: { type: 'exact-other', otherField: entry.understood.field }, field };
      }
    }
    const others = read.filter((entry) => entry.understood.kind.type !== 'null' && entry.understood.kind.type !== 'else');
    const elseLevel = read.find((entry) => entry.understood.kind.type === 'else');
    if (!elseLevel) throw new MatchingError('invalid-splink-json', `Comparison "${name}" has no ELSE level`);
    const kinds = others.map((entry) => entry.understood.kind);
    const tag = normaliserTag.exec(source.comparison_description ?? '');
    const tagged = tag?.[1] as Normaliser | undefined;
    const otherFields: Record<string, Normaliser> = {};
    for (const part of (tag?.[2] ?? '').split(', ').filter((text) => text !== '')) {
      const [other, normaliserName] = part.split(': ') as [string, Normaliser];
      if (normaliserNames.includes(normaliserName)) otherFields[other] = normaliserName;
    }
    const normaliser = options.normalisers?.[field] ?? (tagged && normaliserNames.includes(tagged) ? tagged : inferNormaliser(kinds));
    for (const kind of others.map((entry) => entry.understood.kind)) {
      if (kind.type === 'exact-other' || kind.type === 'cross-match') {
        otherFields[kind.otherField] = options.normalisers?.[kind.otherField] ?? otherFields[kind.otherField] ?? (kind.type === 'cross-match' ? normaliser : 'text');
      }
    }
    const aliases = options.aliases?.[field];
    if (kinds.some((kind) => kind.type === 'alias') && !aliases) {
      throw new MatchingError('missing-aliases', `Comparison "${name}" has an alias level: pass its alias sets in options.aliases.${field}`);
    }
    const toLevel = (entry: (typeof read)[number]): ComparisonLevel => {
      const { level, understood } = entry;
      const out: ComparisonLevel = {
        kind: understood.kind,
        label: level.label_for_charts ?? levelLabel(understood.kind, field),
        ...(level.tf_adjustment_column && (level.tf_adjustment_weight ?? 1) > 0
          ? { termFrequency: { weight: level.tf_adjustment_weight ?? 1, minimumU: level.tf_minimum_u_value ?? 0 } }
          : {}),
      };
      if (typeof level.m_probability === 'number') out.m = level.m_probability;
      if (typeof level.u_probability === 'number') out.u = level.u_probability;
      return out;
    };
    const nullSource = read.find((entry) => entry.understood.kind.type === 'null');
    const levels: ComparisonLevel[] = [
      { kind: { type: 'null' }, label: nullSource?.level.label_for_charts ?? levelLabel({ type: 'null' }, field) },
      ...others.map(toLevel),
      toLevel(elseLevel),
    ];
    return {
      name,
      field,
      normaliser,
      levels,
      ...(aliases ? { aliases } : {}),
      ...(Object.keys(otherFields).length > 0 ? { otherFields } : {}),
      description: (source.comparison_description ?? name).replace(normaliserTag, '').trim(),
    };
  });
  const blocking = (settings.blocking_rules_to_generate_predictions ?? []).map((rule) => {
    const sql = typeof rule === 'string' ? rule : rule.blocking_rule;
    const read = sqlToBlockingRule(sql);
    if (!read) throw new MatchingError('unsupported-splink-sql', `Cannot read blocking rule "${sql}"`);
    return read;
  });
  return {
    comparisons,
    blocking,
    probabilityTwoRandomRecordsMatch: settings.probability_two_random_records_match ?? 0.0001,
    idField: settings.unique_id_column_name ?? 'unique_id',
    linkType: settings.link_type === 'link_only' ? 'link-only' : 'dedupe',
    ...(settings.link_type === 'link_only' ? { sourceField: settings.source_dataset_column_name ?? 'source_dataset' } : {}),
  };
}
