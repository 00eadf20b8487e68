// pnpm bench citizen: validate + normalise 100k seeded synthetic residents with
// parseCitizen, and in the same run do the same work with (a) a hand-rolled,
// zod-free validator that calls the same UK validators, and (b) a plain zod
// parse of the same shape with no normalisation. Reports records/s and ratios.
import {
  parseCitizen,
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
  type ValidationResult,
} from '../packages/citizen/src/index.js';
import { createResidentGenerator } from '../packages/citizen/src/synthetic/index.js';
// The workspace root does not depend on zod; use the exact copy @councilkit/citizen resolves.
import { z } from '../packages/citizen/node_modules/zod/index.js';
import { measure, writeResult, type Measurement } from './lib.js';

const RECORDS = 100_000;
const SEED = 'bench-citizen-v1';
const INVALID_SHARE = 0.05;

console.log(`generating ${RECORDS} synthetic residents (seed ${JSON.stringify(SEED)})...`);
const generator = createResidentGenerator({ seed: SEED });
const inputs: unknown[] = generator.residents(RECORDS).map((resident, index) => {
  const messy = generator.messy(resident) as Record<string, unknown>;
  // Every twentieth record carries a typing mistake, so error paths are timed too.
  if (index % Math.round(1 / INVALID_SHARE) === 0) messy.dateOfBirth = '31/02/1990';
  return messy;
});

// ---- (a) hand-rolled, zod-free: the same checks and normal forms, written out by hand.
type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const list = (value: unknown): unknown[] | undefined => (value === undefined ? [] : Array.isArray(value) ? value : undefined);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function handRolled(input: unknown): { ok: true; value: Obj } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const take = <T>(path: string, result: ValidationResult<T>): T | undefined => {
    if (result.ok) return result.value;
    errors.push(`${path}: ${result.message}`);
    return undefined;
  };
  const text = (path: string, value: unknown, max = 200): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim().length > max) {
      errors.push(`${path}: invalid`);
      return undefined;
    }
    return value.trim() || undefined;
  };
  const oneOf = (path: string, value: unknown, allowed: readonly string[], fallback?: string): string | undefined => {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && allowed.includes(value)) return value;
    errors.push(`${path}: invalid`);
    return undefined;
  };
  const isoDate = (path: string, value: unknown) => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return value;
    errors.push(`${path}: invalid date`);
    return undefined;
  };
  const dateTime = (path: string, value: unknown) => {
    const date = typeof value === 'string' && ISO_DATETIME.test(value) ? new Date(value) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
    errors.push(`${path}: invalid date-time`);
    return undefined;
  };

  if (!isObj(input)) return { ok: false, errors: ['record'] };
  const id = typeof input.id === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(input.id.trim()) ? input.id.trim() : (errors.push('id'), undefined);
  const nameIn = isObj(input.name) ? input.name : (errors.push('name'), {});
  const name: Obj = {};
  for (const key of ['title', 'given', 'middle', 'family', 'preferred']) {
    if (nameIn[key] !== undefined) name[key] = take(`name.${key}`, validateName(nameIn[key]));
  }
  if (name.given === undefined && name.family === undefined) errors.push('name.family');
  const dateOfBirth = input.dateOfBirth === undefined ? undefined : take('dateOfBirth', validateDateOfBirth(input.dateOfBirth));

  const addresses = (list(input.addresses) ?? (errors.push('addresses'), [])).map((entry, i) => {
    const e = isObj(entry) ? entry : {};
    const a = isObj(e.address) ? e.address : (errors.push(`addresses.${i}.address`), {});
    const address: Obj = {
      sao: text('sao', a.sao),
      pao: text('pao', a.pao),
      street: text('street', a.street),
      locality: text('locality', a.locality),
      town: text('town', a.town, 100),
      postcode: a.postcode === undefined ? undefined : take('postcode', validatePostcode(a.postcode)),
      uprn: a.uprn === undefined ? undefined : take('uprn', validateUprn(a.uprn)),
      usrn: a.usrn === undefined ? undefined : take('usrn', validateUsrn(a.usrn)),
      coordinates: a.coordinates,
    };
    if (!address.sao && !address.pao && !address.street) errors.push('line 1');
    if (!address.postcode && !address.uprn) errors.push('postcode');
    const from = isoDate('from', e.from);
    const to = isoDate('to', e.to);
    if (from && to && from > to) errors.push('to');
    return { use: oneOf('use', e.use, ['home', 'correspondence', 'temporary', 'billing'], 'home'), address, from, to };
  });

  const contactPoints = (list(input.contactPoints) ?? (errors.push('contactPoints'), [])).map((point) => {
    const p = isObj(point) ? point : {};
    const kind = oneOf('kind', p.kind, ['phone', 'email']);
    const value = kind === 'phone' ? take('phone', validatePhone(p.value)) : take('email', validateEmail(p.value));
    return { kind, value, use: oneOf('use', p.use, ['mobile', 'home', 'work', 'other'], 'home'), preferred: p.preferred === true, verified: p.verified === true };
  });

  const identifiers = (list(input.identifiers) ?? (errors.push('identifiers'), [])).map((identifier) => {
    const i = isObj(identifier) ? identifier : {};
    switch (i.scheme) {
      case 'nino':
        return { scheme: i.scheme, value: take('nino', validateNino(i.value)) };
      case 'nhs-number':
        return { scheme: i.scheme, value: take('nhs', validateNhsNumber(i.value)) };
      case 'council-tax-account':
        return { scheme: i.scheme, value: take('ctax', validateCouncilTaxReference(i.value)) };
      case 'local':
        return { scheme: i.scheme, system: text('system', i.system, 100), value: text('value', i.value, 100) };
      default:
        errors.push('scheme');
        return undefined;
    }
  });

  const consents = (list(input.consents) ?? (errors.push('consents'), [])).map((consent) => {
    const c = isObj(consent) ? consent : {};
    return {
      purpose: text('purpose', c.purpose),
      lawfulBasis: oneOf('lawfulBasis', c.lawfulBasis, ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests']),
      status: oneOf('status', c.status, ['given', 'withdrawn'], 'given'),
      recordedAt: dateTime('recordedAt', c.recordedAt),
      withdrawnAt: c.withdrawnAt === undefined ? undefined : dateTime('withdrawnAt', c.withdrawnAt),
    };
  });

  const households = (list(input.households) ?? (errors.push('households'), [])).map((link) => {
    const l = isObj(link) ? link : {};
    return { householdId: text('householdId', l.householdId, 100), relationship: l.relationship, from: isoDate('from', l.from), to: isoDate('to', l.to) };
  });
  const vulnerabilities = (list(input.vulnerabilities) ?? (errors.push('vulnerabilities'), [])).map((flag) => {
    const f = isObj(flag) ? flag : {};
    return { kind: f.kind, condition: f.condition, recordedAt: dateTime('recordedAt', f.recordedAt), reviewBy: isoDate('reviewBy', f.reviewBy) };
  });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id,
      name,
      previousNames: input.previousNames ?? [],
      dateOfBirth,
      addresses,
      contactPoints,
      preferredChannel: input.preferredChannel,
      identifiers,
      consents,
      households,
      communicationNeeds: input.communicationNeeds,
      accessibilityNeeds: input.accessibilityNeeds ?? [],
      vulnerabilities,
    },
  };
}

// ---- (b) plain zod: the same shape, types only, no normalisation.
const s = z.string();
const plainAddress = z.object({ sao: s.optional(), pao: s.optional(), street: s.optional(), locality: s.optional(), town: s.optional(), postcode: s.optional(), uprn: z.union([s, z.number()]).optional(), usrn: z.union([s, z.number()]).optional(), coordinates: z.unknown().optional() });
const plainSchema = z.object({
  id: s,
  name: z.object({ title: s.optional(), given: s.optional(), middle: s.optional(), family: s.optional(), preferred: s.optional() }),
  previousNames: z.array(z.object({ given: s.optional(), family: s.optional(), until: s.optional(), reason: s.optional() })).optional(),
  dateOfBirth: z.union([s, z.object({ day: s.optional(), month: s.optional(), year: s }), z.object({ value: s, precision: s })]).optional(),
  addresses: z.array(z.object({ use: s.optional(), address: plainAddress, from: s.optional(), to: s.optional() })).optional(),
  contactPoints: z.array(z.object({ kind: z.enum(['phone', 'email']), value: s, use: s.optional(), preferred: z.boolean().optional(), verified: z.boolean().optional() })).optional(),
  preferredChannel: s.optional(),
  identifiers: z.array(z.object({ scheme: s, value: s, system: s.optional() })).optional(),
  consents: z.array(z.object({ purpose: s, lawfulBasis: s, status: s.optional(), recordedAt: s, withdrawnAt: s.optional() })).optional(),
  households: z.array(z.object({ householdId: s, relationship: s, from: s.optional(), to: s.optional() })).optional(),
  communicationNeeds: z.unknown().optional(),
  accessibilityNeeds: z.array(s).optional(),
  vulnerabilities: z.array(z.object({ kind: s, condition: s, recordedAt: s, reviewBy: s.optional() })).optional(),
});

// Check all three agree on which records are valid before timing anything.
let valid = 0;
let handValid = 0;
let plainValid = 0;
for (const input of inputs) {
  if (parseCitizen(input).success) valid += 1;
  if (handRolled(input).ok) handValid += 1;
  if (plainSchema.safeParse(input).success) plainValid += 1;
}
console.log(`parseCitizen valid: ${valid}, hand-rolled valid: ${handValid}, plain zod valid: ${plainValid} (plain zod does not check dates, so accepts the mistakes)`);
if (valid !== handValid || valid !== RECORDS - Math.ceil(RECORDS * INVALID_SHARE)) {
  console.error('parseCitizen and the hand-rolled baseline disagree: the comparison would not be fair.');
  process.exit(1);
}

const run = (fn: (input: unknown) => unknown) => () => {
  for (const input of inputs) fn(input);
};
// Start each subject with a clean heap so one does not pay for another's garbage (pnpm bench passes --expose-gc).
const collect = () => (globalThis as { gc?: () => void }).gc?.();
const subjects = [
  { name: 'parseCitizen (zod + UK validators, normalised)', fn: run(parseCitizen) },
  { name: 'hand-rolled zod-free validator (same UK validators)', fn: run(handRolled) },
  { name: 'plain zod parse, same shape, no normalisation', fn: run((input) => plainSchema.safeParse(input)) },
];
// Whichever subject runs first pays for heap growth and JIT warm-up of the
// shared validators, so run them forwards then backwards and keep each one's
// faster measurement.
const best = new Map<string, Measurement>();
for (const order of [subjects, [...subjects].reverse()]) {
  for (const subject of order) {
    collect();
    const measured = await measure(subject.name, RECORDS, subject.fn);
    const previous = best.get(subject.name);
    if (!previous || measured.perSecond > previous.perSecond) best.set(subject.name, measured);
  }
}
const bestOf = (index: number): Measurement => best.get(subjects[index]?.name ?? '') as Measurement;
const citizen = bestOf(0);
const hand = bestOf(1);
const plain = bestOf(2);

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const summary = {
  records: RECORDS,
  seed: SEED,
  invalidShare: INVALID_SHARE,
  method: 'each subject measured twice (forwards then backwards order), faster kept; each measurement is the median of 3 rounds after a warm-up',
  results: [citizen, hand, plain].map((m) => ({ ...m, perSecond: Math.round(m.perSecond) })),
  ratios: {
    parseCitizenVsHandRolled: ratio(citizen.perSecond, hand.perSecond),
    parseCitizenVsPlainZod: ratio(citizen.perSecond, plain.perSecond),
  },
  note: 'Ratios are records/s of parseCitizen divided by the baseline: 1.0 is the same speed, 0.5 half as fast.',
};
for (const m of summary.results) console.log(`${m.name.padEnd(56)} ${String(m.perSecond).padStart(9)} records/s`);
console.log(`parseCitizen vs hand-rolled: ${summary.ratios.parseCitizenVsHandRolled}x   parseCitizen vs plain zod: ${summary.ratios.parseCitizenVsPlainZod}x`);
writeResult('citizen', summary);
