import { describe, expect, it } from 'vitest';
import { compileComparison } from './comparisons.js';
import {
  createMatcher,
  dateOfBirthComparison,
  exactComparison,
  fromSplinkJson,
  MatchingError,
  nameComparison,
  normaliseValue,
  postcodeComparison,
} from './index.js';
import type { LinkageRecord, MatcherOptions } from './index.js';
import { prepareRecords } from './records.js';
import { seededRandom } from './training.js';

const firstNames = ['oliver', 'amelia', 'george', 'isla', 'harry', 'ava', 'noah', 'mia', 'jack', 'ivy', 'leo', 'freya', 'arthur', 'lily', 'muhammad', 'florence', 'oscar', 'willow', 'charlie', 'rosie', 'theo', 'evie', 'henry', 'sophia', 'archie', 'ella', 'finley', 'grace', 'alfie', 'poppy'];
const surnames = ['smith', 'jones', 'taylor', 'brown', 'williams', 'wilson', 'johnson', 'davies', 'patel', 'robinson', 'wright', 'thompson', 'evans', 'walker', 'white', 'roberts', 'green', 'hall', 'thomas', 'clarke', 'jackson', 'wood', 'harris', 'edwards', 'turner', 'martin', 'cooper', 'hill', 'ward', 'hughes', 'moore', 'clark', 'king', 'harrison', 'lewis', 'baker', 'lee', 'allen', 'morris', 'khan'];
const districts = ['LS1', 'LS2', 'LS6', 'BD1', 'HX1', 'WF1', 'YO1', 'M1', 'M14', 'S1'];

/** Persons with 1-3 records each and controlled corruption; `truth` maps record id to person. */
function synthetic(persons: number, seed: number): { records: LinkageRecord[]; truth: Record<string, string> } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const typo = (value: string): string => {
    const at = 1 + Math.floor(random() * (value.length - 2));
    return value.slice(0, at) + value[at + 1] + value[at] + value.slice(at + 2);
  };
  const records: LinkageRecord[] = [];
  const truth: Record<string, string> = {};
  for (let person = 0; person < persons; person += 1) {
    const first = pick(firstNames);
    const surname = pick(surnames);
    const dob = `${1940 + Math.floor(random() * 60)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const postcode = `${pick(districts)} ${1 + Math.floor(random() * 9)}${pick(['AA', 'AB', 'BD', 'EF', 'GH'])}`;
    const copies = 1 + Math.floor(random() * 3);
    for (let copy = 0; copy < copies; copy += 1) {
      const id = `r${records.length}`;
      truth[id] = `p${person}`;
      records.push({
        id,
        first_name: random() < 0.15 ? typo(first) : first,
        surname: random() < 0.1 ? typo(surname) : surname,
        dob: random() < 0.1 ? `${dob.slice(0, 4)}-${dob.slice(8, 10)}-${dob.slice(5, 7)}` : dob,
        postcode: random() < 0.2 ? null : postcode,
      });
    }
  }
  return { records, truth };
}

const options = (): MatcherOptions => ({
  comparisons: [
    nameComparison({ field: 'first_name' }),
    nameComparison({ field: 'surname' }),
    dateOfBirthComparison({ field: 'dob' }),
    postcodeComparison({ field: 'postcode' }),
  ],
  blocking: [{ keys: ['dob'] }, { keys: ['surname', 'first_name'] }, { keys: ['postcode'] }],
  thresholds: { link: 0.95, review: 0.5 },
});

describe('blocking', () => {
  const { records } = synthetic(400, 7);

  it('estimates exactly the pairs each rule generates, before generating them', () => {
    const matcher = createMatcher(options());
    matcher.train(records);
    const estimate = matcher.estimatePairs(records);
    expect(estimate.rules.map((rule) => rule.rule)).toEqual(['dob', 'surname+first_name', 'postcode']);
    for (const [index, rule] of options().blocking.entries()) {
      const single = createMatcher({ ...options(), blocking: [rule] });
      single.train(records, { rules: options().blocking });
      const prediction = single.predict(records, { includeNoLink: true });
      expect(prediction.candidateCount).toBe(estimate.rules[index]?.pairs);
      // Brute force: count pairs agreeing on the rule's normalised keys.
      const normaliserOf = (field: string) => options().comparisons.find((comparison) => comparison.field === field)?.normaliser ?? 'text';
      const normalised = records.map((record) => rule.keys.map((key) => (typeof key === 'string' ? normaliseValue(normaliserOf(key), record[key]) : null)));
      let brute = 0;
      for (let i = 0; i < records.length; i += 1) {
        for (let j = i + 1; j < records.length; j += 1) {
          const a = normalised[i] as (string | null | undefined)[];
          const b = normalised[j] as (string | null | undefined)[];
          if (a.every((value, k) => value !== null && value === b[k])) brute += 1;
        }
      }
      expect(estimate.rules[index]?.pairs).toBe(brute);
    }
    const all = matcher.predict(records, { includeNoLink: true });
    // Rules overlap, so distinct pairs are at most the sum.
    expect(all.candidateCount).toBeLessThanOrEqual(estimate.total);
    expect(new Set(all.candidates().map(([a, b]) => `${a}|${b}`)).size).toBe(all.candidateCount);
  });

  it('refuses a plan over the hard cap with reason too-many-pairs, before generating pairs', () => {
    const matcher = createMatcher({ ...options(), blocking: [{ keys: [{ field: 'postcode', transform: 'postcode-area' }] }], maxPairs: 1000 });
    matcher.train(records, { rules: options().blocking });
    const estimate = matcher.estimatePairs(records);
    expect(estimate.withinCap).toBe(false);
    expect(estimate.total).toBeGreaterThan(1000);
    let caught: unknown;
    try {
      matcher.predict(records);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MatchingError);
    expect(caught).toMatchObject({ reason: 'too-many-pairs' });
    expect((caught as Error).message).toContain('postcode-area(postcode)');
  });
});

describe('training', () => {
  const { records, truth } = synthetic(600, 11);

  it('EM converges to the m probabilities seen among true matches', () => {
    const matcher = createMatcher(options());
    const report = matcher.train(records);
    expect(report.sessions.length).toBe(3);
    expect(report.sessions.every((session) => session.converged)).toBe(true);
    // Empirical m from the true matching pairs.
    const model = matcher.model();
    const data = prepareRecords(records, 'id', (field) => model.comparisons.find((c) => c.field === field)?.normaliser ?? 'text');
    const byPerson = new Map<string, number[]>();
    records.forEach((record, index) => {
      const person = truth[record.id as string] as string;
      byPerson.set(person, [...(byPerson.get(person) ?? []), index]);
    });
    for (const comparison of model.comparisons) {
      const levelOf = compileComparison(comparison, data);
      const counts = new Array<number>(comparison.levels.length).fill(0);
      for (const members of byPerson.values()) {
        for (let a = 0; a < members.length; a += 1) for (let b = a + 1; b < members.length; b += 1) {
            const level = levelOf(members[a] as number, members[b] as number);
            counts[level] = (counts[level] ?? 0) + 1;
          }
      }
      const nonNull = counts.slice(1).reduce((sum, n) => sum + n, 0);
      const exactEmpirical = (counts[1] as number) / nonNull;
      expect(Math.abs((comparison.levels[1]?.m ?? 0) - exactEmpirical)).toBeLessThan(0.06);
      // u of an exact match is small and below m: the field is evidence.
      expect(comparison.levels[1]?.u).toBeLessThan(comparison.levels[1]?.m ?? 0);
    }
    expect(report.probabilityTwoRandomRecordsMatch).toBeGreaterThan(0);
    expect(report.probabilityTwoRandomRecordsMatch).toBeLessThan(0.01);
  });

  it('refuses to score before training', () => {
    const matcher = createMatcher(options());
    expect(() => matcher.predict(records)).toThrow(expect.objectContaining({ reason: 'not-trained' }));
  });

  it('refuses labels naming unknown records', () => {
    const matcher = createMatcher(options());
    expect(() => matcher.train(records, { labels: [{ left: 'nope', right: 'r1', match: true }] })).toThrow(expect.objectContaining({ reason: 'invalid-labels' }));
  });
});

describe('scoring, bands and decisions', () => {
  const { records } = synthetic(300, 3);
  const trained = () => {
    const matcher = createMatcher(options());
    matcher.train(records);
    return matcher;
  };

  it('explains every score: the prior plus the field weights is the match weight', () => {
    const matcher = trained();
    const pair = matcher.score(
      { id: 'a', first_name: 'Amelia', surname: 'Smith', dob: '1980-03-04', postcode: 'LS6 1AA' },
      { id: 'b', first_name: 'Amleia', surname: 'Smith', dob: '1980-04-03', postcode: null },
    );
    expect(pair.fields.map((field) => field.level)).toEqual([
      'Damerau-Levenshtein distance of first_name <= 1',
      'Exact match on surname',
      'Day and month swapped in dob',
      'postcode is missing',
    ]);
    const total = pair.priorWeight + pair.fields.reduce((sum, field) => sum + field.matchWeight, 0);
    expect(pair.matchWeight).toBeCloseTo(total, 10);
    for (const field of pair.fields) expect(field.bayesFactor).toBeCloseTo(2 ** field.matchWeight, 10);
    expect(pair.fields[3]).toMatchObject({ m: null, u: null, bayesFactor: 1, matchWeight: 0 });
    expect(pair.probability).toBeCloseTo(2 ** pair.matchWeight / (1 + 2 ** pair.matchWeight), 10);
    // The breakdown travels with the pair when it is serialised or copied.
    expect(JSON.parse(JSON.stringify(pair)).fields).toHaveLength(4);
    expect({ ...pair }.fields).toHaveLength(4);
  });

  it('reports where predict spent its time', () => {
    const prediction = trained().predict(records);
    for (const phase of ['prepare', 'blocking', 'scoring', 'explaining'] as const) expect(prediction.timings[phase]).toBeGreaterThanOrEqual(0);
    expect(prediction.candidateCount).toBeGreaterThan(0);
  });

  it('weighs a rare surname more than a common one (term frequency)', () => {
    const matcher = trained();
    const base = { first_name: 'Zed', dob: '1950-01-01', postcode: null };
    const data = [
      ...Array.from({ length: 30 }, (_, index) => ({ id: `s${index}`, ...base, surname: 'Smith', dob: `19${10 + index}-01-01` })),
      { id: 'rare1', ...base, surname: 'Featherstonehaugh', dob: '1960-05-05' },
      { id: 'rare2', ...base, surname: 'Featherstonehaugh', dob: '1961-05-05' },
    ];
    const prediction = matcher.predict(data, { includeNoLink: true });
    const surnameWeight = (left: string, right: string): number =>
      prediction.pairs.find((pair) => (pair.left === left && pair.right === right) || (pair.left === right && pair.right === left))?.fields[1]?.matchWeight ?? Number.NaN;
    expect(surnameWeight('rare1', 'rare2')).toBeGreaterThan(surnameWeight('s0', 's1'));
  });

  it('bands pairs and never re-queues a cannot-link decision', () => {
    const matcher = createMatcher({ ...options(), thresholds: { link: 0.999999, review: 0.01 } });
    matcher.train(records);
    const prediction = matcher.predict(records);
    const queue = matcher.reviewQueue(prediction);
    expect(queue.length).toBeGreaterThan(0);
    for (const pair of prediction.pairs) {
      expect(pair.band).toBe(pair.probability >= 0.999999 ? 'link' : 'review');
    }
    const rejected = queue[0];
    if (!rejected) throw new Error('no review pair');
    matcher.decide(rejected.left, rejected.right, 'cannot-link');
    expect(matcher.reviewQueue(prediction).some((pair) => pair.left === rejected.left && pair.right === rejected.right)).toBe(false);
    // Remembered across a new prediction, and across a new matcher built from the saved decisions.
    const again = matcher.predict(records);
    const same = again.pairs.find((pair) => pair.left === rejected.left && pair.right === rejected.right);
    expect(same).toMatchObject({ band: 'no-link', decision: 'cannot-link' });
    expect(matcher.reviewQueue(again).some((pair) => pair.left === rejected.left && pair.right === rejected.right)).toBe(false);
    const restored = fromSplinkJson(matcher.toSplinkJson(), { idField: 'id', decisions: matcher.decisions(), thresholds: { link: 0.999999, review: 0.01 } });
    expect(restored.reviewQueue(restored.predict(records)).some((pair) => pair.left === rejected.left && pair.right === rejected.right)).toBe(false);
  });
});

describe('clustering', () => {
  const people: LinkageRecord[] = [
    { id: 'a1', first_name: 'Amelia', surname: 'Hughes', dob: '1980-03-04', postcode: 'LS6 1AA' },
    { id: 'a2', first_name: 'Amelia', surname: 'Hughes', dob: '1980-03-04', postcode: 'LS6 1AA' },
    { id: 'a3', first_name: ' AMELIA', surname: 'Hughes', dob: '04/03/1980', postcode: null },
    { id: 'b1', first_name: 'George', surname: 'Khan', dob: '1971-11-30', postcode: 'M14 2AB' },
    { id: 'b2', first_name: 'George', surname: 'Khan', dob: '1971-11-30', postcode: 'M14 2AB' },
    { id: 'c1', first_name: 'Ivy', surname: 'Wood', dob: '1999-01-01', postcode: 'YO1 7HH' },
  ];
  const trainedMatcher = (extra: Partial<MatcherOptions> = {}) => {
    const matcher = createMatcher({ ...options(), ...extra });
    matcher.train([...synthetic(400, 5).records, ...people]);
    return matcher;
  };

  it('groups linked records into persons', () => {
    const matcher = trainedMatcher();
    const prediction = matcher.predict(people);
    const clustering = matcher.cluster(prediction);
    const groups = clustering.persons.map((person) => person.records.join(','));
    expect(groups).toEqual(['a1,a2,a3', 'b1,b2', 'c1']);
    expect(clustering.assignments.a1).toBe(clustering.assignments.a3);
  });

  it('respects cannot-link decisions: never puts the two records in one person', () => {
    const matcher = trainedMatcher();
    matcher.decide('a1', 'a3', 'cannot-link');
    const clustering = matcher.cluster(matcher.predict(people));
    expect(clustering.assignments.a1).not.toBe(clustering.assignments.a3);
    // a2 links strongly to both, yet joins only one of them.
    expect([clustering.assignments.a1, clustering.assignments.a3]).toContain(clustering.assignments.a2);
  });

  it('honours must-link decisions', () => {
    const matcher = trainedMatcher();
    matcher.decide('b1', 'c1', 'must-link');
    const clustering = matcher.cluster(matcher.predict(people));
    expect(clustering.assignments.b1).toBe(clustering.assignments.c1);
  });

  it('keeps person ids stable across runs, and when persons grow', () => {
    const matcher = trainedMatcher();
    const first = matcher.cluster(matcher.predict(people));
    const second = matcher.cluster(matcher.predict([...people].reverse()));
    expect(second.assignments).toEqual(first.assignments);
    const more = [...people, { id: 'b3', first_name: 'George', surname: 'Khan', dob: '1971-11-30', postcode: 'M14 2AB' }];
    const grown = matcher.cluster(matcher.predict(more), { previous: first.assignments });
    for (const id of Object.keys(first.assignments)) expect(grown.assignments[id]).toBe(first.assignments[id]);
    expect(grown.assignments.b3).toBe(first.assignments.b1);
    // A split keeps the id with the larger part.
    matcher.decide('a1', 'a3', 'cannot-link');
    matcher.decide('a2', 'a3', 'cannot-link');
    const split = matcher.cluster(matcher.predict(people), { previous: first.assignments });
    expect(split.assignments.a1).toBe(first.assignments.a1);
    expect(split.assignments.a3).not.toBe(first.assignments.a1);
  });

  it('matches one new record against existing persons', () => {
    const matcher = trainedMatcher();
    const clustering = matcher.cluster(matcher.predict(people));
    const index = matcher.createIndex(people, clustering);
    const joined = matcher.matchOne({ id: 'a4', first_name: 'Amelia', surname: 'Hughes', dob: '1980-03-04', postcode: 'LS6 1AA' }, index);
    expect(joined).toMatchObject({ band: 'link', created: false, personId: clustering.assignments.a1 });
    expect(joined.candidates[0]?.pair.fields.length).toBe(4);
    const stranger = matcher.matchOne({ id: 'z1', first_name: 'Theo', surname: 'Baker', dob: '1955-06-06', postcode: 'S1 1AA' }, index);
    expect(stranger.created).toBe(true);
    expect(index.personOf('z1')).toBe(stranger.personId);
    expect(index.size()).toBe(8);
    matcher.decide('c2', 'c1', 'cannot-link');
    const refused = matcher.matchOne({ id: 'c2', first_name: 'Ivy', surname: 'Wood', dob: '1999-01-01', postcode: 'YO1 7HH' }, index);
    expect(refused.created).toBe(true);
    expect(refused.personId).not.toBe(clustering.assignments.c1);
  });
});

describe('options', () => {
  it('refuses bad options with a typed error', () => {
    expect(() => createMatcher({ comparisons: [], blocking: [] })).toThrow(MatchingError);
    expect(() => createMatcher({ ...options(), thresholds: { link: 0.5, review: 0.9 } })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
    expect(() => createMatcher({ ...options(), blocking: [{ keys: [{ field: 'surname', transform: 'prefix' }] }] })).toThrow(MatchingError);
    expect(() => createMatcher({ ...options(), comparisons: [exactComparison({ field: 'x' }), exactComparison({ field: 'x' })] })).toThrow(MatchingError);
  });

  it('refuses hand-built comparisons without null and else levels', () => {
    const broken = { ...exactComparison({ field: 'x' }), levels: [{ kind: { type: 'exact' as const }, label: 'Exact' }, { kind: { type: 'else' as const }, label: 'Else' }] };
    expect(() => createMatcher({ ...options(), comparisons: [broken] })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
  });

  it('refuses records without ids, or with duplicate ids', () => {
    const matcher = createMatcher(options());
    expect(() => matcher.estimatePairs([{ first_name: 'x' }])).toThrow(expect.objectContaining({ reason: 'invalid-record' }));
    expect(() => matcher.estimatePairs([{ id: '1' }, { id: '1' }])).toThrow(expect.objectContaining({ reason: 'duplicate-record-id' }));
  });
});
