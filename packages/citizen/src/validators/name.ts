import { asText, fail, ok, type ValidationResult } from './result.js';

/**
 * Options for {@link validateName}.
 *
 * @example
 * ```ts
 * validateName(form.lastName, { label: 'last name', maxLength: 100 });
 * ```
 */
export interface NameOptions {
  /** What to call the field in messages, in lower case. Default: `"name"`. */
  label?: string;
  /** The most characters accepted. Default: `500`: generous, but stops a paste of a whole document. */
  maxLength?: number;
}

/**
 * Validate and normalise a person's name (or one part of it).
 *
 * Every character is accepted (apostrophes, hyphens, accents, scripts other
 * than Latin, a single letter): people's names do not follow rules, and
 * refusing one tells a resident the council does not believe their name.
 * Leading and trailing spaces are removed, runs of spaces inside become one,
 * and the text is put in Unicode NFC form so that `é` typed two ways compares
 * equal. Case is never changed.
 *
 * @example
 * ```ts
 * validateName('  Siân  O\'Brien-Nkemelu ', { label: 'full name' }); // { ok: true, value: "Siân O'Brien-Nkemelu" }
 * validateName('   ', { label: 'first name' }); // { ok: false, reason: 'missing', message: 'Enter your first name' }
 * ```
 */
export function validateName(input: unknown, options?: NameOptions): ValidationResult {
  const label = typeof options?.label === 'string' && options.label !== '' ? options.label : 'name';
  const max = typeof options?.maxLength === 'number' && options.maxLength > 0 ? options.maxLength : 500;
  const text = asText(input, `Enter a ${label}`, `Enter a ${label}`);
  if (!text.ok) return text;
  const value = text.value.replace(/\s+/g, ' ').normalize('NFC');
  if (value.length > max) return fail('too-long', `${capitalise(label)} must be ${max} characters or fewer`);
  return ok(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
