import { z } from 'zod';
import type {
  AccessibilityNeed,
  Address,
  Citizen,
  CitizenAddress,
  CitizenInput,
  Consent,
  ContactPoint,
  Household,
  HouseholdRelationship,
  Identifier,
  VulnerabilityFlag,
} from '../schemas/types.js';
import { nhsCheckDigit } from '../validators/nhs-number.js';
import { validateNino } from '../validators/nino.js';
import {
  AREAS,
  BUILDING_NAMES,
  DRAMA_PREFIXES,
  EMAIL_DOMAINS,
  FEMALE_FORENAMES,
  HOUSE_NAMES,
  INWARD_LETTERS,
  LANGUAGES,
  LOCALITIES,
  MALE_FORENAMES,
  PREFERRED_FORMS,
  STREET_STEMS,
  STREET_TYPES,
  SURNAMES,
  type Area,
} from './data.js';
import { createRandom, type Random } from './random.js';

/**
 * Options for {@link createResidentGenerator}.
 *
 * @example
 * ```ts
 * const options: ResidentGeneratorOptions = { seed: 'demo', today: new Date('2026-01-01T00:00:00Z'), idPrefix: 'demo-' };
 * ```
 */
export interface ResidentGeneratorOptions {
  /** The seed. The same seed (and options) always gives the same residents, in the same order. */
  seed: number | string;
  /**
   * The date the residents are generated "as at": ages, address dates and
   * consent times are worked back from it. Default: `2025-06-01T00:00:00Z`,
   * fixed so that output does not change with the day you run it. Must not
   * be in the future: dates of birth are checked against the real clock.
   */
  today?: Date;
  /** Prefix for resident ids (`<prefix>r-000001`) and household ids (`<prefix>h-000001`). Default: `"syn-"`. */
  idPrefix?: string;
}

/**
 * One generated household: the household record and its residents, who
 * share the address and link back to it.
 *
 * @example
 * ```ts
 * const { household, residents } = generator.household();
 * residents.every((r) => r.households[0]?.householdId === household.id); // true
 * ```
 */
export interface SyntheticHousehold {
  /** The household, with its members. */
  household: Household;
  /** The residents, the first of them the head of the household. */
  residents: Citizen[];
}

/**
 * What {@link createResidentGenerator} gives back.
 *
 * @example
 * ```ts
 * const generator: ResidentGenerator = createResidentGenerator({ seed: 1 });
 * const people = generator.residents(10);
 * ```
 */
export interface ResidentGenerator {
  /** One resident living alone (no household link). */
  resident(): Citizen;
  /** `count` residents, drawn as whole households (so surnames and addresses are shared realistically). */
  residents(count: number): Citizen[];
  /** One household of 1 to 6 people. */
  household(): SyntheticHousehold;
  /**
   * The same resident as a person might type them in: odd case and spacing
   * in postcodes and names, national-format phone numbers, spaced NINOs with
   * a suffix, UK-order or form-field dates. Parsing the result gives back an
   * equal {@link Citizen}, which makes it good input for benchmarks and
   * normalisation tests. Uses the generator's own random stream.
   */
  messy(citizen: Citizen): CitizenInput;
}

const DEFAULT_TODAY = new Date('2025-06-01T00:00:00Z');
const optionsSchema = z.object({
  seed: z.union([z.number().finite(), z.string().max(1000)]),
  today: z
    .date()
    .refine((date) => !Number.isNaN(date.getTime()), 'today must be a valid date')
    // parseCitizen judges dates of birth against the real clock, so a future "today" would make invalid residents.
    .refine((date) => date.getTime() <= Date.now(), 'today must not be in the future')
    .default(DEFAULT_TODAY),
  idPrefix: z.string().max(50).regex(/^[A-Za-z0-9._:-]*$/, 'idPrefix may only use letters, digits and . _ : -').default('syn-'),
});

/**
 * Thrown by {@link createResidentGenerator} for options it cannot use.
 *
 * @example
 * ```ts
 * try { createResidentGenerator({ seed: NaN }); } catch (error) { if (error instanceof SyntheticOptionsError) console.log(error.reason); }
 * ```
 */
export class SyntheticOptionsError extends Error {
  override readonly name = 'SyntheticOptionsError';
  /** Always `invalid-options`. */
  readonly reason = 'invalid-options' as const;
}

/**
 * Create a seeded generator of synthetic UK (en_GB) residents for tests,
 * demos and benchmarks. Every record is a valid, normalised {@link Citizen}.
 *
 * Nothing is real, and where the UK has reserved ranges they are used:
 * phone numbers come from Ofcom's drama ranges (valid, never connected),
 * NHS numbers from the 999 test range, emails from the reserved example
 * domains. Names come from compact lists of common UK names; postcodes are
 * real districts with made-up inward codes; UPRNs and NINOs follow the
 * rules but are random, so a clash with a real one is possible: never send
 * anything to synthetic residents.
 *
 * @example
 * ```ts
 * import { createResidentGenerator } from '@councilkit/citizen/synthetic';
 *
 * const generator = createResidentGenerator({ seed: 42 });
 * const residents = generator.residents(1000);
 * const { household, residents: family } = generator.household();
 * const asTyped = generator.messy(residents[0]!); // parseCitizen(asTyped) gives residents[0] back
 * ```
 */
export function createResidentGenerator(options: ResidentGeneratorOptions): ResidentGenerator {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new SyntheticOptionsError(`Invalid generator options: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')}`);
  }
  const { seed, today, idPrefix } = parsed.data;
  const random = createRandom(seed);
  const todayIso = today.toISOString().slice(0, 10);
  const thisYear = today.getUTCFullYear();
  let residentCount = 0;
  let householdCount = 0;

  const nextId = (kind: 'r' | 'h'): string => {
    const n = kind === 'r' ? (residentCount += 1) : (householdCount += 1);
    return `${idPrefix}${kind}-${String(n).padStart(6, '0')}`;
  };

  const dateBetween = (fromIso: string, toIso: string): string => {
    const from = Date.parse(`${fromIso}T00:00:00Z`);
    const to = Date.parse(`${toIso}T00:00:00Z`);
    const day = 86_400_000;
    return new Date(from + random.int(0, Math.max(0, Math.floor((to - from) / day))) * day).toISOString().slice(0, 10);
  };

  // The same calendar day `years` earlier; 29 February falls back to the 28th in other years.
  const yearsBefore = (years: number): string => {
    const year = thisYear - years;
    const month = today.getUTCMonth();
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), lastDay))).toISOString().slice(0, 10);
  };

  const makeAddress = (area: Area): Address => {
    const flat = random.chance(0.18);
    const named = !flat && random.chance(0.1);
    const address: Address = {
      sao: flat ? `Flat ${random.int(1, 40)}` : undefined,
      pao: flat ? (random.chance(0.5) ? random.pick(BUILDING_NAMES) : String(random.int(1, 250))) : named ? random.pick(HOUSE_NAMES) : String(random.int(1, 250)),
      street: `${random.pick(STREET_STEMS)} ${random.pick(STREET_TYPES)}`,
      locality: random.chance(0.15) ? random.pick(LOCALITIES) : undefined,
      town: area.town,
      postcode: `${area.outward} ${random.int(0, 9)}${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`,
      uprn: String(random.int(10_000_000, 100_099_999) * 1000 + random.int(0, 999)).replace(/^0+/, ''),
      usrn: String(random.int(1_000_000, 99_999_999)),
      coordinates:
        area.easting !== undefined && area.northing !== undefined && random.chance(0.7)
          ? { system: 'bng', easting: area.easting + random.int(-1500, 1500), northing: area.northing + random.int(-1500, 1500) }
          : undefined,
    };
    return dropUndefined(address);
  };

  const makeNino = (): string => {
    for (;;) {
      const letters = 'ABCEGHJKLMNOPRSTWXYZ';
      const candidate = `${random.pick([...letters])}${random.pick([...letters])}${String(random.int(0, 999_999)).padStart(6, '0')}`;
      const result = validateNino(candidate);
      if (result.ok) return result.value;
    }
  };

  const makeNhsNumber = (): string => {
    for (;;) {
      const first = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
      const check = nhsCheckDigit(first);
      if (check !== undefined) return `${first}${check}`;
    }
  };

  const makePhone = (area: Area): string => {
    const prefix = random.chance(0.8) ? area.phone : random.pick(DRAMA_PREFIXES);
    const digits = prefix.replace(/\s/g, '').replace(/^0/, '');
    return `+44${digits}${String(random.int(0, 999)).padStart(3, '0')}`;
  };

  const makeEmail = (given: string, family: string): string => {
    const ascii = (text: string) =>
      text
        .normalize('NFD')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase();
    const g = ascii(given) || 'resident';
    const f = ascii(family) || 'resident';
    const local = random.pick([`${g}.${f}`, `${g}${f}${random.int(1, 99)}`, `${g.charAt(0)}${f}`, `${f}.${g}${random.int(1, 9)}`]);
    return `${local}@${random.pick(EMAIL_DOMAINS)}`;
  };

  interface PersonPlan {
    age: number;
    sex: 'female' | 'male';
    family: string;
    area: Area;
    home: CitizenAddress;
    link?: { householdId: string; relationship: HouseholdRelationship; from: string };
    ctaxAccount?: string;
  }

  const makePerson = (plan: PersonPlan): Citizen => {
    const { age, sex, family, area } = plan;
    const adult = age >= 18;
    const given = random.pick(sex === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES);
    const middle = random.chance(0.3) ? random.pick(sex === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES) : undefined;
    const preferredForm = PREFERRED_FORMS[given];
    const name = dropUndefined({
      title: adult && random.chance(0.4) ? random.pick(sex === 'female' ? ['Ms', 'Mrs', 'Miss', 'Dr', 'Mx'] : ['Mr', 'Dr', 'Mx']) : undefined,
      given,
      middle,
      family,
      preferred: preferredForm && random.chance(0.5) ? preferredForm : undefined,
    });

    const born = dateBetween(yearsBefore(age + 1), yearsBefore(age));
    const dobRoll = random.next();
    const dateOfBirth =
      dobRoll < 0.95
        ? { value: born > todayIso ? todayIso : born, precision: 'full' as const }
        : dobRoll < 0.98
          ? { value: born.slice(0, 7), precision: 'year-month' as const }
          : { value: born.slice(0, 4), precision: 'year' as const };

    const addresses: CitizenAddress[] = [plan.home];
    if (adult && random.chance(0.3)) {
      const movedIn = plan.home.from ?? todayIso;
      const earliest = yearsBefore(Math.min(age - 17, 30));
      const previousFrom = dateBetween(earliest < movedIn ? earliest : movedIn, movedIn);
      addresses.push({ use: 'home', address: makeAddress(random.chance(0.6) ? area : random.pick(AREAS)), from: previousFrom, to: movedIn });
    }
    if (adult && random.chance(0.05)) addresses.push({ use: 'correspondence', address: makeAddress(random.pick(AREAS)) });

    const contactPoints: ContactPoint[] = [];
    if (age >= 12 && random.chance(0.85)) contactPoints.push({ kind: 'phone', value: makePhone(area), use: random.pick(['mobile', 'home', 'home', 'work'] as const), preferred: true, verified: random.chance(0.4) });
    if (age >= 14 && random.chance(0.7)) contactPoints.push({ kind: 'email', value: makeEmail(given, family), use: 'home', preferred: true, verified: random.chance(0.5) });
    if (adult && random.chance(0.1)) contactPoints.push({ kind: 'phone', value: makePhone(area), use: 'work', preferred: false, verified: false });

    const channels = ['post', 'web', ...(contactPoints.some((p) => p.kind === 'phone') ? (['phone', 'sms'] as const) : []), ...(contactPoints.some((p) => p.kind === 'email') ? (['email', 'email'] as const) : [])] as const;
    const preferredChannel = adult && random.chance(0.6) ? random.pick(channels) : undefined;

    const identifiers: Identifier[] = [];
    if (age >= 16 && random.chance(0.85)) identifiers.push({ scheme: 'nino', value: makeNino() });
    if (random.chance(0.6)) identifiers.push({ scheme: 'nhs-number', value: makeNhsNumber() });
    if (plan.ctaxAccount) identifiers.push({ scheme: 'council-tax-account', value: plan.ctaxAccount });
    if (random.chance(0.1)) identifiers.push({ scheme: 'local', system: random.pick(['housing', 'social-care', 'libraries']), value: `L${random.int(10000, 999999)}` });

    const recordedAt = (): string => `${dateBetween(yearsBefore(5), todayIso)}T${String(random.int(8, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`;
    const consents: Consent[] = [{ purpose: 'case-management', lawfulBasis: 'public-task', status: 'given', recordedAt: recordedAt() }];
    if (contactPoints.length > 0 && random.chance(0.4)) {
      const withdrawn = random.chance(0.15);
      const given = recordedAt();
      consents.push(
        dropUndefined({
          purpose: 'service-updates-and-surveys',
          lawfulBasis: 'consent' as const,
          status: withdrawn ? ('withdrawn' as const) : ('given' as const),
          recordedAt: given,
          withdrawnAt: withdrawn ? new Date(Date.parse(given) + random.int(1, 400) * 86_400_000).toISOString() : undefined,
        }),
      );
    }

    const communicationNeeds = random.chance(0.08)
      ? dropUndefined({
          language: random.chance(0.8) ? random.pick(LANGUAGES) : undefined,
          interpreter: random.chance(0.5),
          britishSignLanguage: random.chance(0.1),
          textRelay: random.chance(0.05),
          formats: random.chance(0.4) ? [random.pick(['large-print', 'easy-read', 'audio', 'braille'] as const)] : [],
        })
      : undefined;
    const accessibilityNeeds: AccessibilityNeed[] = random.chance(0.1) ? [random.pick(['step-free-access', 'wheelchair-user', 'hearing-loop', 'visual-impairment', 'extra-time'] as const)] : [];
    const vulnerabilities: VulnerabilityFlag[] =
      adult && random.chance(0.05)
        ? [
            {
              kind: random.pick(['mental-health', 'physical-health', 'financial-hardship', 'bereavement', 'disability'] as const),
              condition: random.pick(['substantial-public-interest', 'explicit-consent', 'health-social-care'] as const),
              recordedAt: recordedAt(),
              reviewBy: dateBetween(todayIso, yearsBefore(-1)),
            },
          ]
        : [];

    const previousNames = adult && random.chance(0.08) ? [{ family: random.pick(SURNAMES), until: dateBetween(yearsBefore(age - 18), todayIso), reason: random.pick(['marriage', 'deed-poll', 'divorce'] as const) }] : [];

    return dropUndefined({
      id: nextId('r'),
      name,
      previousNames,
      dateOfBirth,
      addresses,
      contactPoints,
      preferredChannel,
      identifiers,
      consents,
      households: plan.link ? [plan.link] : [],
      communicationNeeds,
      accessibilityNeeds,
      vulnerabilities,
    }) as Citizen;
  };

  const household = (): SyntheticHousehold => {
    const area = random.pick(AREAS);
    const address = makeAddress(area);
    const householdId = nextId('h');
    const headAge = random.int(18, 92);
    const movedIn = dateBetween(yearsBefore(Math.min(headAge - 18, 40)), todayIso);
    const family = random.pick(SURNAMES);
    const home: CitizenAddress = { use: 'home', address, from: movedIn };
    const ctaxAccount = `50${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    const headSex = random.chance(0.5) ? 'female' : 'male';
    const plans: PersonPlan[] = [{ age: headAge, sex: headSex, family, area, home, ctaxAccount, link: { householdId, relationship: 'head', from: movedIn } }];
    if (headAge < 85 && random.chance(0.55)) {
      const partnerAge = Math.max(18, Math.min(95, headAge + random.int(-8, 8)));
      plans.push({ age: partnerAge, sex: random.chance(0.9) ? (headSex === 'female' ? 'male' : 'female') : headSex, family: random.chance(0.7) ? family : random.pick(SURNAMES), area, home, link: { householdId, relationship: 'partner', from: movedIn } });
    }
    if (headAge >= 20 && headAge <= 60) {
      const children = random.pick([0, 0, 1, 1, 2, 2, 3, 4]);
      for (let i = 0; i < children; i += 1) {
        const age = random.int(0, Math.min(17, headAge - 18));
        plans.push({ age, sex: random.chance(0.5) ? 'female' : 'male', family, area, home: { ...home, from: movedIn > yearsBefore(age) ? movedIn : yearsBefore(age) }, link: { householdId, relationship: 'child', from: movedIn > yearsBefore(age) ? movedIn : yearsBefore(age) } });
      }
    }
    if (plans.length === 1 && random.chance(0.1)) {
      plans.push({ age: random.int(19, 60), sex: random.chance(0.5) ? 'female' : 'male', family: random.pick(SURNAMES), area, home, link: { householdId, relationship: 'lodger', from: movedIn } });
    }
    const residents = plans.map(makePerson);
    return {
      household: {
        id: householdId,
        uprn: address.uprn,
        address,
        members: residents.map((resident) => {
          const link = resident.households[0];
          return dropUndefined({ citizenId: resident.id, relationship: link?.relationship ?? 'other', from: link?.from });
        }),
      },
      residents,
    };
  };

  const resident = (): Citizen => {
    const area = random.pick(AREAS);
    const age = random.int(18, 95);
    const home: CitizenAddress = { use: 'home', address: makeAddress(area), from: dateBetween(yearsBefore(Math.min(age - 18, 40)), todayIso) };
    return makePerson({ age, sex: random.chance(0.5) ? 'female' : 'male', family: random.pick(SURNAMES), area, home });
  };

  const residents = (count: number): Citizen[] => {
    const wanted = Number.isSafeInteger(count) && count > 0 ? count : 0;
    const out: Citizen[] = [];
    while (out.length < wanted) out.push(...household().residents);
    return out.slice(0, wanted);
  };

  const messy = (citizen: Citizen): CitizenInput => messUp(citizen, random);

  return { resident, residents, household, messy };
}

function messUp(citizen: Citizen, random: Random): CitizenInput {
  const spaced = (text: string) => (random.chance(0.3) ? `  ${text} ` : text);
  const postcode = (value: string) => {
    if (value.startsWith('BFPO')) return value.toLowerCase();
    const compact = value.replace(' ', '');
    return random.pick([compact.toLowerCase(), value.toLowerCase(), compact, ` ${value} `, value.replace(' ', '   ')]);
  };
  const phone = (e164: string) => {
    const national = `0${e164.slice(3)}`;
    const grouped = national.startsWith('020') || national.startsWith('028') || national.startsWith('029') ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    return random.pick([grouped, national, `+44 (0)${grouped.slice(1)}`, `+44 ${grouped.slice(1)}`, `(${grouped.slice(0, grouped.indexOf(' '))})${grouped.slice(grouped.indexOf(' '))}`]);
  };
  const email = (value: string) => {
    const at = value.indexOf('@');
    return spaced(`${value.slice(0, at)}@${random.chance(0.5) ? value.slice(at + 1).toUpperCase() : value.slice(at + 1)}`);
  };
  const dob = (value: NonNullable<Citizen['dateOfBirth']>): CitizenInput['dateOfBirth'] => {
    if (value.precision !== 'full') return random.chance(0.5) ? value.value : value;
    const [y = '', m = '', d = ''] = value.value.split('-');
    return random.pick([`${d}/${m}/${y}`, `${Number(d)}/${Number(m)}/${y}`, value.value, { day: String(Number(d)), month: String(Number(m)), year: y }]);
  };
  const address = (value: Address) => ({
    ...value,
    pao: value.pao && spaced(value.pao),
    postcode: value.postcode && postcode(value.postcode),
    uprn: value.uprn && (random.chance(0.3) ? Number(value.uprn) : random.chance(0.3) ? value.uprn.padStart(12, '0') : value.uprn),
  });
  return {
    ...citizen,
    id: citizen.id,
    name: Object.fromEntries(Object.entries(citizen.name).map(([key, part]) => [key, typeof part === 'string' ? spaced(part) : part])),
    dateOfBirth: citizen.dateOfBirth && dob(citizen.dateOfBirth),
    addresses: citizen.addresses.map((entry) => ({ ...entry, address: address(entry.address) })),
    contactPoints: citizen.contactPoints.map((point) => (point.kind === 'phone' ? { ...point, value: phone(point.value) } : { ...point, value: email(point.value) })),
    identifiers: citizen.identifiers.map((identifier) => {
      if (identifier.scheme === 'nino') {
        const v = identifier.value;
        const suffix = random.pick(['A', 'B', 'C', 'D', '']);
        return { ...identifier, value: random.pick([`${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 6)} ${v.slice(6)} ${suffix}`.trim(), `${v}${suffix}`.toLowerCase()]) };
      }
      if (identifier.scheme === 'nhs-number') return { ...identifier, value: `${identifier.value.slice(0, 3)} ${identifier.value.slice(3, 6)} ${identifier.value.slice(6)}` };
      return identifier;
    }),
  };
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
