import { describe, expect, it } from 'vitest';
import { formatNino, validateNino } from './nino.js';

describe('validateNino (HMRC NIM39110)', () => {
  it('accepts any case and spacing and compares without the suffix', () => {
    expect(validateNino('AB 12 34 56 C')).toEqual({ ok: true, value: 'AB123456' });
    expect(validateNino('ab123456c')).toEqual({ ok: true, value: 'AB123456' });
    expect(validateNino('AB123456')).toEqual({ ok: true, value: 'AB123456' });
    expect(validateNino('AB123456D')).toEqual(validateNino('AB 123456 A'));
  });

  it('accepts only suffixes A to D', () => {
    for (const suffix of ['A', 'B', 'C', 'D']) expect(validateNino(`JT123456${suffix}`).ok).toBe(true);
    expect(validateNino('JT123456E')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateNino('JT123456F')).toMatchObject({ ok: false, reason: 'invalid-format' });
  });

  it.each(['D', 'F', 'I', 'Q', 'U', 'V'])('never uses %s as either prefix letter', (letter) => {
    expect(validateNino(`${letter}A123456A`)).toMatchObject({ ok: false, reason: 'invalid-value', message: 'Enter a real National Insurance number' });
    expect(validateNino(`A${letter}123456A`)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('never uses O as the second letter, but allows it first', () => {
    expect(validateNino('AO123456A')).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(validateNino('OA123456A')).toMatchObject({ ok: true });
  });

  it.each(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])('refuses the unallocated prefix %s', (prefix) => {
    expect(validateNino(`${prefix}123456A`)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it.each(['OO', 'CR', 'FY', 'MW', 'NC', 'PP', 'PY', 'PZ'])('refuses the administrative prefix %s', (prefix) => {
    expect(validateNino(`${prefix}123456A`)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('refuses the published example QQ 12 34 56 C and wrong shapes', () => {
    expect(validateNino('QQ 12 34 56 C').ok).toBe(false);
    expect(validateNino('AB12345C')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateNino('1B123456C')).toMatchObject({ ok: false, reason: 'invalid-format' });
    expect(validateNino('')).toMatchObject({ ok: false, reason: 'missing', message: 'Enter a National Insurance number' });
  });

  it('formats the normal form for display', () => {
    expect(formatNino('AB123456')).toBe('AB 12 34 56');
  });
});
