import { describe, expect, it } from 'vitest';
import { addressSchema, citizenAddressSchema, coordinatesSchema } from './address.js';
import { communicationNeedsSchema, personNameSchema, previousNameSchema, vulnerabilityFlagSchema } from './citizen.js';
import { consentSchema } from './consent.js';
import { contactPointSchema } from './contact-point.js';
import { householdLinkSchema, householdSchema } from './household.js';
import { identifierSchema } from './identifier.js';

const messages = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('addressSchema', () => {
  it('normalises postcode, UPRN and USRN and drops blank lines', () => {
    expect(addressSchema.parse({ sao: ' Flat 2 ', pao: '14', street: 'Station Road', locality: '', town: 'Cardiff', postcode: 'cf244hq', uprn: 10033544614, usrn: '08400709' })).toEqual({
      sao: 'Flat 2',
      pao: '14',
      street: 'Station Road',
      locality: undefined,
      town: 'Cardiff',
      postcode: 'CF24 4HQ',
      uprn: '10033544614',
      usrn: '8400709',
    });
  });

  it('takes a UPRN without a postcode (new builds) and a BFPO number without a town', () => {
    expect(addressSchema.safeParse({ pao: 'Plot 7', street: 'New Lane', town: 'York', uprn: '10094000001' }).success).toBe(true);
    expect(addressSchema.safeParse({ pao: 'HQ 1 Div', postcode: 'BFPO 57' }).success).toBe(true);
  });

  it('asks for a first line, a postcode or UPRN, and a town', () => {
    expect(messages(addressSchema.safeParse({ locality: 'Leith' }))).toEqual([
      'pao: Enter address line 1, typically the building and street',
      'postcode: Enter a postcode',
      'town: Enter a town or city',
    ]);
  });

  it('checks coordinates in either system', () => {
    expect(coordinatesSchema.parse({ system: 'bng', easting: 530047, northing: 179951 })).toEqual({ system: 'bng', easting: 530047, northing: 179951 });
    expect(coordinatesSchema.safeParse({ system: 'wgs84', latitude: 51.5, longitude: -0.12 }).success).toBe(true);
    expect(messages(coordinatesSchema.safeParse({ system: 'bng', easting: -1, northing: 2_000_000 }))).toEqual([
      'easting: Easting must be between 0 and 700000',
      'northing: Northing must be between 0 and 1300000',
    ]);
    expect(messages(coordinatesSchema.safeParse({ system: 'osgb', x: 1 }))).toEqual(['system: Coordinates must be British National Grid ("bng") or latitude and longitude ("wgs84")']);
  });

  it('keeps address history in order', () => {
    const address = { pao: '1', town: 'Leeds', postcode: 'LS1 1AA' };
    expect(citizenAddressSchema.parse({ address, from: '2020-01-01' })).toMatchObject({ use: 'home', from: '2020-01-01' });
    expect(messages(citizenAddressSchema.safeParse({ address, from: '2020-01-02', to: '2020-01-01' }))).toEqual(['to: Date moved out must be the same as or after the date moved in']);
    expect(messages(citizenAddressSchema.safeParse({ address, from: '2020-02-30' }))).toEqual(['from: Date moved in must be a real date, like 2024-03-27']);
  });
});

describe('names', () => {
  it('needs a first or last name, and lets blank parts mean not given', () => {
    expect(personNameSchema.parse({ given: 'Bono', family: '', middle: '  ' })).toEqual({ given: 'Bono', family: undefined, middle: undefined });
    expect(messages(personNameSchema.safeParse({ preferred: 'Mo' }))).toEqual(['family: Enter a first name or last name']);
    expect(previousNameSchema.parse({ family: ' Jones ', reason: 'marriage', until: '2015-08-01' })).toEqual({ family: 'Jones', reason: 'marriage', until: '2015-08-01' });
  });
});

describe('contact points and identifiers', () => {
  it('normalises by kind and defaults the flags', () => {
    expect(contactPointSchema.parse({ kind: 'phone', value: '0113 496 0000', use: 'mobile' })).toEqual({ kind: 'phone', value: '+441134960000', use: 'mobile', preferred: false, verified: false });
    expect(messages(contactPointSchema.safeParse({ kind: 'email', value: 'x@example.com', use: 'mobile' }))).toEqual(['use: Select what the email address is for']);
  });

  it('validates national identifiers and keeps local ones as given', () => {
    expect(identifierSchema.parse({ scheme: 'nhs-number', value: '943 476 5919' })).toEqual({ scheme: 'nhs-number', value: '9434765919' });
    expect(identifierSchema.parse({ scheme: 'council-tax-account', value: '5012-3456' })).toEqual({ scheme: 'council-tax-account', value: '50123456' });
    expect(identifierSchema.parse({ scheme: 'local', system: ' housing ', value: ' T-00123 ' })).toEqual({ scheme: 'local', system: 'housing', value: 'T-00123' });
    expect(messages(identifierSchema.safeParse({ scheme: 'passport', value: '1' }))).toEqual(['scheme: Select a type of identifier']);
  });
});

describe('consents, households and needs', () => {
  it('records a lawful basis and normalises times to UTC', () => {
    expect(consentSchema.parse({ purpose: 'surveys', lawfulBasis: 'consent', status: 'withdrawn', recordedAt: '2025-01-01T09:00:00+01:00', withdrawnAt: new Date('2025-02-01T00:00:00Z') })).toEqual({
      purpose: 'surveys',
      lawfulBasis: 'consent',
      status: 'withdrawn',
      recordedAt: '2025-01-01T08:00:00.000Z',
      withdrawnAt: '2025-02-01T00:00:00.000Z',
    });
    expect(messages(consentSchema.safeParse({ purpose: 'x', lawfulBasis: 'because', recordedAt: 'yesterday' }))).toEqual([
      'lawfulBasis: Select a lawful basis from UK GDPR Article 6',
      'recordedAt: Date recorded must be a date and time, like 2024-03-27T14:30:00Z',
    ]);
    expect(messages(consentSchema.safeParse({ purpose: 'x', lawfulBasis: 'consent', status: 'withdrawn', recordedAt: '2025-02-01T00:00:00Z', withdrawnAt: '2025-01-01T00:00:00Z' }))).toEqual([
      'withdrawnAt: Date withdrawn must be after the date recorded',
    ]);
  });

  it('links people to households', () => {
    expect(householdSchema.parse({ id: 'hh-1', uprn: '000100023336956', members: [{ citizenId: 'c-1', relationship: 'head' }] })).toEqual({
      id: 'hh-1',
      uprn: '100023336956',
      members: [{ citizenId: 'c-1', relationship: 'head' }],
    });
    expect(messages(householdLinkSchema.safeParse({ householdId: 'hh 1', relationship: 'boss' }))).toEqual([
      'householdId: Household reference must only include letters, numbers, dots, colons, hyphens and underscores',
      'relationship: Select how the person is related to the household',
    ]);
  });

  it('puts language tags in their usual case and defaults the flags', () => {
    expect(communicationNeedsSchema.parse({ language: 'EN-gb' })).toEqual({ language: 'en-GB', interpreter: false, britishSignLanguage: false, textRelay: false, formats: [] });
    expect(communicationNeedsSchema.parse({ language: 'zh-hant-hk' }).language).toBe('zh-Hant-HK');
    expect(messages(communicationNeedsSchema.safeParse({ language: 'Welsh please' }))).toEqual(['language: Language must be a language code, like cy or pl']);
  });

  it('needs an Article 9 condition for every vulnerability flag', () => {
    expect(messages(vulnerabilityFlagSchema.safeParse({ kind: 'mental-health', recordedAt: '2025-01-01T00:00:00Z' }))).toEqual(['condition: Select the UK GDPR Article 9 condition for holding this']);
  });
});
