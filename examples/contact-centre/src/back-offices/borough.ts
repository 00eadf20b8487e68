import { createHash } from 'node:crypto';
import type { Citizen } from '@councilkit/citizen';
import type { MockPcnSeed } from '@councilkit/parking/mock';
import { accountReferenceSchema, postcodeSchema } from '@councilkit/revenues';
import type { MockAccountSeed } from '@councilkit/revenues/mock';
import { addCalendarDays } from '@councilkit/cases';
import type { BoroughProperty } from '../residents/resident-directory.js';
import { PCN_SYSTEM, VEHICLE_SYSTEM, currentAddress, displayName, pcnNumbersOf, vehicleOf } from '../residents/resident-directory.js';
import { type ParkingWiring, type RevenuesWiring, createParkingWiring, createRevenuesWiring } from './revenues-parking.js';

// The demo borough's back-office records are worked out from the residents
// alone, so every start (the first, which seeds the residents, and later ones,
// which load them from the data folder) gives the mocks the same records.
// Vehicles and PCN numbers are the only facts that must be kept: they are
// written onto the residents as `local` identifiers when they are seeded, which
// is also what lets an agent find a resident by PCN number or registration.

/** The residents in id order, so the records never depend on the order they were loaded in. */
const byId = (residents: Citizen[]) => [...residents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** A number in [0, 1) that depends only on `key`: the same resident always gets the same records. */
function roll(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** Pick by weight with a roll in [0, 1). */
function weighted<T>(value: number, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let left = value * total;
  for (const [choice, weight] of choices) {
    left -= weight;
    if (left < 0) return choice;
  }
  return choices[choices.length - 1]![0];
}

const isAdult = (citizen: Citizen, today: string) => {
  const born = citizen.dateOfBirth?.value;
  // Age in whole years is enough here: a demo household, not a liability decision.
  return born === undefined || Number(today.slice(0, 4)) - Number(born.slice(0, 4)) >= 18;
};

/** Options for {@link giveVehicles}. */
export interface GiveVehiclesOptions {
  /** Share of adults who keep a vehicle. Default: `0.3`. */
  vehicleShare?: number;
  /** Share of vehicle keepers with at least one PCN. Default: `0.6`. */
  pcnShare?: number;
  /** The day they are seeded, `YYYY-MM-DD`; only used to tell adults from children. */
  today: string;
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';
const PLATE_AGES = ['15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '65', '66', '67', '68', '69', '70', '71', '72', '73', '74'];

/**
 * Give a share of the adults a vehicle and some of them PCNs, as `local`
 * identifiers (systems {@link VEHICLE_SYSTEM} and {@link PCN_SYSTEM}). Run once,
 * when the residents are first seeded; PCN numbers run `AT50000001` upwards.
 */
export function giveVehicles(residents: Citizen[], options: GiveVehiclesOptions): Citizen[] {
  const vehicleShare = options.vehicleShare ?? 0.3;
  const pcnShare = options.pcnShare ?? 0.6;
  let issued = 0;
  return residents.map((citizen) => {
    if (!isAdult(citizen, options.today) || roll(`vehicle:${citizen.id}`) >= vehicleShare || vehicleOf(citizen)) return citizen;
    const letter = (n: number) => PLATE_LETTERS[Math.floor(roll(`plate:${citizen.id}:${n}`) * PLATE_LETTERS.length)]!;
    const vrm = `${letter(1)}${letter(2)}${PLATE_AGES[Math.floor(roll(`plate-age:${citizen.id}`) * PLATE_AGES.length)]}${letter(3)}${letter(4)}${letter(5)}`;
    const count = roll(`pcns:${citizen.id}`) < pcnShare ? weighted(roll(`pcn-count:${citizen.id}`), [[1, 6], [2, 3], [3, 1]] as const) : 0;
    const pcns = Array.from({ length: count }, () => ({ scheme: 'local' as const, system: PCN_SYSTEM, value: `AT5${String(++issued).padStart(7, '0')}` }));
    return { ...citizen, identifiers: [...citizen.identifiers, { scheme: 'local' as const, system: VEHICLE_SYSTEM, value: vrm }, ...pcns] };
  });
}

type Band = MockAccountSeed['band'];
const BANDS_BY_TYPE: Record<string, ReadonlyArray<readonly [Band, number]>> = {
  flat: [['A', 35], ['B', 40], ['C', 25]],
  maisonette: [['B', 40], ['C', 45], ['D', 15]],
  bungalow: [['C', 35], ['D', 45], ['E', 20]],
  house: [['B', 10], ['C', 30], ['D', 30], ['E', 17], ['F', 8], ['G', 4], ['H', 1]],
};
const ANY_PROPERTY: ReadonlyArray<readonly [Band, number]> = [['B', 20], ['C', 40], ['D', 40]];

/** Why a resident with a council tax reference got no account, for the start-up note. */
export interface BoroughAccounts {
  accounts: MockAccountSeed[];
  /** References held by more than one household: the first keeps the account. */
  duplicates: number;
  /** Residents whose home has no UPRN or postcode the revenues contract accepts. */
  unaddressed: number;
}

/**
 * A council tax account for every resident holding a `council-tax-account`
 * identifier, at their current address: band from the property type, liable
 * parties the household's adult head and partner, a single person discount
 * for most one-adult households, and a mix of payment methods and arrears.
 */
export function boroughAccounts(residents: Citizen[], properties: BoroughProperty[], today: string): BoroughAccounts {
  const typeOf = new Map(properties.map((property) => [property.uprn, property.type]));
  const ordered = byId(residents);
  const households = new Map<string, Citizen[]>();
  for (const citizen of ordered) {
    const id = citizen.households[0]?.householdId;
    if (id) households.set(id, [...(households.get(id) ?? []), citizen]);
  }
  const references = new Set<string>();
  const result: BoroughAccounts = { accounts: [], duplicates: 0, unaddressed: 0 };
  for (const citizen of ordered) {
    const held = citizen.identifiers.find((i) => i.scheme === 'council-tax-account')?.value;
    const reference = accountReferenceSchema.safeParse(held);
    if (!reference.success) continue;
    const home = currentAddress(citizen);
    const postcode = postcodeSchema.safeParse(home?.address.postcode);
    const uprn = Number(home?.address.uprn);
    if (!home || !postcode.success || !Number.isSafeInteger(uprn) || uprn < 1) {
      result.unaddressed += 1;
      continue;
    }
    if (references.has(reference.data)) {
      result.duplicates += 1;
      continue;
    }
    references.add(reference.data);
    const link = citizen.households[0];
    const members = (link ? households.get(link.householdId) : undefined) ?? [citizen];
    const adults = members.filter((member) => isAdult(member, today));
    const liable = adults.filter((member) => member === citizen || ['head', 'partner'].includes(member.households[0]?.relationship ?? ''));
    const liableFrom = (member: Citizen) => member.households[0]?.from ?? currentAddress(member)?.from ?? home.from ?? '2015-04-01';
    const key = reference.data;
    const a = home.address;
    const method = weighted(roll(`pays:${key}`), [['direct-debit', 70], ['standing-order', 10], ['card', 15], ['cash', 5]] as const);
    const missed = roll(`arrears:${key}`) < (method === 'direct-debit' ? 0.05 : 0.3) ? weighted(roll(`missed:${key}`), [[1, 5], [2, 3], [3, 2]] as const) : 0;
    result.accounts.push({
      reference: reference.data,
      uprn,
      band: weighted(roll(`band:${key}`), BANDS_BY_TYPE[typeOf.get(a.uprn ?? '') ?? ''] ?? ANY_PROPERTY),
      address: { lines: [a.sao, [a.pao, a.street].filter(Boolean).join(' '), a.locality, a.town].filter((line): line is string => Boolean(line)), postcode: postcode.data },
      liableParties: (liable.length ? liable : [citizen]).map((member) => ({
        personRef: member.id,
        name: displayName(member),
        surname: member.name.family ?? displayName(member),
        liableFrom: liableFrom(member),
      })),
      paymentMethod:
        method === 'direct-debit'
          ? { kind: 'direct-debit', paymentDay: weighted(roll(`day:${key}`), [[1, 1], [15, 1], [28, 1]] as const), accountEnding: String(Math.floor(roll(`bank:${key}`) * 10_000)).padStart(4, '0') }
          : { kind: method },
      ...(adults.length === 1 && roll(`spd:${key}`) < 0.75 ? { singlePersonDiscountFrom: liableFrom(citizen) } : {}),
      ...(missed ? { missedInstalments: missed } : {}),
    });
  }
  return result;
}

interface Contravention {
  code: string;
  text: string;
  /** Full charge in pence: the higher or lower band. */
  amountFull: number;
}
const CONTRAVENTIONS: Contravention[] = [
  { code: '01', text: 'Parked in a restricted street during prescribed hours', amountFull: 7_000 },
  { code: '02', text: 'Parked or loading or unloading in a restricted street where waiting and loading or unloading restrictions are in force', amountFull: 7_000 },
  { code: '12', text: "Parked in a residents' or shared use parking place without clearly displaying a valid permit", amountFull: 7_000 },
  { code: '30', text: 'Parked for longer than permitted', amountFull: 5_000 },
  { code: '40', text: "Parked in a designated disabled person's parking place without displaying a valid disabled person's badge", amountFull: 7_000 },
];
const BOX_JUNCTION: Contravention = { code: '31', text: 'Entered and stopped in a box junction when prohibited', amountFull: 7_000 };

/** The stories a seeded PCN can have, with how often each is told. */
const STORIES = [
  ['discount', 25],
  ['full-charge', 12],
  ['camera', 10],
  ['challenged', 8],
  ['notice-to-owner', 12],
  ['charge-certificate', 8],
  ['paid', 20],
  ['cancelled', 5],
] as const;

/**
 * The PCNs behind the residents' `pcn` identifiers, dated relative to
 * `today` (as the mock's own fixtures are) so the borough always has PCNs in
 * the discount period, at notice to owner, with a challenge waiting, paid and
 * so on. The street is one where a resident lives.
 */
export function boroughPcns(loaded: Citizen[], today: string): MockPcnSeed[] {
  const residents = byId(loaded);
  const streets = residents.map((citizen) => currentAddress(citizen)?.address).filter((a) => a?.street && a.town).map((a) => `${a!.street}, ${a!.town}`);
  const pcns: MockPcnSeed[] = [];
  for (const citizen of residents) {
    const vrm = vehicleOf(citizen);
    if (!vrm) continue;
    for (const pcnNumber of pcnNumbersOf(citizen)) {
      const r = (what: string) => roll(`${what}:${pcnNumber}`);
      const between = (what: string, low: number, high: number) => low + Math.floor(r(what) * (high - low + 1));
      const story = weighted(r('story'), STORIES);
      const contravention = story === 'camera' ? BOX_JUNCTION : CONTRAVENTIONS[Math.floor(r('code') * CONTRAVENTIONS.length)]!;
      const ago = {
        discount: between('ago', 1, 12),
        'full-charge': between('ago', 16, 26),
        camera: between('ago', 3, 15),
        challenged: between('ago', 4, 10),
        'notice-to-owner': between('ago', 40, 60),
        'charge-certificate': between('ago', 110, 140),
        paid: between('ago', 15, 60),
        cancelled: between('ago', 20, 50),
      }[story];
      const issuedOn = addCalendarDays(today, -ago);
      const after = (days: number) => addCalendarDays(issuedOn, days);
      // Letters go well after each statutory period ends, so bank holidays never make a story impossible.
      const events: NonNullable<MockPcnSeed['events']> = {
        discount: [],
        'full-charge': [],
        camera: [],
        challenged: [{ type: 'informal-challenge-received' as const, on: after(2) }],
        'notice-to-owner': [{ type: 'notice-to-owner-sent' as const, on: after(32) }],
        'charge-certificate': [
          { type: 'notice-to-owner-sent' as const, on: after(32) },
          { type: 'charge-certificate-sent' as const, on: after(75) },
        ],
        paid: [{ type: 'payment' as const, on: after(5), amount: contravention.amountFull / 2 }],
        cancelled: [
          { type: 'informal-challenge-received' as const, on: after(3) },
          { type: 'informal-challenge-accepted' as const, on: after(10) },
        ],
      }[story];
      pcns.push({
        pcnNumber,
        vrm,
        issuedOn,
        serviceMethod: story === 'camera' ? 'postal' : 'affixed',
        contraventionCode: contravention.code,
        contravention: contravention.text,
        location: streets.length ? streets[Math.floor(r('street') * streets.length)]! : 'High Street',
        contravenedAt: `${issuedOn}T${String(between('hour', 8, 18)).padStart(2, '0')}:${String(between('minute', 0, 59)).padStart(2, '0')}:00+00:00`,
        amountFull: contravention.amountFull,
        events,
      });
    }
  }
  return pcns;
}

/** Options for {@link createBoroughBackOffices}. */
export interface BoroughBackOfficesOptions {
  /** The residents as loaded or seeded. */
  residents: Citizen[];
  /** The borough's properties (for council tax bands). */
  properties: BoroughProperty[];
  /** A real revenues back office: then nothing is seeded, it holds its own accounts. Default: none (the mock). */
  revenuesBaseUrl?: string;
  /** A real parking back office: then nothing is seeded, it holds its own PCNs. Default: none (the mock). */
  parkingBaseUrl?: string;
  /** Today, `YYYY-MM-DD` in Europe/London: PCNs are dated from it. */
  today: string;
}

/**
 * The revenues and parking wirings, with the in-process mocks holding the
 * borough's accounts and PCNs (worked out from the residents), and a
 * start-up note saying what was seeded. A mock that refuses its seeds starts
 * with its fixtures only, and the note says why, rather than stopping the
 * contact centre.
 */
export function createBoroughBackOffices(options: BoroughBackOfficesOptions): { revenues: RevenuesWiring; parking: ParkingWiring; notes: string[] } {
  const notes: string[] = [];
  const count = (n: number) => n.toLocaleString('en-GB');
  let revenues: RevenuesWiring;
  if (options.revenuesBaseUrl) {
    revenues = createRevenuesWiring({ baseUrl: options.revenuesBaseUrl });
  } else {
    const { accounts, duplicates } = boroughAccounts(options.residents, options.properties, options.today);
    try {
      revenues = createRevenuesWiring({ accounts });
      const arrears = accounts.filter((account) => account.missedInstalments).length;
      const discounted = accounts.filter((account) => account.singlePersonDiscountFrom).length;
      notes.push(
        `Revenues mock: seeded ${count(accounts.length)} council tax accounts (${count(discounted)} with a single person discount, ${count(arrears)} in arrears)${duplicates ? `; ${count(duplicates)} households share a reference with another and have none` : ''}.`,
      );
    } catch (error) {
      revenues = createRevenuesWiring();
      notes.push(`Revenues mock: the borough's accounts were not seeded (${error instanceof Error ? error.message : String(error)}); only its fixtures answer.`);
    }
  }
  let parking: ParkingWiring;
  if (options.parkingBaseUrl) {
    parking = createParkingWiring({ baseUrl: options.parkingBaseUrl });
  } else {
    const pcns = boroughPcns(options.residents, options.today);
    try {
      parking = createParkingWiring({ pcns });
      const keepers = options.residents.filter((citizen) => vehicleOf(citizen));
      const fined = keepers.filter((citizen) => pcnNumbersOf(citizen).length > 0).length;
      notes.push(`Parking mock: seeded ${count(pcns.length)} PCNs for ${count(fined)} of the ${count(keepers.length)} residents who keep a vehicle.`);
    } catch (error) {
      parking = createParkingWiring();
      notes.push(`Parking mock: the borough's PCNs were not seeded (${error instanceof Error ? error.message : String(error)}); only its fixtures answer.`);
    }
  }
  return { revenues, parking, notes };
}
