import { describe, expect, it } from 'vitest';
import { evaluate, MatchingError } from './index.js';

describe('evaluate', () => {
  // Truth: {a,b,c} one person, {d,e} another, f alone. True pairs: ab ac bc de = 4.
  const truth = { a: 'x', b: 'x', c: 'x', d: 'y', e: 'y', f: 'z' };

  it('scores clusters pairwise and by B-cubed (hand computed)', () => {
    // Predicted: {a,b} {c,d,e} {f}. Predicted pairs: ab cd ce de = 4; true among them: ab de = 2.
    const result = evaluate({ clusters: { a: 'p', b: 'p', c: 'q', d: 'q', e: 'q', f: 'r' } }, { clusters: truth });
    expect(result.pairwise).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, truePositives: 2, falsePositives: 2, falseNegatives: 2 });
    // B-cubed precision per record: a 1, b 1, c 1/3, d 2/3, e 2/3, f 1 -> 14/3 / 6 = 7/9.
    // B-cubed recall per record:    a 2/3, b 2/3, c 1/3, d 1, e 1, f 1 -> 14/3 / 6 = 7/9.
    expect(result.bCubed?.precision).toBeCloseTo(7 / 9, 10);
    expect(result.bCubed?.recall).toBeCloseTo(7 / 9, 10);
    expect(result.bCubed?.f1).toBeCloseTo(7 / 9, 10);
    expect(result.blockingRecall).toBeNull();
  });

  it('scores links and blocking recall', () => {
    const result = evaluate(
      {
        links: [['a', 'b'], ['b', 'c'], ['e', 'f']],
        candidates: [['a', 'b'], ['b', 'c'], ['a', 'c'], ['e', 'f'], ['c', 'd']],
      },
      { clusters: truth },
    );
    // Links: ab bc true, ef false -> precision 2/3; recall 2/4.
    expect(result.pairwise.precision).toBeCloseTo(2 / 3, 10);
    expect(result.pairwise.recall).toBe(0.5);
    expect(result.pairwise.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 10);
    // Candidates hold ab bc ac of the 4 true pairs.
    expect(result.blockingRecall).toBe(0.75);
    expect(result.bCubed).toBeNull();
  });

  it('treats records missing from the prediction as people of their own', () => {
    const result = evaluate({ clusters: { a: 'p', b: 'p' } }, { clusters: truth });
    expect(result.pairwise).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 3, precision: 1, recall: 0.25 });
  });

  it('scores reviewed pairs only when labels are pairs', () => {
    const result = evaluate(
      { clusters: { a: 'p', b: 'p', c: 'q' }, candidates: [['a', 'b']] },
      {
        pairs: [
          { left: 'a', right: 'b', match: true },
          { left: 'a', right: 'c', match: true },
          { left: 'b', right: 'c', match: false },
        ],
      },
    );
    expect(result.pairwise).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, truePositives: 1, falsePositives: 0, falseNegatives: 1 });
    expect(result.blockingRecall).toBe(0.5);
  });

  it('refuses predictions with neither clusters nor links', () => {
    expect(() => evaluate({}, { clusters: truth })).toThrow(MatchingError);
  });
});
