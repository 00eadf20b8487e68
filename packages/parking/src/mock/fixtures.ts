import { plusDays } from '../rules/dates.js';
import type { PcnEvent, PcnServiceMethod } from '../rules/pcn-lifecycle.js';
import type { MockPcnSeed } from './seeds.js';
import type { Challenge, Permit, Zone } from '../schemas.js';

/** A PCN as the mock stores it: facts and events only; stage and amounts are always derived. */
export interface MockPcnRecord {
  pcnNumber: string;
  vrm: string;
  contraventionCode: string;
  contravention: string;
  contravenedAt: string;
  location: string;
  issuedOn: string;
  serviceMethod: PcnServiceMethod;
  amountFull: number;
  events: PcnEvent[];
  challenges: Challenge[];
}

/**
 * The seeded PCNs' and permits' fixed numbers, for tests and the conformance description.
 *
 * @example
 * ```ts
 * await client.findPcn(MOCK_PARKING_FIXTURES.discount);
 * ```
 */
export const MOCK_PARKING_FIXTURES = {
  /** Issued 3 days ago by an officer: in the discount period. */
  discount: { pcnNumber: 'AT10000001', vrm: 'AB12CDE' },
  /** Issued 5 days ago: an informal challenge can be made. */
  challengeable: { pcnNumber: 'AT10000002', vrm: 'CD34EFG' },
  /** A notice to owner was sent 15 days ago: a formal representation can be made. */
  noticeToOwner: { pcnNumber: 'AT10000003', vrm: 'EF56GHJ' },
  /** A camera PCN posted 10 days ago (21-day discount). */
  postal: { pcnNumber: 'AT20000004', vrm: 'GH78JKL' },
  /** A charge certificate was sent 50 days ago. */
  chargeCertificate: { pcnNumber: 'AT10000005', vrm: 'JK90LMN' },
  /** Paid at the discount. */
  paid: { pcnNumber: 'AT10000006', vrm: 'LM12NOP' },
  /** Has an informal challenge waiting for a decision. */
  challenged: { pcnNumber: 'AT10000007', vrm: 'NP34QRS', challengeId: 'CH-SEED-1' },
  /** A resident permit ending in 24 days: can be renewed. */
  renewablePermit: { permitId: 'PRM-SEED-1', zone: 'A' },
  /** A resident permit with most of its year left: change vehicle, visitor sessions. */
  activePermit: { permitId: 'PRM-SEED-2', zone: 'A' },
  /** A property in zone A with no permit yet. */
  propertyInZone: { uprn: 100_090_000_103, zone: 'A' },
} as const;

/** The seeded zones, and the UPRNs in each. */
export function seedZones(): (Zone & { uprns: number[] })[] {
  return [
    { code: 'A', name: 'Anytown Central', residentPermitPrice: 12_000, visitorHourlyPrice: 150, maxPermitsPerProperty: 2, uprns: [100_090_000_101, 100_090_000_102, 100_090_000_103] },
    { code: 'B', name: 'Riverside', residentPermitPrice: 9_000, visitorHourlyPrice: 120, maxPermitsPerProperty: 1, uprns: [100_090_000_201] },
  ];
}

/** The facts a PCN is built from (a seed with its service method settled); stage and amounts are derived from them on every read. */
export type MockPcnFacts = Omit<MockPcnSeed, 'serviceMethod'> & { serviceMethod: PcnServiceMethod };

/** A stored PCN from its facts, with no challenges yet. Fixtures and seeded PCNs are both built here. */
export function pcnRecord(facts: MockPcnFacts): MockPcnRecord {
  return {
    pcnNumber: facts.pcnNumber,
    vrm: facts.vrm,
    contraventionCode: facts.contraventionCode,
    contravention: facts.contravention,
    contravenedAt: facts.contravenedAt ?? `${facts.issuedOn}T10:42:00+00:00`,
    location: facts.location,
    issuedOn: facts.issuedOn,
    serviceMethod: facts.serviceMethod,
    amountFull: facts.amountFull ?? 7_000,
    events: facts.events ?? [],
    challenges: [],
  };
}

/** The seeded PCNs, dated relative to `today`. */
export function seedPcns(today: string): MockPcnRecord[] {
  const f = MOCK_PARKING_FIXTURES;
  const day = (offset: number) => plusDays(today, offset);
  const pcn = (
    fixture: { pcnNumber: string; vrm: string },
    issuedOn: string,
    serviceMethod: PcnServiceMethod,
    contraventionCode: string,
    contravention: string,
    location: string,
    events: PcnEvent[] = [],
  ): MockPcnRecord => pcnRecord({ ...fixture, issuedOn, serviceMethod, contraventionCode, contravention, location, events });
  const restricted = 'Parked in a restricted street during prescribed hours';
  const resident = "Parked in a residents' or shared use parking place without clearly displaying a valid permit";
  const challenged = pcn(f.challenged, day(-6), 'affixed', '12', resident, 'Elm Road, Anytown', [{ type: 'informal-challenge-received', on: day(-2) }]);
  challenged.challenges.push({
    challengeId: f.challenged.challengeId,
    pcnNumber: f.challenged.pcnNumber,
    kind: 'informal',
    status: 'received',
    requestStatus: 'open',
    receivedOn: day(-2),
    evidenceCount: 1,
  });
  return [
    pcn(f.discount, day(-3), 'affixed', '01', restricted, 'High Street, Anytown'),
    pcn(f.challengeable, day(-5), 'affixed', '12', resident, 'Station Road, Anytown'),
    pcn(f.noticeToOwner, day(-45), 'affixed', '01', restricted, 'Market Place, Anytown', [{ type: 'notice-to-owner-sent', on: day(-15) }]),
    pcn(f.postal, day(-10), 'postal', '31', 'Entered and stopped in a box junction when prohibited', 'London Road junction, Anytown'),
    pcn(f.chargeCertificate, day(-120), 'affixed', '01', restricted, 'Church Lane, Anytown', [
      { type: 'notice-to-owner-sent', on: day(-90) },
      { type: 'charge-certificate-sent', on: day(-50) },
    ]),
    pcn(f.paid, day(-20), 'affixed', '12', resident, 'Mill Street, Anytown', [{ type: 'payment', on: day(-10), amount: 3_500 }]),
    challenged,
  ];
}

/** The seeded permits, dated relative to `today`. */
export function seedPermits(today: string): Permit[] {
  const f = MOCK_PARKING_FIXTURES;
  return [
    {
      permitId: f.renewablePermit.permitId,
      zone: 'A',
      type: 'resident',
      vrm: 'AB12CDE',
      uprn: 100_090_000_101,
      holderName: 'Ada Lovelace',
      start: plusDays(today, -340),
      end: plusDays(today, 24),
      price: 12_000,
      status: 'active',
      requestStatus: 'fixed',
    },
    {
      permitId: f.activePermit.permitId,
      zone: 'A',
      type: 'resident',
      vrm: 'CD34EFG',
      uprn: 100_090_000_102,
      holderName: 'Charles Babbage',
      start: plusDays(today, -100),
      end: plusDays(today, 264),
      price: 12_000,
      status: 'active',
      requestStatus: 'fixed',
    },
  ];
}
