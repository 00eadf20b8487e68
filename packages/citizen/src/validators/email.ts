import { asText, fail, ok, type ValidationResult } from './result.js';

const FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.com';
const TOO_LONG_MESSAGE = 'Email address must be 254 characters or fewer';

/**
 * The longest email address that can be used in SMTP's forward path (RFC 5321 with its erratum).
 *
 * @example
 * ```html
 * <input type="email" maxlength="254">
 * ```
 */
export const MAX_EMAIL_LENGTH = 254;

// Deliberately pragmatic, as GOV.UK Notify does: one @, a local part with no
// spaces, a domain of dot-separated labels ending in a letter-led TLD.
const LOCAL_PART = /^[^\s@"(),:;<>[\\\]]+$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-)$/;

/**
 * Validate and normalise an email address.
 *
 * At most 254 characters, local part at most 64, a domain with at least two
 * labels. Leading and trailing spaces are removed and the domain is lower
 * cased (domains are case-insensitive); the local part keeps its case,
 * because a mail server is allowed to treat it as case-sensitive.
 *
 * @example
 * ```ts
 * validateEmail(' Ada.Lovelace@Example.COM '); // { ok: true, value: 'Ada.Lovelace@example.com' }
 * validateEmail('ada@');                        // { ok: false, reason: 'invalid-format', ... }
 * ```
 */
export function validateEmail(input: unknown): ValidationResult {
  const text = asText(input, 'Enter an email address', FORMAT_MESSAGE);
  if (!text.ok) return text;
  if (text.value.length > MAX_EMAIL_LENGTH) return fail('too-long', TOO_LONG_MESSAGE);
  const at = text.value.lastIndexOf('@');
  if (at <= 0 || at !== text.value.indexOf('@')) return fail('invalid-format', FORMAT_MESSAGE);
  const local = text.value.slice(0, at);
  const domain = text.value.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return fail('invalid-format', FORMAT_MESSAGE);
  }
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !/^[a-z\u00a1-\uffff]/.test(tld)) {
    return fail('invalid-format', FORMAT_MESSAGE);
  }
  return ok(`${local}@${domain}`);
}
