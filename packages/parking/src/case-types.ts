import { createWorkingDayCalendar, defineCaseType, londonDate } from '@councilkit/cases';
import type { CaseType, Nation, StateConfig, TransitionConfig } from '@councilkit/cases';
import { z } from 'zod';
import { checkChallengeAllowed } from './rules/challenge.js';
import { plusDays } from './rules/dates.js';
import { derivePcnStatus, PCN_EVENT_TYPES, PCN_STAGES } from './rules/pcn-lifecycle.js';
import type { PcnEvent, PcnEventType, PcnRules, PcnStage, PcnStatus } from './rules/pcn-lifecycle.js';
import { evidenceSchema, pcnNumberSchema, REPRESENTATION_GROUNDS, vrmSchema } from './schemas.js';

/**
 * The outbox destination (and external-reference system) of every parking referral.
 *
 * @example
 * ```ts
 * const messages = await store.listOutbox({}); // destination === PARKING_DESTINATION
 * ```
 */
export const PARKING_DESTINATION = 'parking';

const isoDate = z.iso.date();

/**
 * zod schema of a `parking.pcn` case's data: the PCN's facts, the only input the lifecycle trusts.
 *
 * @example
 * ```ts
 * const checked = pcnCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const pcnCaseDataSchema = z.object({
  pcnNumber: pcnNumberSchema,
  vrm: vrmSchema,
  issuedOn: isoDate,
  serviceMethod: z.enum(['affixed', 'handed', 'postal']),
  amountFull: z.int().min(1).max(10_000_000),
  events: z.array(z.object({ type: z.enum(PCN_EVENT_TYPES), on: isoDate, amount: z.int().min(1).max(10_000_000).optional() })).max(500),
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).default('england-and-wales'),
});
/**
 * Data of a `parking.pcn` case.
 *
 * @example
 * ```ts
 * const value: PcnCaseData = pcnCaseDataSchema.parse(input);
 * ```
 */
export type PcnCaseData = z.infer<typeof pcnCaseDataSchema>;

const challengeFields = {
  pcnNumber: pcnNumberSchema,
  vrm: vrmSchema,
  serviceMethod: z.enum(['affixed', 'handed', 'postal']),
  /** The PCN's stage when the agent looked it up. */
  stage: z.enum(PCN_STAGES),
  statement: z.string().trim().min(1).max(5000),
  evidence: z.array(evidenceSchema).max(10).optional(),
  contactEmail: z.email().max(254).optional(),
};

/**
 * zod schema of a `parking.challenge` (informal challenge) case's data.
 *
 * @example
 * ```ts
 * const checked = challengeCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const challengeCaseDataSchema = z.object(challengeFields);
/**
 * Data of a `parking.challenge` case.
 *
 * @example
 * ```ts
 * const value: ChallengeCaseData = challengeCaseDataSchema.parse(input);
 * ```
 */
export type ChallengeCaseData = z.infer<typeof challengeCaseDataSchema>;

/**
 * zod schema of a `parking.representation` (formal representation) case's data.
 *
 * @example
 * ```ts
 * const checked = representationCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const representationCaseDataSchema = z.object({ ...challengeFields, ground: z.enum(REPRESENTATION_GROUNDS) });
/**
 * Data of a `parking.representation` case.
 *
 * @example
 * ```ts
 * const value: RepresentationCaseData = representationCaseDataSchema.parse(input);
 * ```
 */
export type RepresentationCaseData = z.infer<typeof representationCaseDataSchema>;

/**
 * zod schema of a `parking.permit-application` case's data.
 *
 * @example
 * ```ts
 * const checked = permitApplicationCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const permitApplicationCaseDataSchema = z.object({
  zone: z.string().regex(/^[A-Z0-9]{1,4}$/),
  vrm: vrmSchema,
  uprn: z.int().min(1).max(999_999_999_999),
  holderName: z.string().trim().min(1).max(200),
  startDate: isoDate,
});
/**
 * Data of a `parking.permit-application` case.
 *
 * @example
 * ```ts
 * const value: PermitApplicationCaseData = permitApplicationCaseDataSchema.parse(input);
 * ```
 */
export type PermitApplicationCaseData = z.infer<typeof permitApplicationCaseDataSchema>;

/**
 * Options for {@link createParkingCaseTypes}.
 *
 * @example
 * ```ts
 * const parking = createParkingCaseTypes({ rules: { recoveryRegistrationFee: 900 }, team: 'parking-services' });
 * ```
 */
export interface ParkingCaseTypesOptions {
  /** Override statutory periods (see `PcnRules`). Default: the England defaults. */
  rules?: Partial<PcnRules>;
  /** The council's own closure days, on top of bank holidays. Default: none. */
  closures?: readonly string[];
  /** Most days ahead a permit may start. Default: `90`. */
  permitStartDaysAhead?: number;
  /** Team that works referred parking cases. Default: `'parking'`. */
  team?: string;
  /** Team that takes contacts first. Default: `'contact-centre'`. */
  frontOfficeTeam?: string;
}

/**
 * The parking case types, and all of them as a list for `createCaseEngine({ caseTypes })`.
 *
 * @example
 * ```ts
 * const { pcn, all } = createParkingCaseTypes();
 * pcn.transitionsFrom('discount'); // ['discount-expired', 'receive-challenge', ...]
 * ```
 */
export interface ParkingCaseTypes {
  /** `parking.pcn`: the Traffic Management Act 2004 lifecycle as states and transitions. */
  pcn: CaseType<PcnCaseData>;
  /** `parking.challenge`: an informal challenge, referred as `challengePcn`. */
  challenge: CaseType<ChallengeCaseData>;
  /** `parking.representation`: a formal representation on a statutory ground, referred as `challengePcn`. */
  representation: CaseType<RepresentationCaseData>;
  /** `parking.permit-application`: a resident permit, referred as `applyForPermit`. */
  permitApplication: CaseType<PermitApplicationCaseData>;
  /** All four. */
  all: readonly CaseType[];
}

const OPEN_STAGES = PCN_STAGES.filter((stage) => stage !== 'paid' && stage !== 'cancelled');

/**
 * The PCN lifecycle as data: each transition names the stage it leaves, the
 * stage it reaches, and the event it records (if any). A guard re-derives the
 * stage from the PCN's facts with the recorded event added, so the case can
 * only move where the statutory lifecycle says it has gone.
 */
const PCN_TRANSITIONS: Record<string, { from: readonly PcnStage[]; to: PcnStage; event?: PcnEventType; title: string }> = {
  'start-discount': { from: ['issued'], to: 'discount', title: 'Served: discount period starts' },
  'discount-expired': { from: ['discount'], to: 'full-charge', title: 'Discount period ended' },
  'receive-challenge': { from: ['issued', 'discount', 'full-charge'], to: 'informal-challenge', event: 'informal-challenge-received', title: 'Informal challenge received' },
  'reject-challenge': { from: ['informal-challenge'], to: 'discount', event: 'informal-challenge-rejected', title: 'Challenge rejected; discount offered again' },
  'reject-challenge-full-charge': { from: ['informal-challenge'], to: 'full-charge', event: 'informal-challenge-rejected', title: 'Challenge rejected' },
  'accept-challenge': { from: ['informal-challenge'], to: 'cancelled', event: 'informal-challenge-accepted', title: 'Challenge accepted' },
  'send-notice-to-owner': { from: ['full-charge'], to: 'notice-to-owner', event: 'notice-to-owner-sent', title: 'Notice to owner sent' },
  'receive-representation': { from: ['issued', 'discount', 'full-charge', 'notice-to-owner'], to: 'representation', event: 'representation-received', title: 'Representation received' },
  'reject-representation': { from: ['representation'], to: 'notice-of-rejection', event: 'notice-of-rejection-sent', title: 'Notice of rejection sent' },
  'accept-representation': { from: ['representation'], to: 'cancelled', event: 'representation-accepted', title: 'Representation accepted' },
  'deem-accepted': { from: ['representation'], to: 'cancelled', title: 'Representation not decided in time: taken as accepted' },
  'lodge-appeal': { from: ['notice-of-rejection'], to: 'appeal', event: 'appeal-lodged', title: 'Appeal lodged with the tribunal' },
  'allow-appeal': { from: ['appeal'], to: 'cancelled', event: 'appeal-allowed', title: 'Appeal allowed' },
  'refuse-appeal': { from: ['appeal'], to: 'appeal-refused', event: 'appeal-refused', title: 'Appeal refused' },
  'send-charge-certificate': {
    from: ['full-charge', 'notice-to-owner', 'notice-of-rejection', 'appeal-refused'],
    to: 'charge-certificate',
    event: 'charge-certificate-sent',
    title: 'Charge certificate sent (+50%)',
  },
  'send-order-for-recovery': { from: ['charge-certificate'], to: 'order-for-recovery', event: 'order-for-recovery-sent', title: 'Order for recovery sent' },
  'issue-warrant': { from: ['order-for-recovery'], to: 'enforcement', event: 'warrant-issued', title: 'Warrant of control issued' },
  'record-payment': { from: OPEN_STAGES, to: 'paid', event: 'payment', title: 'Paid in full' },
  cancel: { from: OPEN_STAGES, to: 'cancelled', event: 'cancelled', title: 'Cancelled by the council' },
};

const STAGE_TITLES: Record<PcnStage, string> = {
  issued: 'Issued, not yet served',
  discount: 'Discount period',
  'full-charge': 'Full charge',
  'informal-challenge': 'Informal challenge being considered',
  'notice-to-owner': 'Notice to owner',
  representation: 'Representation being considered',
  'notice-of-rejection': 'Notice of rejection',
  appeal: 'Appeal at the tribunal',
  'appeal-refused': 'Appeal refused',
  'charge-certificate': 'Charge certificate',
  'order-for-recovery': 'Order for recovery',
  enforcement: 'With enforcement agents',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

const ON_HOLD: readonly PcnStage[] = ['informal-challenge', 'representation', 'appeal'];

/**
 * Create the parking case types with `defineCaseType` from
 * `@councilkit/cases`: the PCN lifecycle itself (states are the statutory
 * stages; each move is checked against `derivePcnStatus`, and recording a
 * payment refers `payPcn` for exactly the derived amount due), informal
 * challenges and formal representations (guarded by the stage rules,
 * referred as `challengePcn`), and resident permit applications (referred as
 * `applyForPermit`).
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryStore } from '@councilkit/cases';
 * import { createParkingCaseTypes } from '@councilkit/parking';
 *
 * const parking = createParkingCaseTypes();
 * const engine = createCaseEngine({ store: createMemoryStore(), caseTypes: parking.all });
 * const { caseId } = await engine.open({
 *   actor, idempotencyKey: 'pcn-open', caseType: 'parking.pcn', channel: 'web',
 *   data: { pcnNumber: 'AT10000001', vrm: 'AB12CDE', issuedOn: '2026-11-21', serviceMethod: 'affixed', amountFull: 7000, events: [] },
 * });
 * await engine.transition({ actor, idempotencyKey: 'pcn-served', caseId, transition: 'start-discount' });
 * ```
 */
export function createParkingCaseTypes(options: ParkingCaseTypesOptions = {}): ParkingCaseTypes {
  const team = options.team ?? 'parking';
  const front = options.frontOfficeTeam ?? 'contact-centre';
  const calendars = new Map<Nation, ReturnType<typeof createWorkingDayCalendar>>();
  const calendarFor = (nation: Nation) => {
    let calendar = calendars.get(nation);
    if (!calendar) {
      calendar = createWorkingDayCalendar({ nation, closures: [...(options.closures ?? [])] });
      calendars.set(nation, calendar);
    }
    return calendar;
  };
  const derive = (data: PcnCaseData, events: PcnEvent[], now: Date): PcnStatus =>
    derivePcnStatus(
      { issuedOn: data.issuedOn, serviceMethod: data.serviceMethod, amountFull: data.amountFull, events },
      { today: londonDate(now), calendar: calendarFor(data.nation), ...(options.rules ? { rules: options.rules } : {}) },
    );
  const eventFor = (transition: string, data: PcnCaseData, now: Date): PcnEvent | undefined => {
    const event = PCN_TRANSITIONS[transition]?.event;
    if (!event) return undefined;
    if (event === 'payment') return { type: 'payment', on: londonDate(now), amount: derive(data, data.events, now).amountDue };
    return { type: event, on: londonDate(now) };
  };

  const pcnStates: Record<string, StateConfig> = Object.fromEntries(
    PCN_STAGES.map((stage) => [
      stage,
      {
        title: STAGE_TITLES[stage],
        ...(stage === 'paid' || stage === 'cancelled' ? { terminal: true } : { owner: { team, queue: stage } }),
        ...(ON_HOLD.includes(stage) ? { pausesSla: true } : {}),
      },
    ]),
  );
  const pcnTransitions: Record<string, TransitionConfig> = Object.fromEntries(
    Object.entries(PCN_TRANSITIONS).map(([name, transition]) => [
      name,
      {
        from: transition.from,
        to: transition.to,
        title: transition.title,
        guards: name === 'record-payment' ? ['lifecycleAllows', 'somethingDue', 'paymentReferenceGiven'] : ['lifecycleAllows'],
        effects: name === 'record-payment' ? ['referPayment', 'recordEvent'] : transition.event ? ['recordEvent'] : [],
      },
    ]),
  );

  const pcn = defineCaseType({
    name: 'parking.pcn',
    version: 1,
    title: 'Penalty charge notice',
    schema: pcnCaseDataSchema,
    initial: 'issued',
    states: pcnStates,
    transitions: pcnTransitions,
    guards: {
      lifecycleAllows: (ctx) => {
        const target = PCN_TRANSITIONS[ctx.transition]?.to;
        const event = eventFor(ctx.transition, ctx.data, ctx.now);
        let status: PcnStatus;
        try {
          status = derive(ctx.data, event ? [...ctx.data.events, event] : ctx.data.events, ctx.now);
        } catch (error) {
          return (error as Error).message;
        }
        if (status.stage === target) return true;
        return `The PCN's dates say it is at stage "${status.stage}"${status.nextStep ? ` (next: ${status.nextStep.stage} from ${status.nextStep.from})` : ''}, so it cannot move to "${target}" now.`;
      },
      // A paid or cancelled PCN stays at its stage with a payment added, so the lifecycle alone would let a second payment through.
      somethingDue: (ctx) => derive(ctx.data, ctx.data.events, ctx.now).amountDue > 0 || 'Nothing is due on this PCN: it is paid or cancelled.',
      paymentReferenceGiven: (ctx) =>
        (typeof ctx.payload.paymentReference === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(ctx.payload.paymentReference)) ||
        'Give the payment provider\'s reference (paymentReference) to record a payment.',
    },
    effects: {
      recordEvent: {
        kind: 'update-data',
        update: (ctx) => {
          const event = eventFor(ctx.transition, ctx.data, ctx.now);
          return event ? { events: [...ctx.data.events, event] } : {};
        },
      },
      referPayment: {
        kind: 'refer',
        destination: PARKING_DESTINATION,
        operation: 'payPcn',
        // The amount comes from the lifecycle, never from whoever asked for the move.
        payload: (ctx) => ({
          pcnNumber: ctx.data.pcnNumber,
          vrm: ctx.data.vrm,
          amount: derive(ctx.data, ctx.data.events, ctx.now).amountDue,
          paymentReference: String(ctx.payload.paymentReference),
        }),
      },
    },
  });

  const challengeLike = <Kind extends 'informal' | 'representation'>(kind: Kind) => ({
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'parking' } },
      referred: { title: kind === 'informal' ? 'Challenge being considered' : 'Representation being considered', owner: { team, queue: kind === 'informal' ? 'challenges' : 'representations' }, pausesSla: false },
      resolved: { title: 'Decided', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      submit: { from: 'received', to: 'referred', title: kind === 'informal' ? 'Send the challenge' : 'Send the representation', guards: ['allowedAtStage'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      accepted: { from: 'referred', to: 'resolved', title: 'Accepted: PCN cancelled' },
      rejected: { from: 'referred', to: 'resolved', title: 'Rejected' },
      withdrawn: { from: ['received', 'referred'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
  });

  const challenge = defineCaseType({
    name: 'parking.challenge',
    version: 1,
    title: 'Parking: informal challenge',
    schema: challengeCaseDataSchema,
    ...challengeLike('informal'),
    guards: {
      allowedAtStage: (ctx) => {
        const answer = checkChallengeAllowed({ stage: ctx.data.stage, serviceMethod: ctx.data.serviceMethod, kind: 'informal' });
        return answer.allowed || answer.message;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: PARKING_DESTINATION,
        operation: 'challengePcn',
        payload: (ctx) => ({
          pcnNumber: ctx.data.pcnNumber,
          vrm: ctx.data.vrm,
          kind: 'informal',
          statement: ctx.data.statement,
          ...(ctx.data.evidence ? { evidence: ctx.data.evidence } : {}),
          ...(ctx.data.contactEmail ? { contactEmail: ctx.data.contactEmail } : {}),
        }),
      },
    },
    sla: { warning: { workingDays: 10 }, breach: { workingDays: 14 } },
  });

  const representation = defineCaseType({
    name: 'parking.representation',
    version: 1,
    title: 'Parking: formal representation',
    schema: representationCaseDataSchema,
    ...challengeLike('representation'),
    guards: {
      allowedAtStage: (ctx) => {
        const answer = checkChallengeAllowed({ stage: ctx.data.stage, serviceMethod: ctx.data.serviceMethod, kind: 'representation' });
        return answer.allowed || answer.message;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: PARKING_DESTINATION,
        operation: 'challengePcn',
        payload: (ctx) => ({
          pcnNumber: ctx.data.pcnNumber,
          vrm: ctx.data.vrm,
          kind: 'representation',
          ground: ctx.data.ground,
          statement: ctx.data.statement,
          ...(ctx.data.evidence ? { evidence: ctx.data.evidence } : {}),
          ...(ctx.data.contactEmail ? { contactEmail: ctx.data.contactEmail } : {}),
        }),
      },
    },
    // Representations not decided in 56 days are taken as accepted; warn well before.
    sla: { warning: { workingDays: 20 }, breach: { workingDays: 35 } },
  });

  const startDaysAhead = options.permitStartDaysAhead ?? 90;
  const permitApplication = defineCaseType({
    name: 'parking.permit-application',
    version: 1,
    title: 'Parking: resident permit application',
    schema: permitApplicationCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'parking' } },
      referred: { title: 'With the permits team', owner: { team, queue: 'permits' } },
      resolved: { title: 'Decided', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      apply: { from: 'received', to: 'referred', title: 'Send the application', guards: ['startDateValid'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      issued: { from: 'referred', to: 'resolved', title: 'Permit issued' },
      declined: { from: 'referred', to: 'resolved', title: 'Not issued' },
      withdrawn: { from: ['received', 'referred'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      startDateValid: (ctx) => {
        const today = londonDate(ctx.now);
        const latest = plusDays(today, startDaysAhead);
        return (ctx.data.startDate >= today && ctx.data.startDate <= latest) || `Choose a start date from ${today} to ${latest}.`;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: PARKING_DESTINATION,
        operation: 'applyForPermit',
        payload: (ctx) => ({ zone: ctx.data.zone, vrm: ctx.data.vrm, uprn: ctx.data.uprn, holderName: ctx.data.holderName, startDate: ctx.data.startDate }),
      },
    },
    sla: { warning: { workingDays: 3 }, breach: { workingDays: 5 } },
  });

  return {
    pcn,
    challenge,
    representation,
    permitApplication,
    all: [pcn, challenge, representation, permitApplication] as unknown as readonly CaseType[],
  };
}

const decisionMap = {
  open: null,
  investigating: null,
  for_triage: null,
  internal_referral: null,
  action_scheduled: null,
  in_progress: null,
  reopen: null,
  fixed: 'accepted',
  closed: 'accepted',
  duplicate: 'rejected',
  not_councils_responsibility: 'rejected',
  no_further_action: 'rejected',
  cancelled: 'withdrawn',
} as const;

/**
 * How parking status updates move parking cases: a status mapped to a
 * transition moves the case; `null` notes it on the case. Hand it to
 * connect's `createStatusSync`.
 *
 * @example
 * ```ts
 * import { createStatusSync } from '@councilkit/connect';
 * import { defineParkingBackOffice, parkingStatusMap } from '@councilkit/parking';
 *
 * const sync = createStatusSync({ store, engine, backOffices: [defineParkingBackOffice({ baseUrl })], statusMap: { ...parkingStatusMap } });
 * ```
 */
export const parkingStatusMap: Readonly<Record<string, Readonly<Partial<Record<string, string | null>>>>> = {
  'parking.challenge': decisionMap,
  'parking.representation': decisionMap,
  'parking.permit-application': { ...decisionMap, fixed: 'issued', closed: 'issued', duplicate: 'declined', not_councils_responsibility: 'declined', no_further_action: 'declined' },
  // The PCN case follows the lifecycle, not request statuses; payment receipts are only noted.
  'parking.pcn': { fixed: null, closed: null },
};
