import { z } from 'zod';
import type { Citizen } from '../schemas/types.js';
import { createResidentGenerator } from '../synthetic/index.js';
import { ukNicknames } from './aliases.js';
import { citizenToLinkageRecord } from './citizen-record.js';
import type { CitizenLinkageRecord } from './citizen-record.js';
import { fnv1a } from './clustering.js';
import { MatchingError } from './errors.js';
import { seededRandom } from './training.js';

/**
 * The linkage fields a source system may hold.
 *
 * @example
 * ```ts
 * const field: LinkageField = 'nino';
 * ```
 */
export type LinkageField = 'first_name' | 'surname' | 'previous_surname' | 'dob' | 'postcode' | 'uprn' | 'nino' | 'email' | 'phone';

/**
 * A source system: its name, how often residents appear in it, and how often it holds each field.
 *
 * @example
 * ```ts
 * const parking: LinkageSource = { name: 'parking', weight: 1, fields: { first_name: 0.9, surname: 1, postcode: 1, email: 0.7 } };
 * ```
 */
export interface LinkageSource {
  /** Short name, used in record ids. */
  readonly name: string;
  /** Relative chance that a resident's record comes from this system. */
  readonly weight: number;
  /** Chance (0 to 1) that the system holds each field; an absent field is never held. */
  readonly fields: Readonly<Partial<Record<LinkageField, number>>>;
}

/**
 * How often each kind of corruption happens, per record (0 to 1).
 *
 * @example
 * ```ts
 * createLinkageDataset({ seed: 1, records: 5000, corruption: { moved: 0.5, nickname: 0.3 } });
 * ```
 */
export interface CorruptionRates {
  /** A typo (transposition, deletion, substitution, insertion) in the first name. */
  firstNameTypo: number;
  /** A typo in the surname. */
  surnameTypo: number;
  /** A nickname instead of the formal first name (when the name has one). */
  nickname: number;
  /** First name and surname swapped. */
  swappedNames: number;
  /** A previous surname (from the citizen's previous names) instead of the current one. */
  previousSurname: number;
  /** A different surname altogether (a marriage the system never heard of). */
  marriedSurname: number;
  /** Day and month of the date of birth swapped (only when both are 12 or less). */
  dayMonthSwap: number;
  /** A one-digit typo in the date of birth. */
  dobTypo: number;
  /** A previous address (postcode and UPRN) instead of the current one: the resident moved. */
  moved: number;
  /** A one-character typo in the postcode. */
  postcodeTypo: number;
  /** The NINO written with a suffix letter. */
  ninoSuffix: number;
  /** A typo in the email address. */
  emailTypo: number;
  /** The same resident entered twice in one system. */
  duplicateInSource: number;
}

/**
 * Options for {@link createLinkageDataset}.
 *
 * @example
 * ```ts
 * createLinkageDataset({ seed: 'demo', records: 2000, sources: defaultLinkageSources.slice(0, 2) });
 * ```
 */
export interface LinkageDatasetOptions {
  /** The seed: same seed and options, same records in the same order. */
  seed: number | string;
  /** How many records to make in all. */
  records: number;
  /** Source systems. Default: {@link defaultLinkageSources}. */
  sources?: readonly LinkageSource[];
  /** Corruption rates. Default: {@link defaultCorruptionRates}. */
  corruption?: Partial<CorruptionRates>;
}

/**
 * A generated multi-source dataset with its ground truth.
 *
 * @example
 * ```ts
 * const { records, truth } = createLinkageDataset({ seed: 1, records: 10_000 });
 * ```
 */
export interface LinkageDataset {
  /** The records, each from one source system. */
  readonly records: CitizenLinkageRecord[];
  /** Record id to true person id. */
  readonly truth: Record<string, string>;
  /** How many distinct persons the records belong to. */
  readonly persons: number;
}

/**
 * Typical council systems holding resident records. Weights and field
 * coverage are plausible guesses, not measurements.
 *
 * @example
 * ```ts
 * createLinkageDataset({ seed: 1, records: 1000, sources: defaultLinkageSources.slice(0, 3) });
 * ```
 */
export const defaultLinkageSources: readonly LinkageSource[] = [
  { name: 'council-tax', weight: 3, fields: { first_name: 0.98, surname: 1, previous_surname: 0.3, dob: 0.4, postcode: 1, uprn: 0.95, nino: 0.1, email: 0.5, phone: 0.5 } },
  { name: 'benefits', weight: 2, fields: { first_name: 1, surname: 1, previous_surname: 0.8, dob: 1, postcode: 1, uprn: 0.9, nino: 0.95, email: 0.3, phone: 0.7 } },
  { name: 'waste', weight: 2, fields: { first_name: 0.7, surname: 0.95, postcode: 1, uprn: 0.8, email: 0.8, phone: 0.4 } },
  { name: 'contact-centre', weight: 3, fields: { first_name: 0.95, surname: 0.95, dob: 0.3, postcode: 0.8, email: 0.6, phone: 0.9 } },
  { name: 'housing', weight: 1, fields: { first_name: 1, surname: 1, previous_surname: 0.9, dob: 0.95, postcode: 1, uprn: 1, nino: 0.7, phone: 0.8, email: 0.4 } },
  { name: 'electoral-roll', weight: 2, fields: { first_name: 1, surname: 1, dob: 0.2, postcode: 1, uprn: 0.98 } },
];

/**
 * Corruption rates that make matching hard but possible.
 *
 * @example
 * ```ts
 * createLinkageDataset({ seed: 1, records: 1000, corruption: { ...defaultCorruptionRates, moved: 0.5 } });
 * ```
 */
export const defaultCorruptionRates: Readonly<CorruptionRates> = {
  firstNameTypo: 0.06,
  surnameTypo: 0.05,
  nickname: 0.12,
  swappedNames: 0.02,
  previousSurname: 0.5,
  marriedSurname: 0.01,
  dayMonthSwap: 0.03,
  dobTypo: 0.03,
  moved: 0.25,
  postcodeTypo: 0.03,
  ninoSuffix: 0.5,
  emailTypo: 0.03,
  duplicateInSource: 0.04,
};

const rateSchema = z.number().min(0).max(1);
const optionsSchema = z.object({
  seed: z.union([z.number().finite(), z.string().max(1000)]),
  records: z.number().int().positive().max(5_000_000),
  sources: z
    .array(
      z.object({
        name: z.string().min(1).max(50),
        weight: z.number().positive(),
        fields: z.record(z.enum(['first_name', 'surname', 'previous_surname', 'dob', 'postcode', 'uprn', 'nino', 'email', 'phone']), rateSchema),
      }),
    )
    .min(1)
    .optional(),
  corruption: z.record(z.string(), rateSchema).optional(),
});

const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Generate residents as several council systems would hold them, with ground
 * truth: the same person in council tax, benefits, waste, the contact centre,
 * housing and the electoral roll, each copy corrupted the way real systems
 * corrupt data (typos, nicknames, swapped names, married surnames, day/month
 * swaps, old addresses after a move, postcode typos, NINO with and without
 * the suffix, phones in every format). Built on `createResidentGenerator`,
 * so households share surnames and addresses as real ones do, which is what
 * makes false matches tempting.
 *
 * @example
 * ```ts
 * import { createLinkageDataset } from '@councilkit/citizen/matching';
 *
 * const { records, truth, persons } = createLinkageDataset({ seed: 42, records: 10_000 });
 * records[0]; // { id: 'benefits-000001', source: 'benefits', first_name: 'Rob', ... }
 * truth[records[0].id]; // 'syn-r-000001'
 * ```
 */
export function createLinkageDataset(options: LinkageDatasetOptions): LinkageDataset {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new MatchingError('invalid-options', `Invalid dataset options: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const sources = options.sources ?? defaultLinkageSources;
  const rates: CorruptionRates = { ...defaultCorruptionRates, ...options.corruption };
  const random = seededRandom(Number.parseInt(fnv1a(`linkage:${String(options.seed)}`), 16));
  const generator = createResidentGenerator({ seed: options.seed });
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const totalWeight = sources.reduce((sum, source) => sum + source.weight, 0);
  const pickSource = (): LinkageSource => {
    let target = random() * totalWeight;
    for (const source of sources) {
      target -= source.weight;
      if (target < 0) return source;
    }
    return sources[sources.length - 1] as LinkageSource;
  };

  const nicknamesOf = new Map<string, string[]>();
  for (const set of ukNicknames) {
    const [formal, ...short] = set;
    if (formal) nicknamesOf.set(formal, [...(nicknamesOf.get(formal) ?? []), ...short]);
  }
  const surnamePool: string[] = [];

  const typo = (value: string): string => {
    if (value.length < 3) return value;
    const at = 1 + Math.floor(random() * (value.length - 2));
    const kind = Math.floor(random() * 4);
    if (kind === 0) return value.slice(0, at) + (value[at + 1] ?? '') + value[at] + value.slice(at + 2);
    if (kind === 1) return value.slice(0, at) + value.slice(at + 1);
    const letter = pick([...letters]);
    if (kind === 2) return value.slice(0, at) + letter + value.slice(at + 1);
    return value.slice(0, at) + letter + value.slice(at);
  };
  const digitTypo = (value: string): string => {
    const positions = [...value].map((character, index) => (/\d/.test(character) ? index : -1)).filter((index) => index >= 0);
    const at = pick(positions);
    if (at === undefined) return value;
    return value.slice(0, at) + String(Math.floor(random() * 10)) + value.slice(at + 1);
  };
  const capitalise = (value: string): string => (value === '' ? value : (value[0] as string).toUpperCase() + value.slice(1));

  const formatPhone = (e164: string): string => {
    const national = `0${e164.slice(3)}`;
    switch (Math.floor(random() * 5)) {
      case 0:
        return e164;
      case 1:
        return `${national.slice(0, 5)} ${national.slice(5)}`;
      case 2:
        return `+44 ${national.slice(1, 5)} ${national.slice(5)}`;
      case 3:
        return `(${national.slice(0, 4)}) ${national.slice(4, 7)} ${national.slice(7)}`;
      default:
        return national;
    }
  };

  const copyOf = (citizen: Citizen, source: LinkageSource, id: string): CitizenLinkageRecord => {
    const base = citizenToLinkageRecord(citizen);
    const holds = (field: LinkageField): boolean => chance(source.fields[field] ?? 0);
    let first = base.first_name;
    let surname = base.surname;
    if (first !== null) {
      const short = nicknamesOf.get(first.toLowerCase());
      if (short && chance(rates.nickname)) first = capitalise(pick(short));
      if (chance(rates.firstNameTypo)) first = typo(first);
    }
    // A system still on the old surname does not know it as a previous one.
    let previousSurname = base.previous_surname;
    if (surname !== null) {
      if (base.previous_surname !== null && chance(rates.previousSurname)) {
        surname = base.previous_surname;
        previousSurname = null;
      }
      else if (chance(rates.marriedSurname) && surnamePool.length > 0) surname = pick(surnamePool);
      if (chance(rates.surnameTypo)) surname = typo(surname);
    }
    if (chance(rates.swappedNames)) [first, surname] = [surname, first];
    let dob = base.dob;
    if (dob !== null) {
      const [year, month, day] = dob.split('-') as [string, string, string];
      if (Number(day) <= 12 && day !== month && chance(rates.dayMonthSwap)) dob = `${year}-${day}-${month}`;
      else if (chance(rates.dobTypo)) dob = digitTypo(dob);
      // Systems print dates their own way; the matcher normalises them.
      if (chance(0.3)) dob = `${dob.slice(8, 10)}/${dob.slice(5, 7)}/${dob.slice(0, 4)}`;
    }
    let postcode = base.postcode;
    let uprn = base.uprn;
    const previous = citizen.addresses.filter((entry) => entry.to !== undefined);
    if (previous.length > 0 && chance(rates.moved)) {
      const old = pick(previous).address;
      postcode = old.postcode ?? null;
      uprn = old.uprn ?? null;
    }
    if (postcode !== null) {
      if (chance(rates.postcodeTypo)) {
        const compact = postcode.replace(' ', '');
        const at = compact.length - 1 - Math.floor(random() * 2);
        postcode = `${compact.slice(0, at)}${pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${compact.slice(at + 1)}`;
      } else if (chance(0.3)) {
        postcode = chance(0.5) ? postcode.toLowerCase() : postcode.replace(' ', '');
      }
    }
    let nino = base.nino;
    if (nino !== null) {
      if (chance(rates.ninoSuffix)) nino = `${nino}${pick(['A', 'B', 'C', 'D'])}`;
      if (chance(0.3)) nino = nino.replace(/^(..)(..)(..)(..)(.?)$/, '$1 $2 $3 $4 $5').trim();
    }
    let email = base.email;
    if (email !== null) {
      if (chance(rates.emailTypo)) email = typo(email);
      if (chance(0.2)) email = email.toUpperCase();
    }
    const phone = base.phone === null ? null : formatPhone(base.phone);
    return {
      id,
      source: source.name,
      first_name: holds('first_name') ? first : null,
      surname: holds('surname') ? surname : null,
      previous_surname: holds('previous_surname') ? previousSurname : null,
      dob: holds('dob') ? dob : null,
      postcode: holds('postcode') ? postcode : null,
      uprn: holds('uprn') ? uprn : null,
      nino: holds('nino') ? nino : null,
      email: holds('email') ? email : null,
      phone: holds('phone') ? phone : null,
    };
  };

  const records: CitizenLinkageRecord[] = [];
  const truth: Record<string, string> = {};
  const perSource = new Map<string, number>();
  const appearances = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5];
  while (records.length < options.records) {
    for (const citizen of generator.residents(Math.min(1000, options.records))) {
      if (records.length >= options.records) break;
      if (citizen.name.family) surnamePool.push(citizen.name.family);
      const count = pick(appearances);
      const chosen = new Set<LinkageSource>();
      while (chosen.size < Math.min(count, sources.length)) chosen.add(pickSource());
      const copies = [...chosen];
      if (chance(rates.duplicateInSource)) copies.push(pick(copies));
      for (const source of copies) {
        if (records.length >= options.records) break;
        const n = (perSource.get(source.name) ?? 0) + 1;
        perSource.set(source.name, n);
        const id = `${source.name}-${String(n).padStart(6, '0')}`;
        records.push(copyOf(citizen, source, id));
        truth[id] = citizen.id;
      }
    }
  }
  return { records, truth, persons: new Set(Object.values(truth)).size };
}
