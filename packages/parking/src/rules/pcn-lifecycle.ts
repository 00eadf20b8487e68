import { z } from 'zod';
import { ParkingError } from '../errors.js';
import { isoDateSchema, plusDays } from './dates.js';

/**
 * The stages of a penalty charge notice under the Traffic Management Act 2004.
 * `paid` and `cancelled` end it.
  *
  * @example
  * ```ts
  * PCN_STAGES.includes('charge-certificate'); // true
  * ```
 */
export const PCN_STAGES = [
  'issued',
  'discount',
  'full-charge',
  'informal-challenge',
  'notice-to-owner',
  'representation',
  'notice-of-rejection',
  'appeal',
  'appeal-refused',
  'charge-certificate',
  'order-for-recovery',
  'enforcement',
  'paid',
  'cancelled',
] as const;

/**
 * One stage of a PCN; see {@link PCN_STAGES}.
 *
 * @example
 * ```ts
 * const stage: PcnStage = 'notice-to-owner';
 * ```
 */
export type PcnStage = (typeof PCN_STAGES)[number];

/**
 * Things that happen to a PCN, as the back office records them. Letters are dated the day they were posted.
 *
 * @example
 * ```ts
 * PCN_EVENT_TYPES.includes('notice-to-owner-sent'); // true
 * ```
 */
export const PCN_EVENT_TYPES = [
  'informal-challenge-received',
  'informal-challenge-rejected',
  'informal-challenge-accepted',
  'notice-to-owner-sent',
  'representation-received',
  'notice-of-rejection-sent',
  'representation-accepted',
  'appeal-lodged',
  'appeal-allowed',
  'appeal-refused',
  'charge-certificate-sent',
  'order-for-recovery-sent',
  'warrant-issued',
  'payment',
  'cancelled',
] as const;

/**
 * One kind of PCN event; see {@link PCN_EVENT_TYPES}.
 *
 * @example
 * ```ts
 * const type: PcnEventType = 'charge-certificate-sent';
 * ```
 */
export type PcnEventType = (typeof PCN_EVENT_TYPES)[number];

/**
 * A dated event on a PCN.
 *
 * @example
 * ```ts
 * const event: PcnEvent = { type: 'payment', on: '2026-03-10', amount: 3500 };
 * ```
 */
export interface PcnEvent {
  type: PcnEventType;
  /** The day it happened (for letters, the day posted), `YYYY-MM-DD`. */
  on: string;
  /** For `payment`: the amount paid in pence. */
  amount?: number | undefined;
}

/**
 * How the PCN was served. `affixed` or `handed` by a civil enforcement
 * officer (regulation 9) are served that day; `postal` (camera enforcement,
 * or a vehicle driven away) is served on the second working day after posting.
  *
  * @example
  * ```ts
  * const method: PcnServiceMethod = 'postal'; // served on the second working day after posting
  * ```
 */
export type PcnServiceMethod = 'affixed' | 'handed' | 'postal';

/**
 * What the back office knows about a PCN: the only input the lifecycle trusts.
 *
 * @example
 * ```ts
 * const facts: PcnFacts = { issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [] };
 * ```
 */
export interface PcnFacts {
  /** The day the PCN was issued (affixed, handed over or posted), `YYYY-MM-DD`. */
  issuedOn: string;
  serviceMethod: PcnServiceMethod;
  /** The full penalty charge in pence, for example 7000 for £70. */
  amountFull: number;
  /** Everything that has happened since, in any order; sorted by date here. */
  events: PcnEvent[];
}

/**
 * The statutory periods. Defaults follow the Traffic Management Act 2004 and
 * the England representations and appeals regulations; councils in Wales
 * and Scotland should check theirs.
  *
  * @example
  * ```ts
  * const rules: Partial<PcnRules> = { recoveryRegistrationFee: 900 };
  * derivePcnStatus(facts, { today, calendar, rules });
  * ```
 */
export interface PcnRules {
  /** Discount period for a PCN served by an officer, in days beginning with the day of service. Default `14`. */
  discountDays: number;
  /** Discount period for a postal (camera) PCN. Default `21`. */
  postalDiscountDays: number;
  /** Days after service before a notice to owner (or, for postal PCNs, a charge certificate) may follow. Default `28`. */
  paymentPeriodDays: number;
  /** Days to pay or make representations after a notice to owner is served. Default `28`. */
  noticeToOwnerDays: number;
  /** Days to pay or appeal after a notice of rejection, or to pay after a refused appeal. Default `28`. */
  appealPeriodDays: number;
  /** Days to pay a charge certificate before an order for recovery. Default `14`. */
  chargeCertificateDays: number;
  /** Days to pay or file a witness statement after an order for recovery. Default `21`. */
  orderForRecoveryDays: number;
  /** Posted letters are served on this working day after posting. Default `2`. */
  postalServiceWorkingDays: number;
  /**
   * Days the discount is offered again after an informal challenge made in the
   * discount period is rejected, as statutory guidance recommends; `0` turns it off. Default `14`.
   */
  reofferDiscountDays: number;
  /** Representations not decided within this many days are taken as accepted. Default `56`. */
  representationDecisionDays: number;
  /** The charge certificate increase, as a percentage of the full charge. Default `50`. */
  chargeCertificateIncreasePercent: number;
  /** Fee added when the debt is registered at the Traffic Enforcement Centre, in pence. Default `0` (set the current fee). */
  recoveryRegistrationFee: number;
}

/**
 * Working-day arithmetic: satisfied by `createWorkingDayCalendar` from `@councilkit/cases`.
 *
 * @example
 * ```ts
 * const calendar: PcnCalendar = createWorkingDayCalendar({ nation: 'scotland' });
 * ```
 */
export interface PcnCalendar {
  /** The date `days` working days after `date` (both `YYYY-MM-DD`). */
  addWorkingDays(date: string, days: number): string;
}

/**
 * Where a PCN stands on a given day, derived only from its facts.
 *
 * @example
 * ```ts
 * const status: PcnStatus = derivePcnStatus(facts, { today: '2026-03-10', calendar });
 * console.log(status.stage, status.amountDue, status.dueBy);
 * ```
 */
export interface PcnStatus {
  stage: PcnStage;
  /** True while a challenge, representation or appeal is being decided: nothing falls due. */
  onHold: boolean;
  /** What must be paid now, in pence, after payments so far. `0` once paid or cancelled. */
  amountDue: number;
  /** The last day `amountDue` is accepted before the PCN may move on (inclusive); `null` when on hold or ended. */
  dueBy: string | null;
  /** The full charge in pence. */
  amountFull: number;
  /** Half the full charge, in pence. */
  amountDiscounted: number;
  /** The last day the discount may be paid, or `null` when it is not available now. */
  discountUntil: string | null;
  /** Total paid so far, in pence. */
  paid: number;
  /** The day the PCN was served (deemed served, for postal PCNs). */
  servedOn: string;
  /** What may happen next if nothing is paid, and from which day. */
  nextStep: { stage: PcnStage; from: string } | null;
  /** For ended PCNs: the event that ended it. */
  endedBy?: PcnEventType | 'representation-deemed-accepted' | undefined;
}

/**
 * Options for {@link derivePcnStatus}.
 *
 * @example
 * ```ts
 * const options: DerivePcnStatusOptions = { today: '2026-03-10', calendar: createWorkingDayCalendar() };
 * ```
 */
export interface DerivePcnStatusOptions {
  /** The day to evaluate on, Europe/London, `YYYY-MM-DD`. */
  today: string;
  /** Working days for the council's nation, for deemed service of posted letters. */
  calendar: PcnCalendar;
  /** Override statutory periods; see {@link PcnRules} for defaults. */
  rules?: Partial<PcnRules>;
}

/**
 * The default statutory periods; see {@link PcnRules}.
 *
 * @example
 * ```ts
 * DEFAULT_PCN_RULES.postalDiscountDays; // 21
 * ```
 */
export const DEFAULT_PCN_RULES: Readonly<PcnRules> = Object.freeze({
  discountDays: 14,
  postalDiscountDays: 21,
  paymentPeriodDays: 28,
  noticeToOwnerDays: 28,
  appealPeriodDays: 28,
  chargeCertificateDays: 14,
  orderForRecoveryDays: 21,
  postalServiceWorkingDays: 2,
  reofferDiscountDays: 14,
  representationDecisionDays: 56,
  chargeCertificateIncreasePercent: 50,
  recoveryRegistrationFee: 0,
});

const days = z.number().int().min(0).max(366);
const rulesSchema = z.object({
  discountDays: days,
  postalDiscountDays: days,
  paymentPeriodDays: days,
  noticeToOwnerDays: days,
  appealPeriodDays: days,
  chargeCertificateDays: days,
  orderForRecoveryDays: days,
  postalServiceWorkingDays: z.number().int().min(0).max(10),
  reofferDiscountDays: days,
  representationDecisionDays: days,
  chargeCertificateIncreasePercent: z.number().int().min(0).max(200),
  recoveryRegistrationFee: z.number().int().min(0).max(100_000),
});

const pence = z.number().int('Amounts are whole pence').min(0).max(10_000_000);

const factsSchema = z.object({
  issuedOn: isoDateSchema,
  serviceMethod: z.enum(['affixed', 'handed', 'postal']),
  amountFull: pence.refine((value) => value > 0, 'The full charge must be more than zero'),
  events: z
    .array(
      z.object({
        type: z.enum(PCN_EVENT_TYPES),
        on: isoDateSchema,
        amount: pence.optional(),
      }),
    )
    .max(500),
});

/** Which stages each event may happen at. Postal PCNs act as their own notice to owner. */
function allowedFrom(type: PcnEventType, postal: boolean): readonly PcnStage[] | 'any-open' {
  switch (type) {
    case 'informal-challenge-received':
      return postal ? [] : ['issued', 'discount', 'full-charge'];
    case 'informal-challenge-rejected':
    case 'informal-challenge-accepted':
      return ['informal-challenge'];
    case 'notice-to-owner-sent':
      return postal ? [] : ['full-charge'];
    case 'representation-received':
      return postal ? ['issued', 'discount', 'full-charge'] : ['notice-to-owner'];
    case 'notice-of-rejection-sent':
    case 'representation-accepted':
      return ['representation'];
    case 'appeal-lodged':
      return ['notice-of-rejection'];
    case 'appeal-allowed':
    case 'appeal-refused':
      return ['appeal'];
    case 'charge-certificate-sent':
      return postal ? ['full-charge', 'notice-of-rejection', 'appeal-refused'] : ['notice-to-owner', 'notice-of-rejection', 'appeal-refused'];
    case 'order-for-recovery-sent':
      return ['charge-certificate'];
    case 'warrant-issued':
      return ['order-for-recovery'];
    case 'payment':
    case 'cancelled':
      return 'any-open';
  }
}

/**
 * Derive a PCN's stage, the amount due now and the day it is due by, from
 * the PCN's dates and recorded events alone. A resident portal or contact
 * centre shows this; it never trusts an amount a client sends.
 *
 * Periods are calendar days "beginning with" the day of service, so a
 * 14-day discount for a PCN served on 2 March runs to 15 March inclusive,
 * weekends included. Posted letters (postal PCNs, notices to owner,
 * rejections, charge certificates, orders) are served on the second working
 * day after posting, which is where weekends and bank holidays count.
 *
 * Throws {@link ParkingError} `invalid-input` for malformed facts, an event
 * before the PCN was issued or after `today`, or an event the stage does not
 * allow (for example a charge certificate before a notice to owner).
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar } from '@councilkit/cases';
 *
 * const status = derivePcnStatus(
 *   { issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [] },
 *   { today: '2026-03-10', calendar: createWorkingDayCalendar({ nation: 'england-and-wales' }) },
 * );
 * // { stage: 'discount', amountDue: 3500, dueBy: '2026-03-15', ... }
 * ```
 */
export function derivePcnStatus(facts: PcnFacts, options: DerivePcnStatusOptions): PcnStatus {
  const parsedFacts = factsSchema.safeParse(facts);
  if (!parsedFacts.success) {
    throw new ParkingError('invalid-input', `Invalid PCN facts: ${parsedFacts.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const today = isoDateSchema.safeParse(options.today);
  if (!today.success) throw new ParkingError('invalid-input', 'today must be a YYYY-MM-DD date');
  const parsedRules = rulesSchema.safeParse({ ...DEFAULT_PCN_RULES, ...options.rules });
  if (!parsedRules.success) throw new ParkingError('invalid-input', 'Invalid PCN rules');
  const rules = parsedRules.data;
  const { issuedOn, serviceMethod, amountFull } = parsedFacts.data;
  const postal = serviceMethod === 'postal';
  const served = (posted: string) => options.calendar.addWorkingDays(posted, rules.postalServiceWorkingDays);
  const lastDay = (start: string, length: number) => plusDays(start, length - 1);

  const amountDiscounted = Math.round(amountFull / 2);
  const amountCertificate = amountFull + Math.round((amountFull * rules.chargeCertificateIncreasePercent) / 100);
  const servedOn = postal ? served(issuedOn) : issuedOn;

  let stage: PcnStage = postal ? 'issued' : 'discount';
  let discountUntil: string | null = lastDay(servedOn, postal ? rules.postalDiscountDays : rules.discountDays);
  let fullUntil = lastDay(servedOn, rules.paymentPeriodDays);
  let dueBy: string | null = discountUntil;
  let stageAmount = amountDiscounted;
  let paid = 0;
  let heldDiscount = false;
  let representationReceived = '';
  let endedBy: PcnStatus['endedBy'];

  const enterFullCharge = () => {
    stage = 'full-charge';
    discountUntil = null;
    stageAmount = amountFull;
    dueBy = fullUntil;
  };

  // Moves the PCN on by the calendar alone, up to and including `day`.
  const settle = (day: string) => {
    if (stage === 'issued' && day >= servedOn) stage = 'discount';
    if (stage === 'discount' && discountUntil !== null && day > discountUntil) enterFullCharge();
    if (stage === 'representation' && day >= plusDays(representationReceived, rules.representationDecisionDays)) {
      stage = 'cancelled';
      endedBy = 'representation-deemed-accepted';
    }
  };

  const events = parsedFacts.data.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.on === b.event.on ? a.index - b.index : a.event.on < b.event.on ? -1 : 1))
    .map(({ event }) => event);

  for (const event of events) {
    if (event.on < issuedOn) throw new ParkingError('invalid-input', `${event.type} on ${event.on} is before the PCN was issued`);
    if (event.on > today.data) throw new ParkingError('invalid-input', `${event.type} on ${event.on} is after ${today.data}`);
    settle(event.on);
    if (stage === 'paid' || stage === 'cancelled') continue;
    const allowed = allowedFrom(event.type, postal);
    if (allowed !== 'any-open' && !allowed.includes(stage)) {
      throw new ParkingError('invalid-input', `${event.type} on ${event.on} is not possible at stage ${stage}`);
    }
    switch (event.type) {
      case 'informal-challenge-received':
      case 'representation-received':
        heldDiscount = stage === 'issued' || stage === 'discount';
        stage = event.type === 'informal-challenge-received' ? 'informal-challenge' : 'representation';
        representationReceived = event.on;
        dueBy = null;
        break;
      case 'informal-challenge-rejected': {
        const letterServed = served(event.on);
        fullUntil = [fullUntil, lastDay(letterServed, rules.reofferDiscountDays || rules.discountDays)].sort().at(-1) ?? fullUntil;
        if (heldDiscount && rules.reofferDiscountDays > 0) {
          stage = 'discount';
          discountUntil = lastDay(letterServed, rules.reofferDiscountDays);
          stageAmount = amountDiscounted;
          dueBy = discountUntil;
        } else {
          enterFullCharge();
        }
        break;
      }
      case 'notice-to-owner-sent':
        if (event.on <= fullUntil) {
          throw new ParkingError('invalid-input', `A notice to owner cannot be sent until the ${rules.paymentPeriodDays}-day payment period ends on ${fullUntil}`);
        }
        stage = 'notice-to-owner';
        stageAmount = amountFull;
        dueBy = lastDay(served(event.on), rules.noticeToOwnerDays);
        break;
      case 'notice-of-rejection-sent':
        stage = 'notice-of-rejection';
        discountUntil = null;
        stageAmount = amountFull;
        dueBy = lastDay(served(event.on), rules.appealPeriodDays);
        break;
      case 'appeal-lodged':
        stage = 'appeal';
        dueBy = null;
        break;
      case 'appeal-refused':
        stage = 'appeal-refused';
        dueBy = lastDay(served(event.on), rules.appealPeriodDays);
        break;
      case 'charge-certificate-sent':
        if ((stage as PcnStage) === 'full-charge' && event.on <= fullUntil) {
          throw new ParkingError('invalid-input', `A charge certificate cannot be sent until the payment period ends on ${fullUntil}`);
        }
        if (dueBy !== null && event.on <= dueBy) {
          throw new ParkingError('invalid-input', `A charge certificate cannot be sent until the current period ends on ${dueBy}`);
        }
        stage = 'charge-certificate';
        discountUntil = null;
        stageAmount = amountCertificate;
        dueBy = lastDay(served(event.on), rules.chargeCertificateDays);
        break;
      case 'order-for-recovery-sent':
        if (dueBy !== null && event.on <= dueBy) {
          throw new ParkingError('invalid-input', `An order for recovery cannot be sent until the charge certificate period ends on ${dueBy}`);
        }
        stage = 'order-for-recovery';
        stageAmount = amountCertificate + rules.recoveryRegistrationFee;
        dueBy = lastDay(served(event.on), rules.orderForRecoveryDays);
        break;
      case 'warrant-issued':
        if (dueBy !== null && event.on <= dueBy) {
          throw new ParkingError('invalid-input', `A warrant cannot be issued until the order for recovery period ends on ${dueBy}`);
        }
        stage = 'enforcement';
        dueBy = null;
        break;
      case 'informal-challenge-accepted':
      case 'representation-accepted':
      case 'appeal-allowed':
      case 'cancelled':
        stage = 'cancelled';
        endedBy = event.type;
        break;
      case 'payment': {
        if (event.amount === undefined || event.amount <= 0) {
          throw new ParkingError('invalid-input', `payment on ${event.on} needs an amount in pence`);
        }
        paid += event.amount;
        const owing = heldDiscount && (stage === 'informal-challenge' || stage === 'representation') ? amountDiscounted : stageAmount;
        if (paid >= owing) {
          stage = 'paid';
          endedBy = 'payment';
        }
        break;
      }
    }
  }
  settle(today.data);

  const ended = stage === 'paid' || stage === 'cancelled';
  const onHold = stage === 'informal-challenge' || stage === 'representation' || stage === 'appeal';
  const owing = onHold && heldDiscount ? amountDiscounted : stageAmount;
  const discountNow = (stage === 'issued' || stage === 'discount' || (onHold && heldDiscount)) && !ended;

  return {
    stage,
    onHold,
    amountDue: ended ? 0 : Math.max(0, owing - paid),
    dueBy: ended || onHold ? null : dueBy,
    amountFull,
    amountDiscounted,
    discountUntil: discountNow && !onHold ? discountUntil : null,
    paid,
    servedOn,
    nextStep: ended ? null : nextStep(),
    ...(endedBy === undefined ? {} : { endedBy }),
  };

  function nextStep(): PcnStatus['nextStep'] {
    const after = (day: string | null) => (day === null ? null : plusDays(day, 1));
    switch (stage) {
      case 'issued':
        return { stage: 'discount', from: servedOn };
      case 'discount':
        return discountUntil === null ? null : { stage: 'full-charge', from: plusDays(discountUntil, 1) };
      case 'full-charge': {
        const from = after(dueBy);
        return from === null ? null : { stage: postal ? 'charge-certificate' : 'notice-to-owner', from };
      }
      case 'notice-to-owner':
      case 'notice-of-rejection':
      case 'appeal-refused': {
        const from = after(dueBy);
        return from === null ? null : { stage: 'charge-certificate', from };
      }
      case 'charge-certificate': {
        const from = after(dueBy);
        return from === null ? null : { stage: 'order-for-recovery', from };
      }
      case 'order-for-recovery': {
        const from = after(dueBy);
        return from === null ? null : { stage: 'enforcement', from };
      }
      case 'representation':
        return { stage: 'cancelled', from: plusDays(representationReceived, rules.representationDecisionDays) };
      default:
        return null;
    }
  }
}
