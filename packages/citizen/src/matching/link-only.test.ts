import { describe, expect, it } from 'vitest';
import { citizenMatcherOptions, createLinkageDataset, createMatcher, fromSplinkJson, MatchingError } from './index.js';

describe('link-only matching between source systems', () => {
  const { records } = createLinkageDataset({ seed: 21, records: 1500 });
  const twoSystems = records.filter((record) => record.source === 'council-tax' || record.source === 'benefits');
  const sourceOf = new Map(twoSystems.map((record) => [record.id, record.source]));
  const linkOnly = () => createMatcher({ ...citizenMatcherOptions(), linkType: 'link-only', sourceField: 'source' });

  it('compares only records from different sources, and estimates exactly that', { timeout: 60_000 }, () => {
    const matcher = linkOnly();
    matcher.train(twoSystems);
    const estimate = matcher.estimatePairs(twoSystems);
    const prediction = matcher.predict(twoSystems, { includeNoLink: true });
    const candidates = prediction.candidates();
    expect(candidates.length).toBeGreaterThan(0);
    for (const [left, right] of candidates) expect(sourceOf.get(left)).not.toBe(sourceOf.get(right));
    const dedupe = createMatcher({ ...citizenMatcherOptions() });
    dedupe.train(twoSystems);
    const all = dedupe.predict(twoSystems, { includeNoLink: true }).candidates();
    const crossSource = all.filter(([left, right]) => sourceOf.get(left) !== sourceOf.get(right));
    expect(candidates.length).toBe(crossSource.length);
    // Single-rule plans: the estimate is exact.
    for (const rule of citizenMatcherOptions().blocking) {
      const single = createMatcher({ ...citizenMatcherOptions(), blocking: [rule], linkType: 'link-only', sourceField: 'source' });
      single.train(twoSystems);
      expect(single.predict(twoSystems, { includeNoLink: true }).candidateCount).toBe(single.estimatePairs(twoSystems).total);
    }
    expect(estimate.total).toBeGreaterThanOrEqual(candidates.length);
  });

  it('writes and reads Splink link_only with the source column', { timeout: 60_000 }, () => {
    const matcher = linkOnly();
    matcher.train(twoSystems);
    const json = matcher.toSplinkJson();
    expect(json.link_type).toBe('link_only');
    expect(json.source_dataset_column_name).toBe('source');
    const back = fromSplinkJson(json, { aliases: { first_name: citizenMatcherOptions().comparisons[0]?.aliases as never } });
    expect(back.model()).toMatchObject({ linkType: 'link-only', sourceField: 'source' });
  });

  it('matches a new record only against other sources', { timeout: 60_000 }, () => {
    const matcher = createMatcher({ ...citizenMatcherOptions(), linkType: 'link-only', sourceField: 'source' });
    matcher.train(twoSystems);
    const existing = twoSystems.slice(0, 200);
    const index = matcher.createIndex(existing, matcher.cluster(matcher.predict(existing)));
    const copy = { ...(existing[0] as (typeof existing)[number]), id: 'copy-1' };
    const sameSource = matcher.matchOne(copy, index);
    for (const candidate of sameSource.candidates) expect(sourceOf.get(candidate.pair.left)).not.toBe(copy.source);
    expect(sameSource.candidates.some((candidate) => candidate.pair.left === existing[0]?.id)).toBe(false);
    // Control: deduplicating, the identical original is the best candidate.
    const dedupe = createMatcher({ ...citizenMatcherOptions() });
    dedupe.train(twoSystems);
    const dedupeIndex = dedupe.createIndex(existing, dedupe.cluster(dedupe.predict(existing)));
    expect(dedupe.matchOne(copy, dedupeIndex).candidates.some((candidate) => candidate.pair.left === existing[0]?.id)).toBe(true);
  });

  it('needs a source field, on every record', () => {
    expect(() => createMatcher({ ...citizenMatcherOptions(), linkType: 'link-only' })).toThrow(MatchingError);
    const matcher = linkOnly();
    expect(() => matcher.estimatePairs([{ id: '1', source: null }, { id: '2', source: 'a' }])).toThrow(expect.objectContaining({ reason: 'invalid-record' }));
  });
});
