import { describe, expect, it } from 'vitest';
import { validatePostcode } from './postcode.js';

describe('validatePostcode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['  Sw1A   1aA ', 'SW1A 1AA'],
    ['M1 1AE', 'M1 1AE'],
    ['m11ae', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['BT1 5GS', 'BT1 5GS'],
    ['bf1 4fb', 'BF1 4FB'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validatePostcode(input)).toEqual({ ok: true, value: expected });
  });

  it('accepts GIR 0AA deliberately, in any spacing', () => {
    expect(validatePostcode('gir0aa')).toEqual({ ok: true, value: 'GIR 0AA' });
    expect(validatePostcode('GIR 0AA')).toEqual({ ok: true, value: 'GIR 0AA' });
  });

  it('accepts BFPO numbers unless told not to', () => {
    expect(validatePostcode('bfpo 57')).toEqual({ ok: true, value: 'BFPO 57' });
    expect(validatePostcode('BFPO0057')).toEqual({ ok: true, value: 'BFPO 57' });
    expect(validatePostcode('BFPO 12345').ok).toBe(false);
    expect(validatePostcode('BFPO 57', { allowBfpo: false })).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it.each(['SW1A', 'SW1A 1A', '1AA 1AA', 'QI1 1AA', 'AI1 1AA', 'SW1A 1AAA', 'ASCN 1ZZ', 'GIR 1AA', 'SW1A-1AA', 'SW1A 11A'])('refuses %j with the GOV.UK message', (input) => {
    expect(validatePostcode(input)).toEqual({ ok: false, reason: 'invalid-format', message: 'Enter a postcode in the correct format, like SW1A 1AA' });
  });

  it('says what is missing and refuses non-strings without throwing', () => {
    expect(validatePostcode('  ')).toEqual({ ok: false, reason: 'missing', message: 'Enter a postcode' });
    expect(validatePostcode(undefined)).toMatchObject({ ok: false, reason: 'missing' });
    expect(validatePostcode(12345)).toMatchObject({ ok: false, reason: 'invalid-type' });
    expect(validatePostcode({})).toMatchObject({ ok: false, reason: 'invalid-type' });
  });
});
