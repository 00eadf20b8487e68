import { addDays, londonDate, spokenDate } from './london.js';
import type { ContainerType, RequestStatus, WasteService } from './schemas.js';

/**
 * The working-day arithmetic the rules need. `createWorkingDayCalendar` from
 * `@councilkit/cases` satisfies it; pass the calendar for the property's UK
 * nation (`property.nation`), since bank holidays differ.
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar } from '@councilkit/cases';
 * const calendar: WorkingDays = createWorkingDayCalendar({ nation: 'scotland' });
 * ```
 */
export interface WorkingDays {
  /** The ISO date `days` working days after `date` (before it when negative). */
  addWorkingDays(date: string, days: number): string;
  /** True on a working day. */
  isWorkingDay(date: string): boolean;
}

/**
 * The answer of every rule: either allowed (with what the rule worked out) or
 * refused with a reason code for code and a sentence for the agent to read to
 * the caller.
 *
 * @example
 * ```ts
 * const answer: Eligibility<'window-closed', { until: string }> = {
 *   eligible: false,
 *   reason: 'window-closed',
 *   message: 'Missed collections must be reported within 2 working days...',
 * };
 * ```
 */
export type Eligibility<Reason extends string, Details extends object = object> =
  | ({ eligible: true } & Details)
  | { eligible: false; reason: Reason; message: string };

/** Statuses after which a request no longer counts as open. */
const CLOSED_STATUSES: ReadonlySet<RequestStatus> = new Set<RequestStatus>([
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'cancelled',
]);

/**
 * Whether a request in this status is still being worked on.
 *
 * @example
 * ```ts
 * isOpenStatus('action_scheduled'); // true
 * isOpenStatus('fixed'); // false
 * ```
 */
export function isOpenStatus(status: RequestStatus): boolean {
  return !CLOSED_STATUSES.has(status);
}

/**
 * Why a missed collection report is refused.
 *
 * @example
 * ```ts
 * if (!answer.eligible && answer.reason === ('not-presented' satisfies MissedCollectionRefusal)) showLeafletLink();
 * ```
 */
export type MissedCollectionRefusal = 'no-collection-due' | 'too-early' | 'window-closed' | 'not-presented' | 'contaminated' | 'already-open';

/**
 * Input to {@link checkMissedCollection}.
 *
 * @example
 * ```ts
 * const check: MissedCollectionCheck = { service, now: new Date(), calendar };
 * ```
 */
export interface MissedCollectionCheck {
  /** The service as the back office describes it (name, last collection, open requests). */
  service: Pick<WasteService, 'name' | 'last' | 'openRequests'>;
  /** When the resident is reporting. */
  now: Date;
  /** The property's nation's working-day calendar. */
  calendar: WorkingDays;
  /** Working days after the scheduled day that a report is still accepted. Default: `2`. */
  windowWorkingDays?: number;
  /** A missed collection already open in the CRM for this service (e.g. a case not yet referred). Default: none. */
  openReference?: string | undefined;
}

/**
 * Whether a missed collection can be reported: only from the scheduled day
 * until 2 working days after it (the property's nation's bank holidays skip),
 * not when the crew recorded "Not presented" or "Contaminated", and not when
 * one is already open for that service.
 *
 * @example
 * ```ts
 * const answer = checkMissedCollection({ service, now: new Date(), calendar });
 * if (!answer.eligible) agent.say(answer.message);
 * else console.log(`Reportable until ${answer.until}`);
 * ```
 */
export function checkMissedCollection(check: MissedCollectionCheck): Eligibility<MissedCollectionRefusal, { scheduled: string; until: string }> {
  const { service, now, calendar } = check;
  const windowDays = check.windowWorkingDays ?? 2;
  const name = service.name;
  const open = check.openReference ?? service.openRequests.find((r) => r.type === 'missed-collection' && isOpenStatus(r.status))?.reference;
  if (open) {
    return {
      eligible: false,
      reason: 'already-open',
      message: `A missed ${name} collection has already been reported for this address (reference ${open}) and is being dealt with, so there is no need to report it again.`,
    };
  }
  const last = service.last;
  if (!last) {
    return {
      eligible: false,
      reason: 'no-collection-due',
      message: `There is no recent ${name} collection on record for this address, so there is nothing to report as missed yet.`,
    };
  }
  const today = londonDate(now);
  const scheduled = last.date;
  const until = calendar.addWorkingDays(scheduled, windowDays);
  if (today < scheduled) {
    return {
      eligible: false,
      reason: 'too-early',
      message: `The ${name} collection is due on ${spokenDate(scheduled)}. It can only be reported as missed from that day.`,
    };
  }
  if (last.outcome === 'Not presented') {
    return {
      eligible: false,
      reason: 'not-presented',
      message: `The crew recorded that the ${name} container was not put out for collection on ${spokenDate(scheduled)}, so it cannot be reported as missed. It will be collected on the next collection day.`,
    };
  }
  if (last.outcome === 'Contaminated') {
    return {
      eligible: false,
      reason: 'contaminated',
      message: `The crew recorded that the ${name} container had the wrong items in it on ${spokenDate(scheduled)}${last.detail ? ` (${last.detail.toLowerCase()})` : ''}, so it was not emptied and cannot be reported as missed. Please take out the wrong items and put it out on the next collection day.`,
    };
  }
  if (today > until) {
    return {
      eligible: false,
      reason: 'window-closed',
      message: `A missed collection must be reported within ${windowDays} working days. The ${name} collection on ${spokenDate(scheduled)} could be reported until the end of ${spokenDate(until)}, so it cannot be reported now.`,
    };
  }
  return { eligible: true, scheduled, until };
}

/**
 * Why a container request is refused.
 *
 * @example
 * ```ts
 * const reason: ContainerRequestRefusal = 'limit-exceeded';
 * ```
 */
export type ContainerRequestRefusal = 'not-available' | 'limit-exceeded' | 'nothing-to-replace';

/**
 * Input to {@link checkContainerRequest}.
 *
 * @example
 * ```ts
 * const check: ContainerRequestCheck = { containerType, reason: 'extra', quantity: 1, held: 1 };
 * ```
 */
export interface ContainerRequestCheck {
  /** The container type with its per-property maximum and charges. */
  containerType: ContainerType;
  /** Why the resident wants it. */
  reason: 'new' | 'extra' | 'replacement' | 'damaged';
  /** How many. */
  quantity: number;
  /** How many of this type the property has now. */
  held: number;
  /** How many of this type are already on open requests for the property (new or extra). Default: `0`. */
  pending?: number;
}

/**
 * Whether a container request is within the council's rules: new and extra
 * containers may not take the property over the type's maximum (counting
 * ones already requested); a replacement or damaged swap needs a container
 * to replace. Works out the charge when allowed.
 *
 * @example
 * ```ts
 * const answer = checkContainerRequest({ containerType, reason: 'extra', quantity: 1, held: 1 });
 * if (answer.eligible) console.log(`Charge £${(answer.charge / 100).toFixed(2)}`);
 * ```
 */
export function checkContainerRequest(check: ContainerRequestCheck): Eligibility<ContainerRequestRefusal, { charge: number }> {
  const { containerType: type, reason, quantity, held } = check;
  const pending = check.pending ?? 0;
  if (type.maxPerProperty === 0) {
    return { eligible: false, reason: 'not-available', message: `The council does not provide ${type.name} containers to this kind of property.` };
  }
  if (reason === 'new' || reason === 'extra') {
    const after = held + pending + quantity;
    if (after > type.maxPerProperty) {
      const already = pending > 0 ? `${held} already, and ${pending} more already on order` : `${held} already`;
      return {
        eligible: false,
        reason: 'limit-exceeded',
        message: `Each property can have at most ${type.maxPerProperty} ${type.name} container${type.maxPerProperty === 1 ? '' : 's'}. This address has ${already}, so we cannot order ${quantity} more.`,
      };
    }
  } else if (quantity > held) {
    return {
      eligible: false,
      reason: 'nothing-to-replace',
      message: `This address has ${held} ${type.name} container${held === 1 ? '' : 's'} on record, so we cannot replace ${quantity}. Order a new container instead.`,
    };
  }
  return { eligible: true, charge: type.charges[reason] * quantity };
}

/**
 * The council's bulky cancellation refund policy.
 *
 * @example
 * ```ts
 * const policy: BulkyRefundPolicy = { fullRefundWorkingDays: 3, lateRefundPercent: 50, adminFee: 500 };
 * ```
 */
export interface BulkyRefundPolicy {
  /** A cancellation at least this many working days before the collection day gets a full refund. Default: `2`. */
  fullRefundWorkingDays?: number;
  /** Percentage refunded for a later cancellation made before the collection day. Default: `0` (no refund). */
  lateRefundPercent?: number;
  /** Pence kept from a full refund to cover administration. Default: `0`. */
  adminFee?: number;
}

/**
 * Why a bulky booking cannot be cancelled.
 *
 * @example
 * ```ts
 * const reason: BulkyCancellationRefusal = 'too-late';
 * ```
 */
export type BulkyCancellationRefusal = 'too-late';

/**
 * Input to {@link checkBulkyCancellation}.
 *
 * @example
 * ```ts
 * const check: BulkyCancellationCheck = { slotDate: booking.slot.date, price: booking.price, now: new Date(), calendar };
 * ```
 */
export interface BulkyCancellationCheck {
  /** The collection day, ISO date. */
  slotDate: string;
  /** What the resident paid, in pence. */
  price: number;
  /** When they are cancelling. */
  now: Date;
  /** The council's working-day calendar. */
  calendar: WorkingDays;
  /** The refund policy. Default: full refund up to 2 working days before; nothing after. */
  policy?: BulkyRefundPolicy;
}

/**
 * The bulky cancellation refund rules: a full refund (less any admin fee) up
 * to `fullRefundWorkingDays` working days before the collection day; after
 * that, `lateRefundPercent` until the day before; no cancellation on or after
 * the collection day, because the crew is already on its way.
 *
 * @example
 * ```ts
 * const answer = checkBulkyCancellation({ slotDate: '2026-03-10', price: 3500, now: new Date(), calendar });
 * if (answer.eligible) agent.say(answer.explanation);
 * ```
 */
export function checkBulkyCancellation(
  check: BulkyCancellationCheck,
): Eligibility<BulkyCancellationRefusal, { amount: number; rule: 'full' | 'partial' | 'none'; explanation: string }> {
  const fullDays = check.policy?.fullRefundWorkingDays ?? 2;
  const latePercent = check.policy?.lateRefundPercent ?? 0;
  const adminFee = check.policy?.adminFee ?? 0;
  const today = londonDate(check.now);
  if (today >= check.slotDate) {
    return {
      eligible: false,
      reason: 'too-late',
      message: `The collection on ${spokenDate(check.slotDate)} can no longer be cancelled because the crew is already scheduled for that day.`,
    };
  }
  const fullUntil = check.calendar.addWorkingDays(check.slotDate, -fullDays);
  if (today <= fullUntil) {
    const amount = Math.max(0, check.price - adminFee);
    return {
      eligible: true,
      amount,
      rule: 'full',
      explanation:
        adminFee > 0
          ? `Cancelled in good time: the payment is refunded less a £${(adminFee / 100).toFixed(2)} administration fee.`
          : 'Cancelled in good time: the full payment is refunded.',
    };
  }
  const amount = Math.floor((check.price * latePercent) / 100);
  return {
    eligible: true,
    amount,
    rule: amount > 0 ? 'partial' : 'none',
    explanation:
      amount > 0
        ? `Cancelled less than ${fullDays} working days before the collection: ${latePercent}% of the payment is refunded.`
        : `Cancelled less than ${fullDays} working days before the collection, so no refund is due (the last day for a refund was ${spokenDate(fullUntil)}).`,
  };
}

/**
 * Why a bulky booking cannot be amended.
 *
 * @example
 * ```ts
 * const reason: BulkyAmendmentRefusal = 'too-late';
 * ```
 */
export type BulkyAmendmentRefusal = 'too-late';

/**
 * Whether a bulky booking can still be amended: up to the end of the working
 * day before the collection, so the crew's job sheet is fixed in time.
 *
 * @example
 * ```ts
 * const answer = checkBulkyAmendment({ slotDate: '2026-03-10', now: new Date(), calendar });
 * ```
 */
export function checkBulkyAmendment(check: { slotDate: string; now: Date; calendar: WorkingDays }): Eligibility<BulkyAmendmentRefusal, { until: string }> {
  const until = check.calendar.addWorkingDays(check.slotDate, -1);
  if (londonDate(check.now) > until) {
    return {
      eligible: false,
      reason: 'too-late',
      message: `The collection on ${spokenDate(check.slotDate)} can only be changed until the end of ${spokenDate(until)}. Cancel it and book again instead.`,
    };
  }
  return { eligible: true, until };
}

/**
 * Input to {@link gardenWasteCharge}.
 *
 * @example
 * ```ts
 * const input: GardenWasteChargeInput = { pricePerBin: 6000, bins: 2, start: '2026-10-15' };
 * ```
 */
export interface GardenWasteChargeInput {
  /** Full-year price per bin, pence. */
  pricePerBin: number;
  /** Number of bins. */
  bins: number;
  /** The day the subscription starts (ISO date). */
  start: string;
  /** Month (1-12) the subscription year starts. Default: `4` (April). */
  yearStartMonth?: number;
  /** Charge only for the whole months left in the year. Default: `true`. */
  proRata?: boolean;
}

/**
 * The garden waste charge: per bin, pro-rata by whole months left in the
 * subscription year (the month you join in counts as a whole month).
 *
 * @example
 * ```ts
 * gardenWasteCharge({ pricePerBin: 6000, bins: 2, start: '2026-10-15' });
 * // { amount: 6000, periodStart: '2026-10-15', periodEnd: '2027-03-31', proRata: true }
 * ```
 */
export function gardenWasteCharge(input: GardenWasteChargeInput): { amount: number; periodStart: string; periodEnd: string; proRata: boolean } {
  const startMonth = input.yearStartMonth ?? 4;
  const year = Number(input.start.slice(0, 4));
  const month = Number(input.start.slice(5, 7));
  const yearOfPeriodStart = month >= startMonth ? year : year - 1;
  const periodEnd = addDays(`${yearOfPeriodStart + 1}-${String(startMonth).padStart(2, '0')}-01`, -1);
  const monthsLeft = ((startMonth - month + 12) % 12) || 12;
  const full = input.pricePerBin * input.bins;
  const proRata = (input.proRata ?? true) && monthsLeft < 12;
  const amount = proRata ? Math.round((full * monthsLeft) / 12) : full;
  return { amount, periodStart: input.start, periodEnd, proRata };
}
