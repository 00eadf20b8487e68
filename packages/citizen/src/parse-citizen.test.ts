import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitizen } from './parse-citizen.js';
import { createResidentGenerator } from './synthetic/index.js';

const good = {
  id: 'c-1',
  name: { given: '  Ada ', family: 'Lovelace' },
  dateOfBirth: '10/12/1985',
  addresses: [{ use: 'home', from: '2020-01-01', address: { pao: '12', street: 'St James Square', town: 'London', postcode: 'sw1y4jh', uprn: '000100023336956' } }],
  contactPoints: [
    { kind: 'phone', value: '020 7946 0000', preferred: true },
    { kind: 'email', value: 'Ada@Example.COM' },
  ],
  preferredChannel: 'email',
  identifiers: [{ scheme: 'nino', value: 'ab 12 34 56 c' }],
  consents: [{ purpose: 'case-management', lawfulBasis: 'public-task', recordedAt: '2025-01-10T09:00:00+01:00' }],
};

describe('parseCitizen', () => {
  it('validates and normalises a good record and lists what it changed', () => {
    const result = parseCitizen(good);
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    const { citizen } = result;
    expect(citizen.name).toEqual({ given: 'Ada', family: 'Lovelace' });
    expect(citizen.dateOfBirth).toEqual({ value: '1985-12-10', precision: 'full' });
    expect(citizen.addresses[0]?.address).toMatchObject({ postcode: 'SW1Y 4JH', uprn: '100023336956' });
    expect(citizen.contactPoints).toEqual([
      { kind: 'phone', value: '+442079460000', use: 'home', preferred: true, verified: false },
      { kind: 'email', value: 'Ada@example.com', use: 'home', preferred: false, verified: false },
    ]);
    expect(citizen.identifiers).toEqual([{ scheme: 'nino', value: 'AB123456' }]);
    expect(citizen.consents[0]).toMatchObject({ status: 'given', recordedAt: '2025-01-10T08:00:00.000Z' });
    expect(citizen.vulnerabilities).toEqual([]);
    expect(result.normalisations.map((n) => n.path).sort()).toEqual(
      [
        'name.given',
        'dateOfBirth',
        'addresses.0.address.postcode',
        'addresses.0.address.uprn',
        'contactPoints.0.value',
        'contactPoints.1.value',
        'identifiers.0.value',
        'consents.0.recordedAt',
      ].sort(),
    );
    expect(result.normalisations).toContainEqual({ path: 'addresses.0.address.postcode', from: 'sw1y4jh', to: 'SW1Y 4JH' });
  });

  it('reports nothing normalised for a record already in normal form', () => {
    const first = parseCitizen(good);
    if (!first.success) throw new Error('expected success');
    const again = parseCitizen(first.citizen);
    expect(again).toEqual({ success: true, citizen: first.citizen, normalisations: [] });
  });

  it('gives GOV.UK-style messages with paths for every problem', () => {
    const result = parseCitizen({
      ...good,
      dateOfBirth: '31/02/1990',
      addresses: [{ address: { pao: '12', town: 'London', postcode: 'SW1A' } }],
      contactPoints: [{ kind: 'fax', value: '1' }],
      identifiers: [{ scheme: 'nino', value: 'QQ123456C' }],
    });
    expect(result).toEqual({
      success: false,
      errors: expect.arrayContaining([
        { path: 'dateOfBirth', message: 'Enter a real date of birth' },
        { path: 'addresses.0.address.postcode', message: 'Enter a postcode in the correct format, like SW1A 1AA' },
        { path: 'contactPoints.0.kind', message: 'Select a type of contact: phone or email' },
        { path: 'identifiers.0.value', message: 'Enter a real National Insurance number' },
      ]),
    });
  });

  it('says what is missing in plain English', () => {
    expect(parseCitizen(undefined)).toEqual({ success: false, errors: [{ path: '', message: "Enter the resident's details" }] });
    expect(parseCitizen('Ada')).toEqual({ success: false, errors: [{ path: '', message: "Enter the resident's details in the correct format" }] });
    const result = parseCitizen({ id: 'c-2' });
    expect(result).toEqual({ success: false, errors: [{ path: 'name', message: "Enter the resident's name" }] });
    expect(parseCitizen({ id: 'c-2', name: { given: ' ' } })).toEqual({ success: false, errors: [{ path: 'name.family', message: 'Enter a first name or last name' }] });
    expect(parseCitizen({ id: 'c-2', name: { family: 'X' }, addresses: 'none' })).toEqual({ success: false, errors: [{ path: 'addresses', message: 'Addresses must be a list' }] });
    expect(parseCitizen({ id: 'c-2', name: { family: 'X' }, addresses: [{ address: {} }] })).toMatchObject({
      success: false,
      errors: [
        { path: 'addresses.0.address.pao', message: 'Enter address line 1, typically the building and street' },
        { path: 'addresses.0.address.postcode', message: 'Enter a postcode' },
        { path: 'addresses.0.address.town', message: 'Enter a town or city' },
      ],
    });
  });

  it('checks rules across fields', () => {
    const result = parseCitizen({
      id: 'c-3',
      name: { family: 'X' },
      preferredChannel: 'sms',
      identifiers: [
        { scheme: 'nino', value: 'AB123456A' },
        { scheme: 'nino', value: 'CE123456A' },
      ],
      consents: [{ purpose: 'surveys', lawfulBasis: 'public-task', status: 'withdrawn', recordedAt: '2025-01-01T00:00:00Z' }],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'identifiers.1', message: 'Enter only one National Insurance number' },
        { path: 'preferredChannel', message: 'Enter a phone number to use phone or text message as the preferred contact' },
        { path: 'consents.0.status', message: 'Only consent given as the lawful basis can be withdrawn' },
        { path: 'consents.0.withdrawnAt', message: 'Enter when consent was withdrawn' },
      ]),
    );
  });

  it('refuses oversized lists before doing the work of each item', () => {
    const address = { address: { pao: '1', town: 'Leeds', postcode: 'ls1 1aa' } };
    const result = parseCitizen({ id: 'c-6', name: { family: 'X' }, addresses: Array.from({ length: 50_000 }, () => address) });
    expect(result).toEqual({ success: false, errors: [{ path: 'addresses', message: 'Enter no more than 100 addresses' }] });
  });

  it('answers hostile input (throwing getters, proxies) instead of throwing', () => {
    const hostile = {
      id: 'c-4',
      get name(): never {
        throw new Error('boom');
      },
    };
    expect(parseCitizen(hostile)).toMatchObject({ success: false, errors: [{ path: '' }] });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(parseCitizen(proxy)).toMatchObject({ success: false });
    expect(parseCitizen({ id: 'c-5', name: { family: 'X' }, dateOfBirth: proxy })).toMatchObject({ success: false });
  });
});

const anything = fc.anything({
  maxDepth: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

const citizenShaped = fc.record(
  {
    id: fc.oneof(fc.string(), anything),
    name: fc.oneof(fc.record({ given: anything, family: anything, preferred: anything }, { requiredKeys: [] }), anything),
    dateOfBirth: fc.oneof(fc.string(), fc.record({ day: anything, month: anything, year: anything }, { requiredKeys: [] }), anything),
    addresses: fc.array(fc.oneof(fc.record({ use: anything, from: anything, to: anything, address: fc.dictionary(fc.constantFrom('sao', 'pao', 'street', 'town', 'postcode', 'uprn', 'usrn', 'coordinates'), anything) }, { requiredKeys: [] }), anything), { maxLength: 3 }),
    contactPoints: fc.array(fc.record({ kind: fc.constantFrom('phone', 'email', 'fax'), value: fc.oneof(fc.string(), anything), preferred: anything }, { requiredKeys: [] }), { maxLength: 3 }),
    identifiers: fc.array(fc.record({ scheme: fc.constantFrom('nino', 'nhs-number', 'council-tax-account', 'local', 'x'), value: fc.oneof(fc.string(), anything), system: anything }, { requiredKeys: [] }), { maxLength: 3 }),
    consents: fc.array(anything, { maxLength: 2 }),
    households: fc.array(anything, { maxLength: 2 }),
    communicationNeeds: anything,
    vulnerabilities: fc.array(anything, { maxLength: 2 }),
    preferredChannel: anything,
  },
  { requiredKeys: [] },
);

function expectAnswer(result: ReturnType<typeof parseCitizen>): void {
  expect(typeof result.success).toBe('boolean');
  if (!result.success) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(typeof error.path).toBe('string');
      expect(error.message).toMatch(/^[A-Z]/);
    }
  }
}

// Property tests do real work; under a busy CI machine they need more than the default 5 s.
describe('parseCitizen fuzzing', { timeout: 60_000 }, () => {
  it('never throws on anything at all, including deep garbage objects', () => {
    fc.assert(fc.property(anything, (input) => expectAnswer(parseCitizen(input))), { numRuns: 2000 });
  });

  it('never throws on citizen-shaped garbage that reaches every field validator', () => {
    fc.assert(fc.property(citizenShaped, (input) => expectAnswer(parseCitizen(input))), { numRuns: 2000 });
  });

  it('never throws when one field of a real record is replaced by garbage', () => {
    const generator = createResidentGenerator({ seed: 'fuzz' });
    const records = generator.residents(50).map((resident) => generator.messy(resident));
    const keys = ['name', 'dateOfBirth', 'addresses', 'contactPoints', 'identifiers', 'consents', 'households', 'vulnerabilities', 'preferredChannel'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: records.length - 1 }), fc.constantFrom(...keys), anything, (index, key, garbage) => {
        const result = parseCitizen({ ...records[index], [key]: garbage });
        expectAnswer(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a parsed citizen parses to itself with no normalisations', () => {
    const generator = createResidentGenerator({ seed: 'idempotent' });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), () => {
        const first = parseCitizen(generator.messy(generator.resident()));
        if (!first.success) throw new Error(JSON.stringify(first.errors));
        expect(parseCitizen(first.citizen)).toEqual({ success: true, citizen: first.citizen, normalisations: [] });
      }),
      { numRuns: 300 },
    );
  });
});
