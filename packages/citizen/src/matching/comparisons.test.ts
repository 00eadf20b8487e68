import { describe, expect, it } from 'vitest';
import { compileComparison } from './comparisons.js';
import {
  createAliasSets,
  createComparison,
  dateOfBirthComparison,
  emailComparison,
  exactComparison,
  MatchingError,
  nameComparison,
  ninoComparison,
  normaliseValue,
  phoneComparison,
  postcodeComparison,
  uprnComparison,
} from './index.js';
import type { Comparison, LinkageRecord } from './index.js';
import { prepareRecords } from './records.js';

/** The label of the level two records reach. */
function levelOf(comparison: Comparison, left: LinkageRecord, right: LinkageRecord): string {
  const normalisers = new Map([[comparison.field, comparison.normaliser]]);
  const data = prepareRecords([{ id: '1', ...left }, { id: '2', ...right }], 'id', (field) => normalisers.get(field) ?? 'name');
  const index = compileComparison(comparison, data)(0, 1);
  return comparison.levels[index]?.label ?? 'none';
}

const aliases = createAliasSets([
  ['robert', 'rob', 'bob'],
  ['robin', 'rob'],
]);

describe('name comparison levels', () => {
  const first = nameComparison({ field: 'first_name', aliases, swappedWith: 'surname' });
  it.each([
    [{ first_name: null }, { first_name: 'Robert' }, 'first_name is missing'],
    [{ first_name: ' ROBERT ' }, { first_name: 'robert' }, 'Exact match on first_name'],
    [{ first_name: 'Smith', surname: 'Robert' }, { first_name: 'Robert', surname: 'Smith' }, 'first_name and surname swapped'],
    [{ first_name: 'Rob' }, { first_name: 'Robert' }, 'first_name are nickname aliases'],
    [{ first_name: 'Rboert' }, { first_name: 'Robert' }, 'Damerau-Levenshtein distance of first_name <= 1'],
    [{ first_name: 'Roberto' }, { first_name: 'Robertson' }, 'Jaro-Winkler similarity of first_name >= 0.9'],
    [{ first_name: 'Jonathan' }, { first_name: 'Johnny' }, 'Jaro-Winkler similarity of first_name >= 0.8'],
    [{ first_name: 'Robert' }, { first_name: 'Zara' }, 'All other comparisons'],
  ])('%j vs %j -> %s', (left, right, expected) => {
    expect(levelOf(first, left, right)).toBe(expected);
  });

  it('is not transitive for nicknames: Rob~Robert and Rob~Robin, but not Robin~Robert', () => {
    expect(aliases.areAliases('Rob', 'Robert')).toBe(true);
    expect(aliases.areAliases('Rob', 'Robin')).toBe(true);
    expect(aliases.areAliases('Robin', 'Robert')).toBe(false);
    const plain = nameComparison({ field: 'first_name', aliases, jaroWinkler: [], damerauLevenshtein: [] });
    expect(levelOf(plain, { first_name: 'Robin' }, { first_name: 'Robert' })).toBe('All other comparisons');
    expect(levelOf(plain, { first_name: 'Robin' }, { first_name: 'Rob' })).toBe('first_name are nickname aliases');
  });

  it('matches a surname against the other record’s previous surname (marriage)', () => {
    const surname = nameComparison({ field: 'surname', previousField: 'previous_surname' });
    expect(surname.otherFields).toEqual({ previous_surname: 'name' });
    expect(levelOf(surname, { surname: 'Khan', previous_surname: 'Brown' }, { surname: 'Brown', previous_surname: null })).toBe(
      "surname matches the other record's previous_surname",
    );
    expect(levelOf(surname, { surname: 'Brown', previous_surname: null }, { surname: 'Khan', previous_surname: 'brown' })).toBe(
      "surname matches the other record's previous_surname",
    );
    expect(levelOf(surname, { surname: 'Khan', previous_surname: null }, { surname: 'Brown', previous_surname: null })).toBe('All other comparisons');
  });

  it('refuses an alias level without alias sets', () => {
    expect(() => createComparison({ field: 'first_name', levels: [{ kind: { type: 'alias' } }] })).toThrow(
      expect.objectContaining({ reason: 'missing-aliases' }),
    );
  });
});

describe('date of birth levels', () => {
  const dob = dateOfBirthComparison({ field: 'dob' });
  it.each([
    ['1980-03-04', '04/03/1980', 'Exact match on dob'],
    ['1980-03-04', '1980-04-03', 'Day and month swapped in dob'],
    ['1980-03-04', '1980-03-05', 'Damerau-Levenshtein distance of dob <= 1'],
    ['1980-03-04', '1980-11-20', 'dob within 365 days'],
    ['1980-03-04', '1975-08-21', 'All other comparisons'],
    ['not a date', '1990-03-04', 'dob is missing'],
  ])('%s vs %s -> %s', (a, b, expected) => {
    expect(levelOf(dob, { dob: a }, { dob: b })).toBe(expected);
  });
});

describe('postcode levels', () => {
  const postcode = postcodeComparison({ field: 'postcode' });
  it.each([
    ['sw1a1aa', 'SW1A 1AA', 'Exact match on postcode'],
    ['SW1A 1AA', 'SW1A 1BB', 'Postcode sector of postcode matches'],
    ['SW1A 1AA', 'SW1A 2AA', 'Postcode district of postcode matches'],
    ['SW1A 1AA', 'SW9 2AA', 'Postcode area of postcode matches'],
    ['SW1A 1AA', 'M1 1AE', 'All other comparisons'],
  ])('%s vs %s -> %s', (a, b, expected) => {
    expect(levelOf(postcode, { postcode: a }, { postcode: b })).toBe(expected);
  });
});

describe('identifier and contact levels', () => {
  it('matches UPRNs with or without leading zeros', () => {
    const uprn = uprnComparison({ field: 'uprn' });
    expect(levelOf(uprn, { uprn: '000100023336956' }, { uprn: '100023336956' })).toBe('Exact match on uprn');
    expect(levelOf(uprn, { uprn: '100023336956' }, { uprn: '100023336957' })).toBe('All other comparisons');
  });

  it('matches NINOs without the suffix letter', () => {
    const nino = ninoComparison({ field: 'nino' });
    expect(levelOf(nino, { nino: 'QQ 12 34 56 C' }, { nino: 'qq123456' })).toBe('Exact match on nino');
    expect(levelOf(nino, { nino: 'QQ123456A' }, { nino: 'QQ123465A' })).toBe('Damerau-Levenshtein distance of nino <= 1');
    expect(levelOf(nino, { nino: 'QQ123456A' }, { nino: 'AB987654A' })).toBe('All other comparisons');
  });

  it('matches phones in E.164 whatever the format', () => {
    const phone = phoneComparison({ field: 'phone' });
    expect(normaliseValue('phone', '07700 900123')).toBe('+447700900123');
    expect(levelOf(phone, { phone: '07700 900123' }, { phone: '+44 (0)7700 900123' })).toBe('Exact match on phone');
    expect(levelOf(phone, { phone: '07700 900123' }, { phone: '07700 900132' })).toBe('Damerau-Levenshtein distance of phone <= 1');
    expect(levelOf(phone, { phone: '07700 900123' }, { phone: '020 7946 0000' })).toBe('All other comparisons');
  });

  it('matches emails case-insensitively, then with small typos', () => {
    const email = emailComparison({ field: 'email' });
    expect(levelOf(email, { email: 'Ada@Example.org' }, { email: 'ada@example.org' })).toBe('Exact match on email');
    expect(levelOf(email, { email: 'ada@example.org' }, { email: 'ada@exmaple.org' })).toBe('Damerau-Levenshtein distance of email <= 2');
    expect(levelOf(email, { email: 'ada.lovelace@example.org' }, { email: 'ada.lovelace1987@example.org' })).toBe('Jaro-Winkler similarity of email >= 0.88');
    expect(levelOf(email, { email: 'ada@example.org' }, { email: 'grace@navy.mil' })).toBe('All other comparisons');
  });

  it('exact comparison with a custom normaliser', () => {
    const city = exactComparison({ field: 'city', termFrequency: true });
    expect(city.levels[1]?.termFrequency).toEqual({ weight: 1, minimumU: 0.0005 });
    expect(levelOf(city, { city: ' Leeds ' }, { city: 'leeds' })).toBe('Exact match on city');
  });

  it('refuses bad levels with a typed error', () => {
    expect(() => createComparison({ field: 'x', levels: [{ kind: { type: 'jaro-winkler', threshold: 2 } }] })).toThrow(MatchingError);
    expect(() => createComparison({ field: 'x', levels: [{ kind: { type: 'exact' }, m: 1.5 }] })).toThrow(MatchingError);
    expect(() => createComparison({ field: '', levels: [] })).toThrow(MatchingError);
  });
});
