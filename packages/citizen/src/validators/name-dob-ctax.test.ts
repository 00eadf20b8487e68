import { describe, expect, it } from 'vitest';
import { validateCouncilTaxReference } from './council-tax-reference.js';
import { validateDateOfBirth } from './date-of-birth.js';
import { validateName } from './name.js';

describe('validateName', () => {
  it('accepts every character, trims, collapses spaces and keeps case', () => {
    expect(validateName("  Siân  O'Brien-Nkemelu ")).toEqual({ ok: true, value: "Siân O'Brien-Nkemelu" });
    expect(validateName('mcDONALD')).toEqual({ ok: true, value: 'mcDONALD' });
    expect(validateName('X')).toEqual({ ok: true, value: 'X' });
    expect(validateName('毛泽东')).toEqual({ ok: true, value: '毛泽东' });
    expect(validateName('Zoë 😀 1st')).toEqual({ ok: true, value: 'Zoë 😀 1st' });
  });

  it('puts accents in one Unicode form so that the same name compares equal', () => {
    const decomposed = 'Sia\u0302n';
    expect(validateName(decomposed)).toEqual({ ok: true, value: 'Siân' });
  });

  it('says what is missing using the label, and limits length', () => {
    expect(validateName('   ', { label: 'first name' })).toEqual({ ok: false, reason: 'missing', message: 'Enter a first name' });
    expect(validateName('a'.repeat(11), { label: 'last name', maxLength: 10 })).toEqual({ ok: false, reason: 'too-long', message: 'Last name must be 10 characters or fewer' });
    expect(validateName(42)).toMatchObject({ ok: false, reason: 'invalid-type' });
  });
});

describe('validateDateOfBirth', () => {
  const today = new Date('2026-06-15T12:00:00Z');

  it.each([
    ['1984-02-29', { value: '1984-02-29', precision: 'full' }],
    ['29/02/1984', { value: '1984-02-29', precision: 'full' }],
    ['9-3-1984', { value: '1984-03-09', precision: 'full' }],
    ['09.03.1984', { value: '1984-03-09', precision: 'full' }],
    ['9 3 1984', { value: '1984-03-09', precision: 'full' }],
    ['1984-3', { value: '1984-03', precision: 'year-month' }],
    ['03/1984', { value: '1984-03', precision: 'year-month' }],
    ['1984', { value: '1984', precision: 'year' }],
    [{ day: '9', month: '3', year: '1984' }, { value: '1984-03-09', precision: 'full' }],
    [{ day: '', month: 3, year: 1984 }, { value: '1984-03', precision: 'year-month' }],
    [{ value: '1984-03', precision: 'year-month' }, { value: '1984-03', precision: 'year-month' }],
    [new Date('1984-03-09T00:00:00Z'), { value: '1984-03-09', precision: 'full' }],
  ])('reads %j', (input, expected) => {
    expect(validateDateOfBirth(input, { today })).toEqual({ ok: true, value: expected });
  });

  it('refuses dates that are not on the calendar', () => {
    for (const input of ['1983-02-29', '1900-02-29', '31/04/1990', '1990-13-01', '00/01/1990', '1990-01-32']) {
      expect(validateDateOfBirth(input, { today })).toEqual({ ok: false, reason: 'invalid-value', message: 'Enter a real date of birth' });
    }
    expect(validateDateOfBirth('2000-02-29', { today }).ok).toBe(true);
  });

  it('refuses the future, counting a partial date by its first day', () => {
    expect(validateDateOfBirth('2026-06-15', { today }).ok).toBe(true);
    expect(validateDateOfBirth('2026-06-16', { today })).toEqual({ ok: false, reason: 'out-of-range', message: 'Date of birth must be in the past' });
    expect(validateDateOfBirth('2026-06', { today }).ok).toBe(true);
    expect(validateDateOfBirth('2026-07', { today }).ok).toBe(false);
    expect(validateDateOfBirth('2027', { today }).ok).toBe(false);
  });

  it('refuses ages over the limit, counting a partial date by its last day', () => {
    expect(validateDateOfBirth('1896-06-15', { today }).ok).toBe(true);
    expect(validateDateOfBirth('1896-06-14', { today })).toEqual({ ok: false, reason: 'out-of-range', message: 'Date of birth must be within the last 130 years' });
    expect(validateDateOfBirth('1896', { today }).ok).toBe(true);
    expect(validateDateOfBirth('1895', { today }).ok).toBe(false);
    expect(validateDateOfBirth('1950', { today, maxAgeYears: 70 }).ok).toBe(false);
  });

  it('gives GOV.UK date input messages for missing parts and garbage', () => {
    expect(validateDateOfBirth('', { today })).toMatchObject({ ok: false, reason: 'missing', message: 'Enter a date of birth' });
    expect(validateDateOfBirth({ day: '', month: '', year: '' }, { today })).toMatchObject({ reason: 'missing' });
    expect(validateDateOfBirth({ day: '1', month: '2' }, { today })).toMatchObject({ message: 'Date of birth must include a year' });
    expect(validateDateOfBirth({ day: '1', year: '1990' }, { today })).toMatchObject({ message: 'Date of birth must include a month' });
    expect(validateDateOfBirth('yesterday', { today })).toMatchObject({ message: 'Enter a real date of birth' });
    expect(validateDateOfBirth({ day: 'x', month: 1, year: 1990 }, { today })).toMatchObject({ message: 'Enter a real date of birth' });
    expect(validateDateOfBirth({ value: '1990-01', precision: 'full' }, { today })).toMatchObject({ ok: false });
    expect(validateDateOfBirth(1990, { today })).toMatchObject({ reason: 'invalid-type' });
  });
});

describe('validateCouncilTaxReference', () => {
  it('removes spaces and hyphens and upper-cases letters', () => {
    expect(validateCouncilTaxReference('1234-5678')).toEqual({ ok: true, value: '12345678' });
    expect(validateCouncilTaxReference(' a123 4567x ')).toEqual({ ok: true, value: 'A1234567X' });
    expect(validateCouncilTaxReference(50123456)).toEqual({ ok: true, value: '50123456' });
  });

  it('refuses references too short, too long or with too few digits', () => {
    expect(validateCouncilTaxReference('12345').ok).toBe(false);
    expect(validateCouncilTaxReference('1'.repeat(16)).ok).toBe(false);
    expect(validateCouncilTaxReference('ABCDEF1').ok).toBe(false);
    expect(validateCouncilTaxReference('12/34/5678')).toMatchObject({ ok: false, message: 'Enter your council tax account number as it is shown on your bill' });
  });

  it("applies the council's own pattern, even one with the global flag", () => {
    const pattern = /^50\d{8}$/g;
    expect(validateCouncilTaxReference('5012345678', { pattern }).ok).toBe(true);
    expect(validateCouncilTaxReference('5012345678', { pattern }).ok).toBe(true);
    expect(validateCouncilTaxReference('4012345678', { pattern }).ok).toBe(false);
  });
});
