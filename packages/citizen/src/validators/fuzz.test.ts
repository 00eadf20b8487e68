import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressSchema,
  citizenSchema,
  consentSchema,
  contactPointSchema,
  householdSchema,
  identifierSchema,
  validateCouncilTaxReference,
  validateDateOfBirth,
  validateEmail,
  validateName,
  validateNhsNumber,
  validateNino,
  validatePhone,
  validatePostcode,
  validateUprn,
  validateUsrn,
} from '../index.js';
import type { ValidationResult } from './result.js';

const anything = fc.anything({ maxDepth: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withObjectString: true, withSet: true, withTypedArray: true, withUnicodeString: true });
const noisyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.stringMatching(/^[A-Za-z0-9 +()/.-]{0,20}$/));

const validators: Array<[string, (value: unknown) => ValidationResult<unknown>]> = [
  ['validatePostcode', (v) => validatePostcode(v)],
  ['validateUprn', validateUprn],
  ['validateUsrn', validateUsrn],
  ['validateNino', validateNino],
  ['validateNhsNumber', validateNhsNumber],
  ['validatePhone', (v) => validatePhone(v)],
  ['validateEmail', validateEmail],
  ['validateName', (v) => validateName(v)],
  ['validateDateOfBirth', (v) => validateDateOfBirth(v)],
  ['validateCouncilTaxReference', (v) => validateCouncilTaxReference(v)],
];

function expectResult(result: ValidationResult<unknown>): void {
  if (result.ok) expect(result).toHaveProperty('value');
  else expect(result.message).toMatch(/^[A-Z].+/);
}

describe.each(validators)('%s fuzzing', { timeout: 60_000 }, (_name, validate) => {
  it('never throws and always answers, for any value', () => {
    fc.assert(fc.property(anything, (input) => expectResult(validate(input))), { numRuns: 500 });
  });

  it('never throws for any text, and its normal form is a fixed point', () => {
    fc.assert(
      fc.property(noisyText, (input) => {
        const result = validate(input);
        expectResult(result);
        if (result.ok && typeof result.value === 'string') expect(validate(result.value)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });
});

describe('validator options fuzzing', { timeout: 60_000 }, () => {
  it('never throws whatever options a JavaScript caller passes', () => {
    const calls: Array<(value: string, options: never) => ValidationResult<unknown>> = [validatePostcode, validatePhone, validateName, validateDateOfBirth, validateCouncilTaxReference];
    fc.assert(
      fc.property(fc.constantFrom(...calls), fc.constantFrom('SW1A 1AA', '0113 496 0000', 'Ada', '1990-01-01', '12345678'), anything, (call, value, options) => {
        expectResult(call(value, options as never));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('schema fuzzing', { timeout: 60_000 }, () => {
  it.each([
    ['citizenSchema', citizenSchema],
    ['addressSchema', addressSchema],
    ['contactPointSchema', contactPointSchema],
    ['identifierSchema', identifierSchema],
    ['consentSchema', consentSchema],
    ['householdSchema', householdSchema],
  ] as const)('%s.safeParse never throws', (_name, schema) => {
    fc.assert(fc.property(anything, (input) => {
        expect(typeof schema.safeParse(input).success).toBe('boolean');
      }), { numRuns: 500 });
  });
});

describe('postcode properties', () => {
  const outward = fc.oneof(
    fc.tuple(fc.constantFrom(...'ABCDEFGHJKLMNOPRSTUWYZ'), fc.integer({ min: 1, max: 99 })).map(([a, n]) => `${a}${n}`),
    fc.tuple(fc.constantFrom(...'ABCDEGHKLMNOPRSTWY'), fc.constantFrom(...'ABCDEFGHKLMNOPQRSTUWXY'), fc.integer({ min: 1, max: 99 })).map(([a, b, n]) => `${a}${b}${n}`),
  );
  const inward = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ'), fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ')).map(([d, a, b]) => `${d}${a}${b}`);

  it('normalises any case and spacing of a valid postcode to the same AA9A 9AA form', () => {
    fc.assert(
      fc.property(outward, inward, fc.boolean(), fc.integer({ min: 0, max: 3 }), (out, inn, lower, spaces) => {
        const typed = `${out}${' '.repeat(spaces)}${inn}`;
        const result = validatePostcode(lower ? typed.toLowerCase() : typed);
        expect(result).toEqual({ ok: true, value: `${out} ${inn}` });
      }),
    );
  });
});
