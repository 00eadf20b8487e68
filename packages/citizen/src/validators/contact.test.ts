import { describe, expect, it } from 'vitest';
import { validateEmail } from './email.js';
import { validatePhone } from './phone.js';

describe('validatePhone', () => {
  it.each([
    ['0113 496 0000', '+441134960000'],
    ['(0113) 496-0000', '+441134960000'],
    ['+44 113 496 0000', '+441134960000'],
    ['0044 113 496 0000', '+441134960000'],
    ['+44 (0)20 7946 0000', '+442079460000'],
    ['020 7946 0000', '+442079460000'],
    ['07911 123456', '+447911123456'],
    ['028 9649 6000', '+442896496000'],
  ])('normalises %j to E.164 %j', (input, expected) => {
    expect(validatePhone(input)).toEqual({ ok: true, value: expected });
  });

  it('accepts Channel Islands and Isle of Man numbers, which share +44', () => {
    expect(validatePhone('07624 123456')).toEqual({ ok: true, value: '+447624123456' });
  });

  it('refuses numbers outside the UK plan unless international numbers are allowed', () => {
    expect(validatePhone('+33 1 23 45 67 89')).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(validatePhone('+33 1 23 45 67 89', { allowInternational: true })).toEqual({ ok: true, value: '+33123456789' });
  });

  it('refuses numbers that cannot exist', () => {
    expect(validatePhone('12345')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validatePhone('0113 496 00000 1')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validatePhone('call me')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validatePhone('')).toMatchObject({ ok: false, reason: 'missing', message: 'Enter a telephone number' });
  });
});

describe('validateEmail', () => {
  it('trims and lower-cases only the domain', () => {
    expect(validateEmail(' Ada.Lovelace@Example.COM ')).toEqual({ ok: true, value: 'Ada.Lovelace@example.com' });
    expect(validateEmail('a+tag@sub.example.co.uk')).toEqual({ ok: true, value: 'a+tag@sub.example.co.uk' });
  });

  it('accepts exactly 254 characters and refuses 255', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.uk`; // 194 characters
    const at254 = `${'x'.repeat(254 - domain.length - 1)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(validateEmail(at254).ok).toBe(true);
    expect(validateEmail(`x${at254}`)).toMatchObject({ ok: false, reason: 'too-long', message: 'Email address must be 254 characters or fewer' });
  });

  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com', 'ada@@example.com', 'ada@exa_mple.com', '.ada@example.com', 'a..da@example.com', 'ada@-example.com', `${'x'.repeat(65)}@example.com`, 'ada@example.123'])(
    'refuses %j',
    (input) => {
      expect(validateEmail(input)).toMatchObject({ ok: false, reason: 'invalid-format', message: 'Enter an email address in the correct format, like name@example.com' });
    },
  );
});
