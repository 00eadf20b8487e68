import type { Citizen } from '../schemas/types.js';

/**
 * What stands in for a third party's data in a subject access export.
 *
 * @example
 * ```ts
 * note.includes(THIRD_PARTY); // true when someone else was named
 * ```
 */
export const THIRD_PARTY = '[third party]';

/**
 * Removes other people's data from text and values. Built by
 * {@link createThirdPartyRedactor}.
 *
 * @example
 * ```ts
 * const redactor: ThirdPartyRedactor = createThirdPartyRedactor({ subject, others });
 * redactor.text('Spoke to Liam Smith'); // 'Spoke to [third party]'
 * ```
 */
export interface ThirdPartyRedactor {
  /** Redact one string. */
  text(value: string): string;
  /** Redact every string in a JSON-like value (objects and arrays copied, never changed in place). */
  value<T>(value: T): T;
  /** How many replacements were made so far. */
  readonly count: number;
}

/**
 * Options for {@link createThirdPartyRedactor}.
 *
 * @example
 * ```ts
 * const options: ThirdPartyRedactorOptions = { subject: person.sources.map((s) => s.citizen), others: allCitizens, householdIds: ['hh-42'] };
 * ```
 */
export interface ThirdPartyRedactorOptions {
  /** The subject's own records: their names and identifiers are never redacted. */
  subject: readonly Citizen[];
  /** Other known citizens (the subject's own ids are skipped if present). */
  others: Iterable<Citizen>;
  /** Household ids of the subject: members of these households also have their first name alone redacted ("her son Liam"). Default: the subject's household links. */
  householdIds?: readonly string[];
}

const WORD = /[\p{L}\p{N}'’]+/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// A run of letters and digits that may be split by single spaces or hyphens ("020 7946 0001", "AB 12 34 56 C").
const CODE_RUN = /[A-Za-z0-9+](?:[\s-]?[A-Za-z0-9])+/g;

/** Name words as compared: lower case, apostrophes dropped. */
function wordKey(word: string): string {
  return word.toLowerCase().replace(/['’]/g, '');
}

function phraseKeys(phrase: string): string[] {
  return [...phrase.matchAll(WORD)].map((m) => wordKey(m[0]));
}

/** A code as compared: upper-case letters and digits only (so a leading + goes). */
function codeKey(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function phoneVariants(e164: string): string[] {
  return e164.startsWith('+44') ? [e164, `0${e164.slice(3)}`] : [e164];
}

function namePhrases(citizen: Citizen): string[] {
  const given = [citizen.name.given, citizen.name.preferred].filter((x): x is string => !!x);
  const families = [citizen.name.family, ...citizen.previousNames.map((p) => p.family)].filter((x): x is string => !!x);
  const phrases: string[] = [];
  for (const family of families) {
    for (const first of given) phrases.push(`${first} ${family}`, `${family}, ${first}`);
    if (citizen.name.title) phrases.push(`${citizen.name.title} ${family}`);
  }
  if (given.length === 0) phrases.push(...families);
  return phrases;
}

/**
 * Build a redactor for other people's data. A third party is any other
 * known citizen: their full names (first or preferred name with current or
 * previous family name, either order, and title with family name), their
 * identifiers, phone numbers (international and national forms, spaced or
 * not) and email addresses are replaced by {@link THIRD_PARTY}. Names
 * match whole words, case-insensitively, ignoring punctuation between them
 * (`Lovelace, Liam`); codes match inside runs of letters and digits split
 * by single spaces or hyphens. Matching is by look-up, so a directory of a
 * whole council's residents costs no more per note than a few. For members of the subject's own
 * households, a first name on its own is redacted too. A name, number or
 * email that is also the subject's own (a shared landline) is left alone.
 *
 * @example
 * ```ts
 * const redactor = createThirdPartyRedactor({ subject: [ada], others: [ada, liam] });
 * redactor.text('Liam Lovelace (07700 900123) rang for Ada'); // '[third party] ([third party]) rang for Ada'
 * ```
 */
export function createThirdPartyRedactor(options: ThirdPartyRedactorOptions): ThirdPartyRedactor {
  const subjectIds = new Set(options.subject.map((c) => c.id));
  const own = new Set(options.subject.flatMap((c) => [...namePhrases(c), c.name.given, c.name.preferred, c.name.family].filter((x): x is string => !!x).map((x) => phraseKeys(x).join(' '))));
  // A landline or email shared with the subject is the subject's data too: never redact it from their own export.
  const ownCodes = new Set(options.subject.flatMap((c) => [...c.identifiers.map((i) => codeKey(i.value)), ...c.contactPoints.flatMap((p) => (p.kind === 'email' ? [p.value.toLowerCase()] : phoneVariants(p.value).map(codeKey)))]));
  const households = new Set(options.householdIds ?? options.subject.flatMap((c) => c.households.map((h) => h.householdId)));
  // Name phrases are looked up by their first word, codes by exact length at each position: linear in the text, whatever the directory's size.
  const phrases = new Map<string, string[][]>();
  const emails = new Set<string>();
  const codes = new Set<string>();
  const codeLengths = new Set<number>();
  const addPhrase = (phrase: string) => {
    const keys = phraseKeys(phrase);
    const first = keys[0];
    if (!first || own.has(keys.join(' '))) return;
    const list = phrases.get(first) ?? [];
    if (!list.some((existing) => existing.join(' ') === keys.join(' '))) list.push(keys);
    phrases.set(first, list);
  };
  const addCode = (code: string) => {
    const key = codeKey(code);
    if (key.length < 6 || ownCodes.has(key)) return;
    codes.add(key);
    codeLengths.add(key.length);
  };
  for (const other of options.others) {
    if (subjectIds.has(other.id)) continue;
    for (const phrase of namePhrases(other)) addPhrase(phrase);
    if (other.households.some((h) => households.has(h.householdId))) {
      for (const first of [other.name.given, other.name.preferred]) if (first) addPhrase(first);
    }
    for (const identifier of other.identifiers) addCode(identifier.value);
    for (const point of other.contactPoints) {
      if (point.kind === 'email') {
        if (!ownCodes.has(point.value.toLowerCase())) emails.add(point.value.toLowerCase());
      } else for (const variant of phoneVariants(point.value)) addCode(variant);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.length - a.length);
  const lengths = [...codeLengths].sort((a, b) => b - a);
  let count = 0;

  function spansIn(input: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    if (emails.size > 0) for (const m of input.matchAll(EMAIL)) if (emails.has(m[0].toLowerCase())) spans.push([m.index, m.index + m[0].length]);
    if (codes.size > 0) {
      for (const m of input.matchAll(CODE_RUN)) {
        // Map each letter or digit of the run back to its place in the text.
        const positions: number[] = [];
        let compact = '';
        for (let i = 0; i < m[0].length; i += 1) {
          const ch = m[0].charAt(i);
          if (/[A-Za-z0-9]/.test(ch)) {
            compact += ch.toUpperCase();
            positions.push(m.index + i);
          }
        }
        for (let i = 0; i < compact.length; i += 1) {
          for (const length of lengths) {
            if (i + length > compact.length || !codes.has(compact.slice(i, i + length))) continue;
            const from = positions[i] as number;
            spans.push([input.charAt(from - 1) === '+' ? from - 1 : from, (positions[i + length - 1] as number) + 1]);
            i += length - 1;
            break;
          }
        }
      }
    }
    if (phrases.size > 0) {
      const words = [...input.matchAll(WORD)].map((m) => ({ key: wordKey(m[0]), start: m.index, end: m.index + m[0].length }));
      for (let i = 0; i < words.length; i += 1) {
        const candidates = phrases.get((words[i] as { key: string }).key);
        if (!candidates) continue;
        const hit = candidates.find((keys) => keys.every((key, k) => words[i + k]?.key === key));
        if (!hit) continue;
        spans.push([(words[i] as { start: number }).start, (words[i + hit.length - 1] as { end: number }).end]);
        i += hit.length - 1;
      }
    }
    return spans;
  }

  function text(input: string): string {
    const spans = spansIn(input).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    if (spans.length === 0) return input;
    let out = '';
    let at = 0;
    for (const [start, end] of spans) {
      if (end <= at) continue;
      if (start >= at) {
        out += input.slice(at, start) + THIRD_PARTY;
        count += 1;
      }
      at = end;
    }
    return out + input.slice(at);
  }

  function value<T>(input: T): T {
    if (typeof input === 'string') return text(input) as T;
    if (Array.isArray(input)) return input.map((item) => value(item)) as T;
    if (input !== null && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(input as Record<string, unknown>)) out[key] = value(item);
      return out as T;
    }
    return input;
  }

  return {
    text,
    value,
    get count() {
      return count;
    },
  };
}
