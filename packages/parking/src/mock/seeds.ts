import { z } from 'zod';
import { ParkingError } from '../errors.js';
import { isoDateSchema } from '../rules/dates.js';
import { PCN_EVENT_TYPES } from '../rules/pcn-lifecycle.js';
import type { PcnEvent, PcnEventType, PcnServiceMethod } from '../rules/pcn-lifecycle.js';
import { pcnNumberSchema, vrmSchema } from '../schemas.js';
import type { Challenge } from '../schemas.js';
import { pcnRecord } from './fixtures.js';
import type { MockPcnRecord } from './fixtures.js';

const mockPcnSeedSchema = z.strictObject({
  pcnNumber: pcnNumberSchema,
  vrm: vrmSchema,
  issuedOn: isoDateSchema,
  serviceMethod: z.enum(['affixed', 'handed', 'postal']).default('affixed'),
  contraventionCode: z.string().regex(/^[0-9]{2}[a-z]?$/, 'A contravention code is two digits and an optional suffix letter, like 01 or 12'),
  contravention: z.string().trim().min(1).max(200),
  location: z.string().trim().min(1).max(200),
  contravenedAt: z.iso.datetime({ offset: true }).optional(),
  amountFull: z.int().min(1).max(10_000_000).default(7_000),
  events: z
    .array(z.strictObject({ type: z.enum(PCN_EVENT_TYPES), on: isoDateSchema, amount: z.int().min(1).max(10_000_000).optional() }))
    .max(50)
    .default([]),
});

/**
 * An extra PCN for the mock parking back office to hold beside its
 * fixtures: only the facts and what has happened since. The mock derives
 * the stage, the amount due and the discount date from them on every read,
 * with the same rules as for its fixtures, so a PCN issued 20 days ago is
 * at the full charge and one with a charge certificate owes half as much
 * again.
 *
 * @example
 * ```ts
 * const seed: MockPcnSeed = {
 *   pcnNumber: 'AT50000001',
 *   vrm: 'LK19 ABC',
 *   issuedOn: '2026-10-01',
 *   contraventionCode: '01',
 *   contravention: 'Parked in a restricted street during prescribed hours',
 *   location: 'High Street, Anytown',
 *   events: [{ type: 'notice-to-owner-sent', on: '2026-11-02' }],
 * };
 * ```
 */
export interface MockPcnSeed {
  /** The PCN number: 8 to 12 letters and digits. */
  pcnNumber: string;
  /** The vehicle registration; lookups need it with the number. */
  vrm: string;
  /** The day the PCN was issued (affixed, handed over or posted), `YYYY-MM-DD`, not after today. */
  issuedOn: string;
  /** Default: `'affixed'` (by a civil enforcement officer). */
  serviceMethod?: PcnServiceMethod;
  /** Two digits and an optional suffix letter, e.g. `'01'`. */
  contraventionCode: string;
  contravention: string;
  location: string;
  /** When the contravention was seen (ISO 8601 with offset). Default: 10:42 on the day of issue. */
  contravenedAt?: string;
  /** The full charge in pence. Default: `7000`. */
  amountFull?: number;
  /**
   * What has happened since, such as letters sent and payments; they must
   * be possible in that order under the PCN rules. A challenge or
   * representation received is held as one, decided by a later acceptance
   * or rejection. Default: none.
   */
  events?: PcnEvent[];
}

const DECISIONS: Partial<Record<PcnEventType, { kind: Challenge['kind']; accepted: boolean }>> = {
  'informal-challenge-accepted': { kind: 'informal', accepted: true },
  'informal-challenge-rejected': { kind: 'informal', accepted: false },
  'representation-accepted': { kind: 'representation', accepted: true },
  'notice-of-rejection-sent': { kind: 'representation', accepted: false },
};

/** The challenges a PCN's events show: one for each received, decided by the next matching decision. */
function challengesOf(pcnNumber: string, events: PcnEvent[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const event of [...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    if (event.type === 'informal-challenge-received' || event.type === 'representation-received') {
      const kind = event.type === 'informal-challenge-received' ? 'informal' : 'representation';
      challenges.push({ challengeId: `CH-${pcnNumber}-${challenges.length + 1}`, pcnNumber, kind, status: 'received', requestStatus: 'open', receivedOn: event.on, evidenceCount: 0 });
      continue;
    }
    const decision = DECISIONS[event.type];
    const open = decision && challenges.find((challenge) => challenge.kind === decision.kind && challenge.status === 'received');
    if (decision && open) {
      open.status = decision.accepted ? 'accepted' : 'rejected';
      open.requestStatus = decision.accepted ? 'closed' : 'no_further_action';
      open.decidedOn = event.on;
    }
  }
  return challenges;
}

/**
 * Check the seeds at the mock's boundary and build their records. A bad
 * seed throws a `ParkingError` with reason `invalid-options` naming the
 * record (its position and PCN number) and what is wrong; `check` is given
 * each record to prove its events are possible (it throws if not).
 */
export function buildSeededPcns(seeds: unknown, taken: Set<string>, today: string, check: (record: MockPcnRecord) => void): MockPcnRecord[] {
  if (!Array.isArray(seeds)) throw new ParkingError('invalid-options', 'pcns must be a list of PCN seeds');
  return seeds.map((raw: unknown, index) => {
    const number = (raw as { pcnNumber?: unknown } | null)?.pcnNumber;
    const name = `Seeded PCN ${index + 1}${typeof number === 'string' ? ` (${number})` : ''}`;
    const parsed = mockPcnSeedSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new ParkingError('invalid-options', `${name}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`, { issues });
    }
    const seed = parsed.data;
    if (taken.has(seed.pcnNumber)) throw new ParkingError('invalid-options', `${name}: the mock already holds PCN ${seed.pcnNumber}`);
    if (seed.issuedOn > today) throw new ParkingError('invalid-options', `${name}: issued on ${seed.issuedOn}, after today (${today})`);
    const events = seed.events.map((event) => ({ type: event.type, on: event.on, ...(event.amount === undefined ? {} : { amount: event.amount }) }));
    const record = pcnRecord({ ...seed, events });
    record.challenges = challengesOf(record.pcnNumber, events);
    try {
      check(record);
    } catch (error) {
      throw new ParkingError('invalid-options', `${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    taken.add(seed.pcnNumber);
    return record;
  });
}
