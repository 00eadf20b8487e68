/**
 * What every councilkit validator returns. Validators never throw: a caller's
 * bad input is an ordinary answer, not an exception.
 *
 * @example
 * ```ts
 * const result = validatePostcode('sw1a1aa');
 * if (result.ok) save(result.value); // "SW1A 1AA"
 * else showError(result.message);    // GOV.UK-style message for the page
 * ```
 */
export type ValidationResult<T = string> = ValidationSuccess<T> | ValidationFailure;

/**
 * The valid branch of {@link ValidationResult}: the normalised value.
 *
 * @example
 * ```ts
 * const ok: ValidationSuccess = { ok: true, value: 'SW1A 1AA' };
 * ```
 */
export interface ValidationSuccess<T = string> {
  /** Always `true` on this branch. */
  ok: true;
  /** The value in its one normal form, ready to store and compare. */
  value: T;
}

/**
 * The invalid branch of {@link ValidationResult}.
 *
 * @example
 * ```ts
 * const failed: ValidationFailure = { ok: false, reason: 'invalid-format', message: 'Enter a postcode in the correct format, like SW1A 1AA' };
 * ```
 */
export interface ValidationFailure {
  /** Always `false` on this branch. */
  ok: false;
  /** Why, as a string literal code can branch on. */
  reason: ValidationFailureReason;
  /** A plain-English GOV.UK-style message to show the person who typed it. */
  message: string;
}

/**
 * The reasons a validator can refuse a value.
 *
 * - `missing`: nothing (or only spaces) was given.
 * - `invalid-type`: not a string (or number, where numbers are accepted).
 * - `invalid-format`: the shape is wrong.
 * - `invalid-value`: the shape is right but the rules forbid it (a reserved prefix, a failed check digit, an impossible date).
 * - `too-long`: longer than the rules allow.
 * - `out-of-range`: a number or date outside the range accepted.
 *
 * @example
 * ```ts
 * const reason: ValidationFailureReason = 'invalid-format';
 * ```
 */
export type ValidationFailureReason = 'missing' | 'invalid-type' | 'invalid-format' | 'invalid-value' | 'too-long' | 'out-of-range';

/** @internal */
export function ok<T>(value: T): ValidationSuccess<T> {
  return { ok: true, value };
}

/** @internal */
export function fail(reason: ValidationFailureReason, message: string): ValidationFailure {
  return { ok: false, reason, message };
}

/**
 * Turn a string-or-number input into trimmed text, or say why not. Numbers are
 * only accepted where a caller passes `allowNumber`, because a number silently
 * loses leading zeros and digits past 2^53.
 *
 * @internal
 */
export function asText(input: unknown, missingMessage: string, typeMessage: string, allowNumber = false): ValidationResult<string> {
  if (input === undefined || input === null) return fail('missing', missingMessage);
  if (typeof input === 'number' && allowNumber) {
    if (!Number.isSafeInteger(input)) return fail('invalid-type', typeMessage);
    return ok(String(input));
  }
  if (typeof input !== 'string') return fail('invalid-type', typeMessage);
  const trimmed = input.trim();
  if (trimmed === '') return fail('missing', missingMessage);
  return ok(trimmed);
}
