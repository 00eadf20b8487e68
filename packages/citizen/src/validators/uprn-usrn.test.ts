import { describe, expect, it } from 'vitest';
import { validateUprn } from './uprn.js';
import { validateUsrn } from './usrn.js';

describe('validateUprn', () => {
  it('accepts 1 to 999999999999 as text or a safe integer, dropping padding', () => {
    expect(validateUprn('1')).toEqual({ ok: true, value: '1' });
    expect(validateUprn('999999999999')).toEqual({ ok: true, value: '999999999999' });
    expect(validateUprn('000100023336956')).toEqual({ ok: true, value: '100023336956' });
    expect(validateUprn(10033544614)).toEqual({ ok: true, value: '10033544614' });
    expect(validateUprn(' 100023336956 ')).toEqual({ ok: true, value: '100023336956' });
  });

  it('refuses zero, 13 digits, non-digits and unsafe numbers', () => {
    expect(validateUprn('0')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(validateUprn('1000000000000')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(validateUprn('12a45')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateUprn('-5')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateUprn(1.5)).toMatchObject({ ok: false, reason: 'invalid-type' });
    expect(validateUprn(2 ** 60)).toMatchObject({ ok: false, reason: 'invalid-type' });
    expect(validateUprn('')).toMatchObject({ ok: false, reason: 'missing', message: 'Enter a UPRN' });
  });
});

describe('validateUsrn', () => {
  it('accepts 1 to 99999999 (8 digits)', () => {
    expect(validateUsrn('8400709')).toEqual({ ok: true, value: '8400709' });
    expect(validateUsrn('08400709')).toEqual({ ok: true, value: '8400709' });
    expect(validateUsrn(99999999)).toEqual({ ok: true, value: '99999999' });
  });

  it('refuses 0, 9 digits and letters', () => {
    expect(validateUsrn('00000000')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(validateUsrn('123456789')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(validateUsrn('84OO7O9')).toMatchObject({ ok: false, reason: 'invalid-format' });
  });
});
