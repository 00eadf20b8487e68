import { describe, expect, it } from 'vitest';
import { loadFake1000 } from '../../test/fixtures/splink/load.js';
import {
  addressComparison,
  createAliasSets,
  createMatcher,
  dateOfBirthComparison,
  emailComparison,
  exactComparison,
  fromSplinkJson,
  MatchingError,
  nameComparison,
  postcodeComparison,
  ukNicknames,
} from './index.js';
import type { SplinkSettings } from './index.js';

const aliases = createAliasSets(ukNicknames);

function trainedMatcher() {
  const matcher = createMatcher({
    idField: 'unique_id',
    comparisons: [
      nameComparison({ field: 'first_name', swappedWith: 'surname', aliases }),
      nameComparison({ field: 'surname', swappedWith: 'first_name' }),
      dateOfBirthComparison({ field: 'dob' }),
      exactComparison({ field: 'city', termFrequency: true }),
      emailComparison({ field: 'email' }),
    ],
    blocking: [{ keys: ['first_name'] }, { keys: ['surname'] }, { keys: ['dob'] }, { keys: ['email'] }, { keys: [{ field: 'surname', transform: 'prefix', length: 3 }, 'city'] }],
  });
  matcher.train(loadFake1000().records);
  return matcher;
}

describe('Splink settings JSON', () => {
  it('writes comparison levels with m and u in Splink’s shape', () => {
    const json = trainedMatcher().toSplinkJson();
    expect(json.link_type).toBe('dedupe_only');
    expect(json.unique_id_column_name).toBe('unique_id');
    expect(json.probability_two_random_records_match).toBeGreaterThan(0);
    const first = json.comparisons[0];
    expect(first?.output_column_name).toBe('first_name');
    expect(first?.comparison_levels[0]).toEqual({
      sql_condition: '"first_name_l" IS NULL OR "first_name_r" IS NULL',
      label_for_charts: 'first_name is missing',
      is_null_level: true,
    });
    expect(first?.comparison_levels[1]).toMatchObject({
      sql_condition: '"first_name_l" = "first_name_r"',
      tf_adjustment_column: 'first_name',
      tf_adjustment_weight: 1,
    });
    expect(first?.comparison_levels.at(-1)?.sql_condition).toBe('ELSE');
    for (const level of first?.comparison_levels.slice(1) ?? []) {
      expect(level.m_probability).toBeGreaterThan(0);
      expect(level.u_probability).toBeGreaterThan(0);
    }
    const sql = json.comparisons.flatMap((comparison) => comparison.comparison_levels.map((level) => level.sql_condition));
    expect(sql).toContain('jaro_winkler_similarity("first_name_l", "first_name_r") >= 0.9');
    expect(sql).toContain('damerau_levenshtein("surname_l", "surname_r") <= 1');
    expect(sql).toContain('"first_name_l" = "surname_r" AND "surname_l" = "first_name_r"');
    // Only keys Splink's settings schema allows (it sets additionalProperties: false).
    const topLevel = ['link_type', 'probability_two_random_records_match', 'unique_id_column_name', 'sql_dialect', 'blocking_rules_to_generate_predictions', 'comparisons'];
    const comparisonKeys = ['output_column_name', 'comparison_description', 'comparison_levels'];
    const levelKeys = ['sql_condition', 'label_for_charts', 'u_probability', 'm_probability', 'is_null_level', 'tf_adjustment_column', 'tf_adjustment_weight', 'tf_minimum_u_value'];
    for (const key of Object.keys(json)) expect(topLevel).toContain(key);
    for (const comparison of json.comparisons) {
      for (const key of Object.keys(comparison)) expect(comparisonKeys).toContain(key);
      for (const level of comparison.comparison_levels) for (const key of Object.keys(level)) expect(levelKeys).toContain(key);
    }
    expect(json.blocking_rules_to_generate_predictions.at(-1)).toEqual({
      blocking_rule: 'substr(l."surname", 1, 3) = substr(r."surname", 1, 3) AND l."city" = r."city"',
      sql_dialect: 'duckdb',
    });
  });

  it('round-trips: a model read back scores every pair the same', () => {
    const original = trainedMatcher();
    const text = JSON.stringify(original.toSplinkJson());
    const restored = fromSplinkJson(text, { aliases: { first_name: aliases } });
    expect(restored.toSplinkJson()).toEqual(original.toSplinkJson());
    const { records } = loadFake1000();
    // Scores of fresh records (no training-time term frequencies on either side) agree exactly.
    const a = { unique_id: 'x', first_name: 'Rob', surname: 'Taylor', dob: '2015-10-29', city: 'London', email: 'rob@example.com' };
    const b = { unique_id: 'y', first_name: 'Robert', surname: 'Taylr', dob: '2015-10-29', city: null, email: 'rob@example.co' };
    expect(restored.score(a, b).matchWeight).toBeCloseTo(original.score(a, b).matchWeight, 9);
    const fresh = createMatcher({ ...original.model(), thresholds: {} });
    const left = fresh.predict(records, { includeNoLink: true }).pairs;
    const right = restored.predict(records, { includeNoLink: true }).pairs;
    expect(right.length).toBe(left.length);
    right.forEach((pair, index) => {
      expect(pair.left).toBe(left[index]?.left);
      expect(pair.matchWeight).toBeCloseTo(left[index]?.matchWeight ?? Number.NaN, 9);
    });
  });

  it('reads postcode and date levels written by councilkit', () => {
    const matcher = createMatcher({
      comparisons: [postcodeComparison({ field: 'postcode' }), dateOfBirthComparison({ field: 'dob' })],
      blocking: [{ keys: [{ field: 'postcode', transform: 'postcode-district' }] }],
    });
    matcher.train([
      { id: '1', postcode: 'LS6 1AA', dob: '1980-01-02' },
      { id: '2', postcode: 'LS6 1AB', dob: '1980-02-01' },
      { id: '3', postcode: 'M1 1AE', dob: '1990-05-05' },
    ]);
    const json = matcher.toSplinkJson();
    const back = fromSplinkJson(json);
    expect(back.model().comparisons.map((comparison) => comparison.normaliser)).toEqual(['postcode', 'date']);
    expect(back.model().comparisons[0]?.levels.map((level) => level.kind.type)).toEqual(['null', 'exact', 'postcode-part', 'postcode-part', 'postcode-part', 'else']);
    expect(back.model().blocking).toEqual([{ keys: [{ field: 'postcode', transform: 'postcode-district' }] }]);
  });

  it('writes the UPRN column as the term-frequency column of the UPRN level', () => {
    const matcher = createMatcher({
      comparisons: [addressComparison({ postcodeField: 'postcode', uprnField: 'uprn', termFrequency: true })],
      blocking: [{ keys: ['postcode'] }],
    });
    const records = [
      { id: '1', postcode: 'LS6 1AA', uprn: '1' },
      { id: '2', postcode: 'LS6 1AA', uprn: '1' },
      { id: '3', postcode: 'LS6 1AB', uprn: '2' },
      { id: '4', postcode: 'M1 1AE', uprn: '3' },
    ];
    matcher.train(records, { rules: [{ keys: [{ field: 'postcode', transform: 'postcode-area' }] }] });
    const levels = matcher.toSplinkJson().comparisons[0]?.comparison_levels ?? [];
    expect(levels[1]).toMatchObject({ sql_condition: '"uprn_l" = "uprn_r"', tf_adjustment_column: 'uprn' });
    expect(levels[2]).toMatchObject({ sql_condition: '"postcode_l" = "postcode_r"', tf_adjustment_column: 'postcode' });
    const back = fromSplinkJson(matcher.toSplinkJson());
    expect(back.toSplinkJson()).toEqual(matcher.toSplinkJson());
    expect(back.predict(records, { includeNoLink: true }).pairs.map((pair) => pair.matchWeight)).toEqual(
      createMatcher({ ...matcher.model() }).predict(records, { includeNoLink: true }).pairs.map((pair) => pair.matchWeight),
    );
  });

  it('reads a hand-written Splink model', () => {
    const settings: SplinkSettings = {
      link_type: 'dedupe_only',
      probability_two_random_records_match: 0.001,
      unique_id_column_name: 'unique_id',
      blocking_rules_to_generate_predictions: ['l.surname = r.surname'],
      comparisons: [
        {
          output_column_name: 'surname',
          comparison_levels: [
            { sql_condition: 'surname_l IS NULL OR surname_r IS NULL', label_for_charts: 'Null', is_null_level: true },
            { sql_condition: 'surname_l = surname_r', label_for_charts: 'Exact', m_probability: 0.9, u_probability: 0.01 },
            { sql_condition: 'jaro_winkler_similarity(surname_l, surname_r) >= 0.88', label_for_charts: 'JW', m_probability: 0.08, u_probability: 0.04 },
            { sql_condition: 'ELSE', label_for_charts: 'Else', m_probability: 0.02, u_probability: 0.95 },
          ],
        },
      ],
    };
    const matcher = fromSplinkJson(settings);
    const pair = matcher.score({ unique_id: '1', surname: 'Smith' }, { unique_id: '2', surname: 'smith' });
    expect(pair.fields[0]).toMatchObject({ level: 'Exact', m: 0.9, u: 0.01 });
    expect(pair.matchWeight).toBeCloseTo(Math.log2(0.001 / 0.999) + Math.log2(0.9 / 0.01), 10);
  });

  it('refuses what it cannot read, with typed reasons', () => {
    expect(() => fromSplinkJson('{ not json')).toThrow(expect.objectContaining({ reason: 'invalid-splink-json' }));
    expect(() => fromSplinkJson({ comparisons: [] })).toThrow(expect.objectContaining({ reason: 'invalid-splink-json' }));
    const odd = {
      comparisons: [
        {
          output_column_name: 'x',
          comparison_levels: [
            { sql_condition: 'cosine_distance(x_l, x_r) < 0.2', m_probability: 0.5, u_probability: 0.1 },
            { sql_condition: 'ELSE', m_probability: 0.5, u_probability: 0.9 },
          ],
        },
      ],
    };
    expect(() => fromSplinkJson(odd)).toThrow(expect.objectContaining({ reason: 'unsupported-splink-sql' }));
    const json = trainedMatcher().toSplinkJson();
    expect(() => fromSplinkJson(json)).toThrow(MatchingError);
    expect(() => fromSplinkJson(json)).toThrow(expect.objectContaining({ reason: 'missing-aliases' }));
  });
});
