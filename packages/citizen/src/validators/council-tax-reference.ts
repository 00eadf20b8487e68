import { asText, fail, ok, type ValidationResult } from './result.js';

/**
 * Options for {@link validateCouncilTaxReference}.
 *
 * @example
 * ```ts
 * const options: CouncilTaxReferenceOptions = { pattern: /^50\d{8}$/ };
 * ```
 */
export interface CouncilTaxReferenceOptions {
  /**
   * Your council's own account number pattern, tested against the upper-cased
   * reference with spaces and hyphens removed. Default: 6 to 15 letters and
   * digits including at least 4 digits.
   */
  pattern?: RegExp;
}

const MESSAGE = 'Enter your council tax account number as it is shown on your bill';
const DEFAULT_PATTERN = /^(?=(?:[A-Z]*[0-9]){4})[A-Z0-9]{6,15}$/;

/**
 * Validate and normalise a council tax account reference.
 *
 * There is no national format: each council's revenues system (and each
 * system migration) has its own, often 8 to 10 digits, sometimes with a
 * letter or check character. The default accepts 6 to 15 letters and digits
 * with at least 4 digits; pass your own `pattern` to be stricter. Spaces and
 * hyphens are removed and letters upper cased.
 *
 * @example
 * ```ts
 * validateCouncilTaxReference('1234-5678');                          // { ok: true, value: '12345678' }
 * validateCouncilTaxReference('5012345678', { pattern: /^50\d{8}$/ }); // { ok: true, value: '5012345678' }
 * ```
 */
export function validateCouncilTaxReference(input: unknown, options?: CouncilTaxReferenceOptions): ValidationResult {
  const text = asText(input, 'Enter your council tax account number', MESSAGE, true);
  if (!text.ok) return text;
  if (text.value.length > 40) return fail('invalid-format', MESSAGE);
  const compact = text.value.replace(/[\s-]+/g, '').toUpperCase();
  const pattern = options?.pattern instanceof RegExp ? options.pattern : DEFAULT_PATTERN;
  // A caller's pattern may carry the g or y flag; lastIndex must not leak between calls.
  pattern.lastIndex = 0;
  if (!pattern.test(compact)) return fail('invalid-format', MESSAGE);
  return ok(compact);
}
