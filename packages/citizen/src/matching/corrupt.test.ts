import { describe, expect, it } from 'vitest';
import { createResidentGenerator } from '../synthetic/index.js';
import { citizenMatcherOptions, citizenToLinkageRecord, createLinkageDataset, createMatcher, evaluate, MatchingError, normaliseValue } from './index.js';

describe('createLinkageDataset', () => {
  const dataset = createLinkageDataset({ seed: 3, records: 3000 });

  it('makes exactly the records asked for, with ground truth for each', () => {
    expect(dataset.records).toHaveLength(3000);
    expect(new Set(dataset.records.map((record) => record.id)).size).toBe(3000);
    for (const record of dataset.records) expect(dataset.truth[record.id]).toMatch(/^syn-r-\d{6}$/);
    expect(dataset.persons).toBe(new Set(Object.values(dataset.truth)).size);
    expect(dataset.persons).toBeLessThan(3000);
    expect(new Set(dataset.records.map((record) => record.source)).size).toBe(6);
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(createLinkageDataset({ seed: 3, records: 200 })).toEqual(createLinkageDataset({ seed: 3, records: 200 }));
    expect(createLinkageDataset({ seed: 4, records: 200 }).records).not.toEqual(createLinkageDataset({ seed: 3, records: 200 }).records);
  });

  it('corrupts copies the way real systems do', () => {
    const byPerson = new Map<string, typeof dataset.records>();
    for (const record of dataset.records) {
      const person = dataset.truth[record.id] as string;
      byPerson.set(person, [...(byPerson.get(person) ?? []), record]);
    }
    let differentFirstNames = 0;
    let swappedDates = 0;
    let ninoBothWays = 0;
    let phoneFormats = 0;
    let postcodesDiffer = 0;
    for (const copies of byPerson.values()) {
      const values = (field: 'first_name' | 'dob' | 'nino' | 'phone' | 'postcode') => copies.map((copy) => copy[field]).filter((value): value is string => value !== null);
      if (new Set(values('first_name').map((name) => name.toLowerCase())).size > 1) differentFirstNames += 1;
      const dates = values('dob').map((value) => normaliseValue('date', value));
      if (dates.some((a) => dates.some((b) => a && b && a !== b && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)))) swappedDates += 1;
      const ninos = values('nino').map((value) => value.replace(/\s/g, ''));
      if (ninos.some((value) => value.length === 9) && ninos.some((value) => value.length === 8)) ninoBothWays += 1;
      if (new Set(values('phone')).size > 1 && new Set(values('phone').map((value) => normaliseValue('phone', value))).size === 1) phoneFormats += 1;
      if (new Set(values('postcode').map((value) => normaliseValue('postcode', value))).size > 1) postcodesDiffer += 1;
    }
    expect(differentFirstNames).toBeGreaterThan(50);
    expect(swappedDates).toBeGreaterThan(3);
    expect(ninoBothWays).toBeGreaterThan(10);
    expect(phoneFormats).toBeGreaterThan(20);
    expect(postcodesDiffer).toBeGreaterThan(50);
  });

  it('links well enough to be a fair benchmark', { timeout: 60_000 }, () => {
    const matcher = createMatcher({ ...citizenMatcherOptions(), thresholds: { link: 0.99, review: 0.5 } });
    matcher.train(dataset.records);
    const prediction = matcher.predict(dataset.records);
    const result = evaluate({ clusters: matcher.cluster(prediction).assignments, candidates: prediction.candidates() }, { clusters: dataset.truth });
    console.log(`linkage dataset (3,000): P=${result.pairwise.precision.toFixed(4)} R=${result.pairwise.recall.toFixed(4)} F1=${result.pairwise.f1.toFixed(4)} blocking recall=${result.blockingRecall?.toFixed(4)}`);
    expect(result.pairwise.precision).toBeGreaterThan(0.95);
    expect(result.pairwise.f1).toBeGreaterThan(0.85);
  });

  it('refuses bad options', () => {
    expect(() => createLinkageDataset({ seed: 1, records: 0 })).toThrow(MatchingError);
    expect(() => createLinkageDataset({ seed: 1, records: 10, corruption: { nickname: 2 } })).toThrow(MatchingError);
  });
});

describe('citizenToLinkageRecord', () => {
  it('maps a citizen to flat linkage fields', () => {
    const [citizen] = createResidentGenerator({ seed: 9 }).residents(1);
    if (!citizen) throw new Error('no citizen');
    const record = citizenToLinkageRecord(citizen, { source: 'housing' });
    expect(record.id).toBe(`housing:${citizen.id}`);
    expect(record.source).toBe('housing');
    expect(record.first_name).toBe(citizen.name.given ?? null);
    expect(record.surname).toBe(citizen.name.family ?? null);
    expect(record.dob).toBe(citizen.dateOfBirth?.value ?? null);
    const home = citizen.addresses.find((entry) => entry.use === 'home' && entry.to === undefined) ?? citizen.addresses[0];
    expect(record.postcode).toBe(home?.address.postcode ?? null);
    expect(record.nino).toBe(citizen.identifiers.find((identifier) => identifier.scheme === 'nino')?.value ?? null);
  });
});
