import { createWorkingDayCalendar, londonDate } from '@councilkit/cases';
import type { Nation } from '@councilkit/cases';
import { createMockBackOffice, createWebhookPusher, json, validationProblem as validationProblemOf } from '@councilkit/connect/mock';
import type { MockFaultControls, MockHandler, MockRoute, MockWebhookTarget } from '@councilkit/connect/mock';
import { z } from 'zod';
import { ParkingError } from '../errors.js';
import { checkChallengeAllowed } from '../rules/challenge.js';
import { plusDays } from '../rules/dates.js';
import { derivePcnStatus } from '../rules/pcn-lifecycle.js';
import type { PcnEvent, PcnEventType, PcnRules, PcnStatus } from '../rules/pcn-lifecycle.js';
import {
  challengeRequestSchema,
  paymentRequestSchema,
  pcnNumberSchema,
  permitApplicationSchema,
  permitRenewalSchema,
  referenceSchema,
  vehicleChangeSchema,
  visitorSessionRequestSchema,
  vrmSchema,
} from '../schemas.js';
import type { Challenge, Letter, Pcn, Permit, RequestStatus, StatusUpdate, TimelineEntry, VisitorSession } from '../schemas.js';
import { seedPcns, seedPermits, seedZones } from './fixtures.js';
import type { MockPcnRecord } from './fixtures.js';
import { buildSeededPcns } from './seeds.js';
import type { MockPcnSeed } from './seeds.js';
import { problem } from './problem.js';

/**
 * Options for {@link createMockParkingBackOffice}. Every option has a default.
 *
 * @example
 * ```ts
 * const backOffice = createMockParkingBackOffice({ now: () => new Date('2026-11-24T10:00:00Z'), nation: 'scotland' });
 * ```
 */
export interface MockParkingOptions {
  /** Where the mock answers. Default: `https://parking.mock.councilkit.test/v1`. */
  baseUrl?: string;
  /** The clock. Default: `() => new Date()`. Fixtures are dated relative to the first reading. */
  now?: () => Date;
  /** Working days for deemed service of posted letters. Default: `'england-and-wales'`. */
  nation?: Nation;
  /** Override statutory periods (see `PcnRules`). Default: the England defaults. */
  rules?: Partial<PcnRules>;
  /** Most visitor minutes per permit per day. Default: `480`. */
  maxVisitorMinutesPerDay?: number;
  /** Randomness for fault probabilities. Default: `Math.random`. */
  random?: () => number;
  /** Also push every status update, HMAC-signed, to a CRM's webhook. Default: polling only. */
  webhook?: MockWebhookTarget;
  /**
   * Extra PCNs to hold beside the fixtures, such as a demo borough's. Each
   * is checked here, including that its events are possible in order: a bad
   * one throws a `ParkingError` (reason `invalid-options`) naming the record.
   * Default: none.
   */
  pcns?: readonly MockPcnSeed[];
}

/**
 * A decision on a challenge, as the back office's staff would make it.
 *
 * @example
 * ```ts
 * backOffice.decideChallenge('AT10000007', 'CH-SEED-1', { outcome: 'rejected', reason: 'No permit was on display' });
 * ```
 */
export interface MockChallengeDecision {
  outcome: 'accepted' | 'rejected';
  /** The reason given in the decision letter. */
  reason: string;
}

/**
 * A stateful mock parking back office implementing the councilkit parking contract.
 *
 * @example
 * ```ts
 * const backOffice: MockParkingBackOffice = createMockParkingBackOffice();
 * backOffice.recordEvent('AT10000001', { type: 'cancelled' });
 * ```
 */
export interface MockParkingBackOffice {
  /** The base URL it answers on. */
  readonly baseUrl: string;
  /** Answer one request, with the same signature as `fetch`: pass it wherever a fetch is expected. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Answer one request: a `(Request) => Promise<Response>` for msw or any HTTP server. */
  toFetchHandler(): (request: Request) => Promise<Response>;
  /** Inject errors, timeouts, slow answers and malformed bodies. */
  readonly faults: MockFaultControls;
  /** Wait until every status update has been pushed to the webhook (retrying any that failed). */
  flushWebhooks(): Promise<void>;
  /** Decide a challenge or representation (adds the letter, moves the PCN on, and adds to `/updates`). */
  decideChallenge(pcnNumber: string, challengeId: string, decision: MockChallengeDecision): void;
  /** Record a letter or other event on a PCN, dated today unless `on` is given (e.g. a notice to owner). */
  recordEvent(pcnNumber: string, event: { type: PcnEventType; on?: string; amount?: number }): void;
  /** The PCN as `findPcn` would answer it, without needing the VRM. */
  pcn(pcnNumber: string): Pcn | undefined;
}

const ROUTES: MockRoute[] = [
  { method: 'GET', pattern: '/pcns/{pcnNumber}', operation: 'findPcn' },
  { method: 'GET', pattern: '/pcns/{pcnNumber}/timeline', operation: 'getPcnTimeline' },
  { method: 'POST', pattern: '/pcns/{pcnNumber}/payments', operation: 'payPcn' },
  { method: 'POST', pattern: '/pcns/{pcnNumber}/challenges', operation: 'challengePcn' },
  { method: 'GET', pattern: '/pcns/{pcnNumber}/challenges/{challengeId}', operation: 'getChallenge' },
  { method: 'GET', pattern: '/permit-zones', operation: 'listPermitZones' },
  { method: 'POST', pattern: '/permits', operation: 'applyForPermit' },
  { method: 'GET', pattern: '/permits/{permitId}', operation: 'getPermit' },
  { method: 'POST', pattern: '/permits/{permitId}/renewal', operation: 'renewPermit' },
  { method: 'POST', pattern: '/permits/{permitId}/vehicle', operation: 'changePermitVehicle' },
  { method: 'POST', pattern: '/visitor-sessions', operation: 'startVisitorSession' },
  { method: 'GET', pattern: '/updates', operation: 'listUpdates' },
];

const PAGE_SIZE = 100;
const RENEWAL_WINDOW_DAYS = 28;
const MAX_PERMIT_START_DAYS_AHEAD = 90;

const LETTERS: Partial<Record<PcnEventType, Letter['kind']>> = {
  'notice-to-owner-sent': 'notice-to-owner',
  'informal-challenge-rejected': 'challenge-rejection',
  'informal-challenge-accepted': 'challenge-acceptance',
  'notice-of-rejection-sent': 'notice-of-rejection',
  'representation-accepted': 'notice-of-acceptance',
  'charge-certificate-sent': 'charge-certificate',
  'order-for-recovery-sent': 'order-for-recovery',
};

const TITLES: Record<PcnEventType, string> = {
  'informal-challenge-received': 'Informal challenge received',
  'informal-challenge-rejected': 'Informal challenge rejected',
  'informal-challenge-accepted': 'Informal challenge accepted; PCN cancelled',
  'notice-to-owner-sent': 'Notice to owner sent',
  'representation-received': 'Representation received',
  'notice-of-rejection-sent': 'Notice of rejection sent',
  'representation-accepted': 'Representation accepted; PCN cancelled',
  'appeal-lodged': 'Appeal lodged with the tribunal',
  'appeal-allowed': 'Appeal allowed; PCN cancelled',
  'appeal-refused': 'Appeal refused',
  'charge-certificate-sent': 'Charge certificate sent (charge increased by 50%)',
  'order-for-recovery-sent': 'Order for recovery sent',
  'warrant-issued': 'Warrant of control issued to enforcement agents',
  payment: 'Payment received',
  cancelled: 'PCN cancelled',
};

const optionsSchema = z.object({
  baseUrl: z.url().default('https://parking.mock.councilkit.test/v1'),
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).default('england-and-wales'),
  maxVisitorMinutesPerDay: z.int().min(30).max(1440).default(480),
});

/** The day before the same date next year: a 12-month permit. 29 February runs to 28 February. */
function yearEnding(start: string): string {
  const year = Number(start.slice(0, 4)) + 1;
  const monthDay = start.slice(5) === '02-29' ? '03-01' : start.slice(5);
  return plusDays(`${year}-${monthDay}`, -1);
}

/**
 * Create a stateful mock parking back office: seeded PCNs at every kind of
 * stage and resident permits (see {@link MOCK_PARKING_FIXTURES}), plus any
 * `pcns` you seed; stage and
 * amount due always derived by `derivePcnStatus`; payments must match the
 * amount due; challenges follow the stage rules; permits, renewals, vehicle
 * changes and visitor sessions; `Idempotency-Key` honoured; `/updates` paged
 * by cursor; and fault injection.
 *
 * @example
 * ```ts
 * import { createParkingClient } from '@councilkit/parking';
 * import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from '@councilkit/parking/mock';
 *
 * const backOffice = createMockParkingBackOffice();
 * const client = createParkingClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
 * const pcn = await client.findPcn(MOCK_PARKING_FIXTURES.discount);
 * backOffice.faults.inject({ operation: 'payPcn', kind: 'timeout', times: 1 });
 * ```
 */
export function createMockParkingBackOffice(options: MockParkingOptions = {}): MockParkingBackOffice {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new ParkingError('invalid-options', `Invalid mock options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const config = parsed.data;
  const now = options.now ?? (() => new Date());
  const calendar = createWorkingDayCalendar({ nation: config.nation });
  const today = () => londonDate(now());
  const seededOn = today();

  const zones = seedZones();
  const pcns = new Map(seedPcns(seededOn).map((record) => [record.pcnNumber, record]));
  const permits = new Map(seedPermits(seededOn).map((permit) => [permit.permitId, permit]));
  const sessions: VisitorSession[] = [];
  const updates: StatusUpdate[] = [];
  const counters: Record<string, number> = {};
  const nextReference = (prefix: string) => {
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    return `${prefix}-${String(counters[prefix]).padStart(6, '0')}`;
  };
  const webhook = createWebhookPusher(options.webhook, 'parking');
  const update = (reference: string, status: RequestStatus, description: string) => {
    const entry: StatusUpdate = { id: `u-${updates.length + 1}`, reference, status, description, updatedAt: now().toISOString() };
    updates.push(entry);
    webhook.push(entry);
  };

  const statusOf = (record: MockPcnRecord): PcnStatus =>
    derivePcnStatus(
      { issuedOn: record.issuedOn, serviceMethod: record.serviceMethod, amountFull: record.amountFull, events: record.events },
      { today: today(), calendar, ...(options.rules ? { rules: options.rules } : {}) },
    );
  for (const record of buildSeededPcns(options.pcns ?? [], new Set(pcns.keys()), seededOn, statusOf)) pcns.set(record.pcnNumber, record);
  const served = (posted: string) => calendar.addWorkingDays(posted, 2);
  const lettersOf = (record: MockPcnRecord): Letter[] => {
    const letters: Letter[] = record.serviceMethod === 'postal' ? [{ kind: 'penalty-charge-notice', sentOn: record.issuedOn, servedOn: served(record.issuedOn) }] : [];
    for (const event of record.events) {
      const kind = LETTERS[event.type];
      if (kind) letters.push({ kind, sentOn: event.on, servedOn: served(event.on) });
    }
    return letters;
  };
  const view = (record: MockPcnRecord): Pcn => {
    const status = statusOf(record);
    return structuredClone({
      pcnNumber: record.pcnNumber,
      vrm: record.vrm,
      contraventionCode: record.contraventionCode,
      contravention: record.contravention,
      contravenedAt: record.contravenedAt,
      location: record.location,
      issuedOn: record.issuedOn,
      servedOn: status.servedOn,
      serviceMethod: record.serviceMethod,
      stage: status.stage,
      onHold: status.onHold,
      amountFull: status.amountFull,
      amountDiscounted: status.amountDiscounted,
      discountUntil: status.discountUntil,
      amountDue: status.amountDue,
      dueBy: status.dueBy,
      paid: status.paid,
      nextStep: status.nextStep,
      letters: lettersOf(record),
      representations: record.challenges,
    });
  };
  const timelineOf = (record: MockPcnRecord): TimelineEntry[] => {
    const entries: TimelineEntry[] = [{ on: record.issuedOn, kind: 'stage', stage: 'issued', title: record.serviceMethod === 'postal' ? 'PCN posted' : 'PCN issued' }];
    for (const event of record.events) {
      const kind = LETTERS[event.type];
      if (kind) entries.push({ on: event.on, kind: 'letter', title: TITLES[event.type], letter: { kind, sentOn: event.on, servedOn: served(event.on) } });
      else if (event.type === 'payment') entries.push({ on: event.on, kind: 'payment', title: TITLES.payment, ...(event.amount === undefined ? {} : { amount: event.amount }) });
      else if (event.type.endsWith('-received') || event.type.startsWith('appeal')) entries.push({ on: event.on, kind: 'challenge', title: TITLES[event.type] });
      else entries.push({ on: event.on, kind: 'stage', title: TITLES[event.type] });
    }
    const status = statusOf(record);
    if (status.endedBy === 'representation-deemed-accepted') {
      entries.push({ on: today(), kind: 'stage', stage: 'cancelled', title: 'Representation not decided within 56 days, so taken as accepted; PCN cancelled' });
    }
    return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  };

  const notFound = (what = 'PCN') => problem('not-found', 404, `No ${what} matches those details. Check the number and the vehicle registration.`);
  // The VRM must match, and a mismatch looks exactly like an unknown number.
  const findRecord = (pcnNumber: string | undefined, vrm: unknown): MockPcnRecord | undefined => {
    const number = pcnNumberSchema.safeParse(pcnNumber);
    const registration = vrmSchema.safeParse(vrm);
    if (!number.success || !registration.success) return undefined;
    const record = pcns.get(number.data);
    return record && record.vrm === registration.data ? record : undefined;
  };
  const permitView = (permit: Permit): Permit => {
    const status: Permit['status'] = permit.status === 'cancelled' ? 'cancelled' : permit.end < today() ? 'expired' : permit.start > today() ? 'pending' : 'active';
    return { ...permit, status };
  };

  const validationProblem = (issues: Parameters<typeof validationProblemOf>[1]) => validationProblemOf(problem, issues);
  const vrmQuery = (url: URL) => url.searchParams.get('vrm') ?? undefined;

  const handlers: Record<string, MockHandler> = {
    findPcn(params, _body, url) {
      if (!vrmQuery(url)) return problem('validation', 400, 'Give the vehicle registration (vrm) with the PCN number.');
      const record = findRecord(params.pcnNumber, vrmQuery(url));
      return record ? json(200, view(record)) : notFound();
    },
    getPcnTimeline(params, _body, url) {
      if (!vrmQuery(url)) return problem('validation', 400, 'Give the vehicle registration (vrm) with the PCN number.');
      const record = findRecord(params.pcnNumber, vrmQuery(url));
      return record ? json(200, { pcnNumber: record.pcnNumber, entries: timelineOf(record) }) : notFound();
    },
    payPcn(params, body) {
      if (!pcns.has(pcnNumberSchema.safeParse(params.pcnNumber).data ?? '')) return notFound();
      const input = paymentRequestSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const record = findRecord(params.pcnNumber, input.data.vrm);
      if (!record) return notFound();
      const status = statusOf(record);
      if (status.stage === 'paid' || status.stage === 'cancelled') {
        return problem('not-allowed-at-stage', 409, `This PCN is already ${status.stage}; nothing is due.`, { code: status.stage });
      }
      if (input.data.amount !== status.amountDue) {
        return problem('amount-mismatch', 409, `The amount due now is ${status.amountDue} pence${status.dueBy ? `, until ${status.dueBy}` : ''}; the payment was for ${input.data.amount} pence. Take a new payment for the amount due.`, {
          code: 'amount-mismatch',
        });
      }
      record.events.push({ type: 'payment', on: today(), amount: input.data.amount });
      const after = statusOf(record);
      const receiptId = nextReference('RC');
      update(receiptId, 'fixed', `Payment of ${input.data.amount} pence recorded against ${record.pcnNumber}.`);
      return json(201, { receiptId, pcnNumber: record.pcnNumber, amount: input.data.amount, paymentReference: input.data.paymentReference, receivedOn: today(), stage: after.stage, amountDue: after.amountDue });
    },
    challengePcn(params, body) {
      if (!pcns.has(pcnNumberSchema.safeParse(params.pcnNumber).data ?? '')) return notFound();
      const input = challengeRequestSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const record = findRecord(params.pcnNumber, input.data.vrm);
      if (!record) return notFound();
      const allowed = checkChallengeAllowed({ stage: statusOf(record).stage, serviceMethod: record.serviceMethod, kind: input.data.kind });
      if (!allowed.allowed) return problem('not-allowed-at-stage', 409, allowed.message, { code: allowed.code });
      record.events.push({ type: input.data.kind === 'informal' ? 'informal-challenge-received' : 'representation-received', on: today() });
      const challenge: Challenge = {
        challengeId: nextReference('CH'),
        pcnNumber: record.pcnNumber,
        kind: input.data.kind,
        ...(input.data.ground ? { ground: input.data.ground } : {}),
        status: 'received',
        requestStatus: 'open',
        receivedOn: today(),
        evidenceCount: input.data.evidence?.length ?? 0,
      };
      record.challenges.push(challenge);
      update(challenge.challengeId, 'open', `${input.data.kind === 'informal' ? 'Informal challenge' : 'Representation'} received for ${record.pcnNumber}; the PCN is on hold.`);
      return json(201, challenge);
    },
    getChallenge(params, _body, url) {
      if (!vrmQuery(url)) return problem('validation', 400, 'Give the vehicle registration (vrm) with the PCN number.');
      const record = findRecord(params.pcnNumber, vrmQuery(url));
      const challenge = record?.challenges.find((candidate) => candidate.challengeId === params.challengeId);
      return challenge ? json(200, challenge) : notFound('challenge');
    },
    listPermitZones: () => json(200, { zones: zones.map(({ uprns: _uprns, ...zone }) => zone) }),
    applyForPermit(_params, body) {
      const input = permitApplicationSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const application = input.data;
      const zone = zones.find((candidate) => candidate.code === application.zone);
      if (!zone) return problem('not-eligible', 422, `There is no zone ${application.zone}.`, { code: 'unknown-zone' });
      if (!zone.uprns.includes(application.uprn)) return problem('not-eligible', 422, `That property is not in zone ${zone.code} (${zone.name}).`, { code: 'not-in-zone' });
      if (application.startDate < today() || application.startDate > plusDays(today(), MAX_PERMIT_START_DAYS_AHEAD)) {
        return problem('not-eligible', 422, `Choose a start date from today to ${plusDays(today(), MAX_PERMIT_START_DAYS_AHEAD)}.`, { code: 'start-date' });
      }
      const live = [...permits.values()].map(permitView).filter((permit) => permit.zone === zone.code && (permit.status === 'active' || permit.status === 'pending'));
      if (live.some((permit) => permit.vrm === application.vrm)) return problem('not-eligible', 422, `${application.vrm} already has a permit in zone ${zone.code}.`, { code: 'vehicle-already-permitted' });
      if (live.filter((permit) => permit.uprn === application.uprn).length >= zone.maxPermitsPerProperty) {
        return problem('not-eligible', 422, `A property in zone ${zone.code} can have at most ${zone.maxPermitsPerProperty} resident permits.`, { code: 'limit-reached' });
      }
      const permit: Permit = {
        permitId: nextReference('PRM'),
        zone: zone.code,
        type: 'resident',
        vrm: application.vrm,
        uprn: application.uprn,
        holderName: application.holderName,
        start: application.startDate,
        end: yearEnding(application.startDate),
        price: zone.residentPermitPrice,
        status: 'active',
        requestStatus: 'fixed',
      };
      permits.set(permit.permitId, permit);
      update(permit.permitId, 'fixed', `Resident permit issued for ${permit.vrm} in zone ${zone.code} from ${permit.start}.`);
      return json(201, permitView(permit));
    },
    getPermit(params) {
      const permit = permits.get(referenceSchema.safeParse(params.permitId).data ?? '');
      return permit ? json(200, permitView(permit)) : notFound('permit');
    },
    renewPermit(params, body) {
      const permit = permits.get(referenceSchema.safeParse(params.permitId).data ?? '');
      if (!permit) return notFound('permit');
      const input = permitRenewalSchema.safeParse(body ?? {});
      if (!input.success) return validationProblem(input.error.issues);
      if (permit.status === 'cancelled') return problem('not-eligible', 422, 'A cancelled permit cannot be renewed; apply for a new one.', { code: 'cancelled' });
      const opens = plusDays(permit.end, -(RENEWAL_WINDOW_DAYS - 1));
      if (today() < opens) return problem('not-eligible', 422, `This permit can be renewed from ${opens}.`, { code: 'too-early-to-renew' });
      const zone = zones.find((candidate) => candidate.code === permit.zone);
      const start = permit.end < today() ? today() : plusDays(permit.end, 1);
      permit.end = yearEnding(start);
      permit.price = zone?.residentPermitPrice ?? permit.price;
      if (input.data.vrm) permit.vrm = input.data.vrm;
      update(permit.permitId, 'fixed', `Permit renewed to ${permit.end}.`);
      return json(201, permitView(permit));
    },
    changePermitVehicle(params, body) {
      const permit = permits.get(referenceSchema.safeParse(params.permitId).data ?? '');
      if (!permit) return notFound('permit');
      const input = vehicleChangeSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const current = permitView(permit);
      if (current.status === 'cancelled' || current.status === 'expired') return problem('not-eligible', 422, `This permit is ${current.status}.`, { code: current.status });
      if (input.data.from < today() || input.data.from > permit.end) {
        return problem('not-eligible', 422, `Choose a date from ${today()} to ${permit.end}, when the permit ends.`, { code: 'date-outside-permit' });
      }
      if (input.data.vrm === permit.vrm) return problem('not-eligible', 422, `The permit is already for ${permit.vrm}.`, { code: 'same-vehicle' });
      permit.vrm = input.data.vrm;
      update(permit.permitId, 'fixed', `Vehicle changed to ${permit.vrm} from ${input.data.from}.`);
      return json(201, permitView(permit));
    },
    startVisitorSession(_params, body) {
      const input = visitorSessionRequestSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const permit = permits.get(input.data.permitId);
      if (!permit) return problem('not-eligible', 422, 'There is no permit with that number.', { code: 'unknown-permit' });
      const startInstant = new Date(input.data.start);
      const startDay = londonDate(startInstant);
      if (permitView(permit).status !== 'active' || startDay < today() || startDay > permit.end) {
        return problem('not-eligible', 422, 'Visitor sessions need an active permit and a start from today until the permit ends.', { code: 'permit-not-active' });
      }
      const used = sessions.filter((session) => session.permitId === permit.permitId && londonDate(new Date(session.start)) === startDay).reduce((sum, session) => sum + (Date.parse(session.end) - Date.parse(session.start)) / 60_000, 0);
      if (used + input.data.durationMinutes > config.maxVisitorMinutesPerDay) {
        return problem('not-eligible', 422, `A permit can have at most ${config.maxVisitorMinutesPerDay / 60} hours of visitor parking a day; ${used / 60} hours are already booked.`, { code: 'daily-limit' });
      }
      const zone = zones.find((candidate) => candidate.code === permit.zone);
      const session: VisitorSession = {
        sessionId: nextReference('VS'),
        permitId: permit.permitId,
        zone: permit.zone,
        vrm: input.data.vrm,
        start: startInstant.toISOString(),
        end: new Date(startInstant.getTime() + input.data.durationMinutes * 60_000).toISOString(),
        price: Math.ceil(((zone?.visitorHourlyPrice ?? 0) * input.data.durationMinutes) / 60),
      };
      sessions.push(session);
      return json(201, session);
    },
    listUpdates(_params, _body, url) {
      const since = url.searchParams.get('since');
      if (since !== null && !/^\d{1,12}$/.test(since)) return problem('validation', 400, 'since must be a cursor from a previous page.');
      const start = since === null ? 0 : Number(since);
      const page = updates.slice(start, start + PAGE_SIZE);
      return json(200, { updates: page, cursor: String(start + page.length) });
    },
  };

  const server = createMockBackOffice({ baseUrl: config.baseUrl, routes: ROUTES, handlers, problem, malformedBody: '{"pcnNumber":"AT1', random: options.random });
  const requirePcn = (pcnNumber: string) => {
    const record = pcns.get(pcnNumber);
    if (!record) throw new ParkingError('not-found', `The mock has no PCN ${pcnNumber}`);
    return record;
  };
  const addEvent = (record: MockPcnRecord, event: PcnEvent) => {
    record.events.push(event);
    try {
      statusOf(record);
    } catch (error) {
      record.events.pop();
      throw error;
    }
  };
  return {
    ...server,
    flushWebhooks: () => webhook.flush(),
    decideChallenge(pcnNumber, challengeId, decision) {
      const record = requirePcn(pcnNumber);
      const challenge = record.challenges.find((candidate) => candidate.challengeId === challengeId);
      if (!challenge || challenge.status !== 'received') throw new ParkingError('not-found', `The mock has no undecided challenge ${challengeId} on ${pcnNumber}`);
      const accepted = decision.outcome === 'accepted';
      const type: PcnEventType =
        challenge.kind === 'informal'
          ? accepted
            ? 'informal-challenge-accepted'
            : 'informal-challenge-rejected'
          : accepted
            ? 'representation-accepted'
            : 'notice-of-rejection-sent';
      addEvent(record, { type, on: today() });
      challenge.status = accepted ? 'accepted' : 'rejected';
      challenge.requestStatus = accepted ? 'closed' : 'no_further_action';
      challenge.decidedOn = today();
      challenge.decisionReason = decision.reason;
      update(challengeId, challenge.requestStatus, accepted ? `Challenge accepted: ${decision.reason}` : `Challenge rejected: ${decision.reason}`);
    },
    recordEvent(pcnNumber, event) {
      addEvent(requirePcn(pcnNumber), { type: event.type, on: event.on ?? today(), ...(event.amount === undefined ? {} : { amount: event.amount }) });
    },
    pcn(pcnNumber) {
      const record = pcns.get(pcnNumber);
      return record ? view(record) : undefined;
    },
  };
}
