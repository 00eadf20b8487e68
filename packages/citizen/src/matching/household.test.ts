import { describe, expect, it } from 'vitest';
import { citizenMatcherOptions, createLinkageDataset, createMatcher, fromSplinkJson } from './index.js';
import type { LinkageRecord } from './index.js';

// Two members of one household and a record that holds only the surname and the address.
const household: LinkageRecord[] = [
  { id: 'a', first_name: 'Padraig', surname: 'Okonkwo', dob: '1984-03-20', postcode: 'LS6 1AA', uprn: '72000001', nino: null, email: null, phone: null },
  { id: 'b', first_name: 'Chinedu', surname: 'Okonkwo', dob: '2011-07-02', postcode: 'LS6 1AA', uprn: '72000001', nino: null, email: null, phone: null },
  { id: 'x', first_name: null, surname: 'Okonkwo', dob: null, postcode: 'ls61aa', uprn: '072000001', nino: null, email: null, phone: null },
];

describe('households', () => {
  const { records } = createLinkageDataset({ seed: 12, records: 2000 });
  const trained = (apart: number, link: number) => {
    const matcher = createMatcher({ ...citizenMatcherOptions(), thresholds: { link, review: 0.5, apart } });
    matcher.train(records);
    return matcher;
  };

  it('scores one address once: UPRN and postcode are one comparison', () => {
    const pair = trained(0.001, 0.99).score(household[0] as LinkageRecord, household[2] as LinkageRecord);
    expect(pair.fields.map((field) => field.comparison)).toEqual(['first_name', 'surname', 'dob', 'address', 'nino', 'email', 'phone']);
    expect(pair.fields[3]?.level).toBe('Exact match on uprn');
  }, 60_000);

  it('never merges two clearly different people through a record that links to both', () => {
    const probe = trained(0.001, 0.99);
    const toA = probe.score(household[2] as LinkageRecord, household[0] as LinkageRecord).probability;
    const toB = probe.score(household[2] as LinkageRecord, household[1] as LinkageRecord).probability;
    const between = probe.score(household[0] as LinkageRecord, household[1] as LinkageRecord).probability;
    // Different first names and dates of birth: far weaker than either link to the third record.
    expect(between).toBeLessThan(0.25);
    expect(Math.min(toA, toB)).toBeGreaterThan(0.5);
    // A link threshold low enough that the surname-and-address record links to both members,
    // and an apart threshold above the members' own score.
    const link = Math.min(toA, toB) * 0.999;
    const guarded = trained(Math.min(between * 2, 0.49), link);
    const together = guarded.cluster(guarded.predict(household)).assignments;
    expect(together.a).not.toBe(together.b);
    expect([together.a, together.b]).toContain(together.x);
    // Without the apart constraint the chain merges the household.
    const unguarded = trained(0, link);
    const merged = unguarded.cluster(unguarded.predict(household)).assignments;
    expect(merged.a).toBe(merged.b);
  }, 60_000);

  it('round-trips the citizen model through Splink JSON, address comparison included', () => {
    const matcher = trained(0.001, 0.99);
    const json = matcher.toSplinkJson();
    const address = json.comparisons.find((comparison) => comparison.output_column_name === 'address');
    expect(address?.comparison_levels[1]?.sql_condition).toBe('"uprn_l" = "uprn_r"');
    expect(address?.comparison_description).toContain('(councilkit normaliser: postcode, uprn: uprn)');
    const back = fromSplinkJson(JSON.stringify(json), { aliases: { first_name: citizenMatcherOptions().comparisons[0]?.aliases as never } });
    expect(back.toSplinkJson()).toEqual(json);
    const before = matcher.score(household[0] as LinkageRecord, household[2] as LinkageRecord);
    const after = back.score(household[0] as LinkageRecord, household[2] as LinkageRecord);
    expect(after.fields[3]?.level).toBe('Exact match on uprn');
    // The loaded model has no training-time term frequencies; fields without them score the same.
    expect(after.fields[3]?.matchWeight).toBeCloseTo(before.fields[3]?.matchWeight ?? Number.NaN, 10);
  }, 60_000);
});
