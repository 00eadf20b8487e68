import { describe, expect, it } from 'vitest';
import { loadFake1000, loadFake1000Labels } from '../../test/fixtures/splink/load.js';
import {
  createAliasSets,
  createMatcher,
  dateOfBirthComparison,
  emailComparison,
  evaluate,
  exactComparison,
  nameComparison,
  ukNicknames,
} from './index.js';

/** The fake_1000 model used in the docs and the benchmark. */
function fake1000Matcher() {
  return createMatcher({
    idField: 'unique_id',
    comparisons: [
      nameComparison({ field: 'first_name', swappedWith: 'surname', aliases: createAliasSets(ukNicknames) }),
      nameComparison({ field: 'surname', swappedWith: 'first_name' }),
      dateOfBirthComparison({ field: 'dob' }),
      exactComparison({ field: 'city', termFrequency: true }),
      emailComparison({ field: 'email' }),
    ],
    blocking: [{ keys: ['first_name'] }, { keys: ['surname'] }, { keys: ['dob'] }, { keys: ['email'] }],
    thresholds: { link: 0.95, review: 0.5 },
  });
}

describe('fake_1000 (Splink example data)', () => {
  const { records, truth } = loadFake1000();

  it('reaches pairwise F1 >= 0.95 after clustering, unsupervised', { timeout: 60_000 }, () => {
    const matcher = fake1000Matcher();
    const report = matcher.train(records);
    expect(report.sessions.every((session) => session.converged)).toBe(true);
    const prediction = matcher.predict(records);
    const clustering = matcher.cluster(prediction);
    const result = evaluate({ clusters: clustering.assignments, candidates: prediction.candidates() }, { clusters: truth });
    console.log(
      `fake_1000: pairwise P=${result.pairwise.precision.toFixed(4)} R=${result.pairwise.recall.toFixed(4)} F1=${result.pairwise.f1.toFixed(4)}; ` +
        `blocking recall=${result.blockingRecall?.toFixed(4)}; B-cubed F1=${result.bCubed?.f1.toFixed(4)}`,
    );
    // Measured 0.975 (P 1.000, R 0.951); the floor leaves room for harmless drift, not for a regression.
    expect(result.pairwise.f1).toBeGreaterThanOrEqual(0.96);
    expect(result.pairwise.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.bCubed?.f1).toBeGreaterThanOrEqual(0.96);
    expect(result.blockingRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('agrees with the shipped clerical labels', { timeout: 60_000 }, () => {
    const matcher = fake1000Matcher();
    matcher.train(records);
    const prediction = matcher.predict(records);
    const clustering = matcher.cluster(prediction);
    const result = evaluate({ clusters: clustering.assignments, candidates: prediction.candidates() }, { pairs: loadFake1000Labels() });
    // The shipped clerical labels disagree with the file's own cluster column (it scores F1 0.79 against them),
    // so the fair bar is to agree with the labels about as well as the true clusters do.
    const truthAgainstLabels = evaluate({ clusters: truth }, { pairs: loadFake1000Labels() });
    console.log(`fake_1000 clerical labels: F1=${result.pairwise.f1.toFixed(4)} (true clusters: ${truthAgainstLabels.pairwise.f1.toFixed(4)})`);
    expect(result.pairwise.f1).toBeGreaterThanOrEqual(truthAgainstLabels.pairwise.f1 - 0.05);
    expect(result.blockingRecall).toBeGreaterThan(0.5);
  });

  it('uses labels in training without losing accuracy', { timeout: 60_000 }, () => {
    const matcher = fake1000Matcher();
    const report = matcher.train(records, { labels: loadFake1000Labels() });
    expect(report.labelledPairs).toBe(3176);
    const prediction = matcher.predict(records);
    const result = evaluate({ clusters: matcher.cluster(prediction).assignments }, { clusters: truth });
    expect(result.pairwise.f1).toBeGreaterThanOrEqual(0.95);
  });
});
