import { describe, expect, it } from 'vitest';
import { nhsCheckDigit, validateNhsNumber } from './nhs-number.js';

describe('validateNhsNumber (modulus 11)', () => {
  it('accepts the NHS published example in any common spacing', () => {
    expect(validateNhsNumber('943 476 5919')).toEqual({ ok: true, value: '9434765919' });
    expect(validateNhsNumber('943-476-5919')).toEqual({ ok: true, value: '9434765919' });
    expect(validateNhsNumber('9434765919')).toEqual({ ok: true, value: '9434765919' });
  });

  it('works the check digit by hand: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299, 299 mod 11 = 2, 11-2 = 9', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('maps a check value of 11 to 0 and refuses a check value of 10', () => {
    // 401023213: 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92, 92 mod 11 = 4, 11-4 = 7
    expect(nhsCheckDigit('401023213')).toBe(7);
    // All zeros sum to 0, so 11 - 0 = 11, which becomes 0.
    expect(nhsCheckDigit('000000000')).toBe(0);
    // 1*10 + 1*2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no tenth digit can ever make this valid.
    expect(nhsCheckDigit('100000001')).toBeUndefined();
  });

  it('refuses a wrong check digit, a number whose check would be 10, and repeated digits', () => {
    expect(validateNhsNumber('9434765918')).toMatchObject({ ok: false, reason: 'invalid-value' });
    for (let digit = 0; digit <= 9; digit += 1) expect(validateNhsNumber(`100000001${digit}`).ok).toBe(false);
    expect(validateNhsNumber('1111111111')).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(validateNhsNumber('0000000000')).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('refuses the wrong number of digits with the format message', () => {
    expect(validateNhsNumber('943476591')).toMatchObject({ ok: false, reason: 'invalid-format', message: 'Enter an NHS number using 10 numbers, like 943 476 5919' });
    expect(validateNhsNumber('94347659199')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateNhsNumber(9434765919)).toMatchObject({ ok: false, reason: 'invalid-type' });
  });
});
