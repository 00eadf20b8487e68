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

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for a code (identifier, phone number) that tolerates spaces and hyphens between characters. */
function codePattern(code: string): string {
  return code
    .replace(/[^A-Za-z0-9+]/g, '')
    .split('')
    .map(escape)
    .join('[\\s-]?');
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
 * not) and email addresses are replaced by {@link THIRD_PARTY}, matched
 * case-insensitively on word boundaries. For members of the subject's own
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
  const own = new Set(options.subject.flatMap((c) => [...namePhrases(c), c.name.given, c.name.preferred, c.name.family].filter((x): x is string => !!x).map((x) => x.toLowerCase())));
  // A landline or email shared with the subject is the subject's data too: never redact it from their own export.
  const ownCodes = new Set(options.subject.flatMap((c) => [...c.identifiers.map((i) => i.value), ...c.contactPoints.flatMap((p) => (p.kind === 'email' ? [p.value.toLowerCase()] : phoneVariants(p.value)))]));
  const households = new Set(options.householdIds ?? options.subject.flatMap((c) => c.households.map((h) => h.householdId)));
  const words = new Set<string>();
  const codes = new Set<string>();
  for (const other of options.others) {
    if (subjectIds.has(other.id)) continue;
    for (const phrase of namePhrases(other)) if (!own.has(phrase.toLowerCase())) words.add(phrase);
    if (other.households.some((h) => households.has(h.householdId))) {
      for (const first of [other.name.given, other.name.preferred]) if (first && !own.has(first.toLowerCase())) words.add(first);
    }
    for (const identifier of other.identifiers) if (identifier.value.length >= 5 && !ownCodes.has(identifier.value)) codes.add(identifier.value);
    for (const point of other.contactPoints) {
      if (point.kind === 'email') {
        if (!ownCodes.has(point.value.toLowerCase())) words.add(point.value);
      } else for (const variant of phoneVariants(point.value)) if (!ownCodes.has(variant)) codes.add(variant);
    }
  }
  // Longest first, so "Liam Smith" goes before "Liam".
  const alternatives = [
    ...[...words].sort((a, b) => b.length - a.length).map((w) => escape(w).replace(/\s+/g, '\\s+')),
    ...[...codes].sort((a, b) => b.length - a.length).map(codePattern),
  ];
  const pattern = alternatives.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  let count = 0;

  function text(value: string): string {
    if (!pattern) return value;
    return value.replace(pattern, () => {
      count += 1;
      return THIRD_PARTY;
    });
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
