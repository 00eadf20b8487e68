import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, jaro, jaroWinkler, levenshtein } from './index.js';

describe('jaro and jaroWinkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.944444, 0.961111],
    ['DWAYNE', 'DUANE', 0.822222, 0.84],
    ['DIXON', 'DICKSONX', 0.766667, 0.813333],
    ['CRATE', 'TRACE', 0.733333, 0.733333],
    ['JONES', 'JOHNSON', 0.790476, 0.832381],
  ])('%s vs %s', (a, b, expectedJaro, expectedWinkler) => {
    expect(jaro(a, b)).toBeCloseTo(expectedJaro, 5);
    expect(jaroWinkler(a, b)).toBeCloseTo(expectedWinkler, 5);
    expect(jaroWinkler(b, a)).toBeCloseTo(expectedWinkler, 5);
  });

  it('gives 1 for identical strings and 0 when nothing is shared or one side is empty', () => {
    expect(jaroWinkler('robert', 'robert')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('is unaffected by earlier long comparisons (shared scratch buffers)', () => {
    jaroWinkler('a'.repeat(500), 'a'.repeat(499) + 'b');
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961111, 5);
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['CA', 'ABC', 2],
    ['ab', 'ba', 1],
    ['Rboert', 'Robert', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['a cat', 'an act', 2],
    ['abcdef', 'badcfe', 3],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(damerauLevenshtein(a, b)).toBe(expected);
    expect(damerauLevenshtein(b, a)).toBe(expected);
  });

  it('counts a transposition as one edit where Levenshtein counts two', () => {
    expect(levenshtein('ab', 'ba')).toBe(2);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('ab', 'ba')).toBe(1);
  });
});
