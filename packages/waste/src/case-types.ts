import { createWorkingDayCalendar, defineCaseType } from '@councilkit/cases';
import type { CaseRecord, CaseType } from '@councilkit/cases';
import { z } from 'zod';
import { checkBulkyCancellation, checkContainerRequest, checkMissedCollection } from './eligibility.js';
import type { BulkyRefundPolicy, WorkingDays } from './eligibility.js';
import { londonDate, spokenDate } from './london.js';
import { collectionEventDetailSchema, collectionEventTypeSchema, containerTypeSchema, uprnSchema } from './schemas.js';
import type { ContainerType, Property, WasteService } from './schemas.js';

// Guards are pure, so each case carries the facts its eligibility rule needs
// (captured from the back office when the agent looked the property up), and
// the rule re-runs against the engine clock at the moment of referral.

const nationSchema = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
const isoDate = z.iso.date();
const freeText = z.string().max(1000);
const token = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/**
 * zod schema of a missed collection case's data.
 *
 * @example
 * ```ts
 * const data = missedCollectionCaseDataSchema.parse(caseRecord.data);
 * ```
 */
export const missedCollectionCaseDataSchema = z.object({
  uprn: uprnSchema,
  serviceId: z.string().min(1).max(64),
  serviceName: z.string().min(1).max(200),
  nation: nationSchema,
  /** The last scheduled collection, or null when none is on record. */
  scheduledDate: isoDate.nullable(),
  lastOutcome: z.union([z.literal('Collected'), collectionEventTypeSchema]).nullable(),
  lastOutcomeDetail: collectionEventDetailSchema.optional(),
  /** A missed collection already open in the back office for this service. */
  openReference: z.string().max(32).optional(),
  notes: freeText.optional(),
});

/**
 * zod schema of a container request case's data.
 *
 * @example
 * ```ts
 * const data = containerRequestCaseDataSchema.parse(caseRecord.data);
 * ```
 */
export const containerRequestCaseDataSchema = z.object({
  uprn: uprnSchema,
  containerType: containerTypeSchema,
  reason: z.enum(['new', 'extra', 'replacement', 'damaged']),
  quantity: z.int().min(1).max(10),
  /** How many of this type the property has now. */
  held: z.int().min(0).max(20),
  /** How many are already on open requests. */
  pending: z.int().min(0).max(20).default(0),
  notes: freeText.optional(),
});

/**
 * zod schema of a bulky booking case's data.
 *
 * @example
 * ```ts
 * const data = bulkyBookingCaseDataSchema.parse(caseRecord.data);
 * ```
 */
export const bulkyBookingCaseDataSchema = z.object({
  uprn: uprnSchema,
  reservationId: token,
  reservationExpiresAt: z.iso.datetime({ offset: true }),
  slotDate: isoDate,
  items: z.array(z.object({ itemId: z.string().min(1).max(64), quantity: z.int().min(1).max(20) })).min(1).max(50),
  location: z.string().min(1).max(500),
  paymentReference: token,
  /** What the resident paid, pence. */
  price: z.int().min(0),
});

/**
 * zod schema of a garden waste subscription case's data.
 *
 * @example
 * ```ts
 * const data = gardenSubscriptionCaseDataSchema.parse(caseRecord.data);
 * ```
 */
export const gardenSubscriptionCaseDataSchema = z.object({
  uprn: uprnSchema,
  propertyType: z.enum(['house', 'flat', 'maisonette', 'bungalow', 'hmo', 'commercial', 'other']),
  bins: z.int().min(1).max(10),
  paymentMethod: z.enum(['card', 'direct-debit']),
  paymentReference: token,
  /** An active subscription already held, if any. */
  existingReference: z.string().max(32).optional(),
});

/**
 * zod schema of an assisted collection case's data.
 *
 * @example
 * ```ts
 * const data = assistedCollectionCaseDataSchema.parse(caseRecord.data);
 * ```
 */
export const assistedCollectionCaseDataSchema = z.object({
  uprn: uprnSchema,
  reason: z.string().trim().min(1).max(1000),
  until: isoDate.optional(),
  /** The property already has an assisted collection. */
  alreadyAssisted: z.boolean().default(false),
  /** An application already being considered, if any. */
  pendingReference: z.string().max(32).optional(),
});

/**
 * Data of a `waste.missed-collection` case.
 *
 * @example
 * ```ts
 * const data: MissedCollectionCaseData = missedCollectionCaseData({ property, service });
 * ```
 */
export type MissedCollectionCaseData = z.infer<typeof missedCollectionCaseDataSchema>;
/**
 * Data of a `waste.container-request` case.
 *
 * @example
 * ```ts
 * const data: ContainerRequestCaseData = containerRequestCaseData({ uprn, containerType, services, reason: 'new', quantity: 1 });
 * ```
 */
export type ContainerRequestCaseData = z.infer<typeof containerRequestCaseDataSchema>;
/**
 * Data of a `waste.bulky-booking` case.
 *
 * @example
 * ```ts
 * const data: BulkyBookingCaseData = { uprn, reservationId: hold.id, reservationExpiresAt: hold.expiresAt, slotDate: hold.slot.date, items: [{ itemId: 'table', quantity: 1 }], location: 'Drive', paymentReference: 'PAY-1', price: 1000 };
 * ```
 */
export type BulkyBookingCaseData = z.infer<typeof bulkyBookingCaseDataSchema>;
/**
 * Data of a `waste.garden-subscription` case.
 *
 * @example
 * ```ts
 * const data: GardenSubscriptionCaseData = { uprn, propertyType: 'house', bins: 1, paymentMethod: 'card', paymentReference: 'PAY-1' };
 * ```
 */
export type GardenSubscriptionCaseData = z.infer<typeof gardenSubscriptionCaseDataSchema>;
/**
 * Data of a `waste.assisted-collection` case.
 *
 * @example
 * ```ts
 * const data: AssistedCollectionCaseData = { uprn, reason: 'Uses a wheelchair', alreadyAssisted: false };
 * ```
 */
export type AssistedCollectionCaseData = z.infer<typeof assistedCollectionCaseDataSchema>;

/**
 * Options for {@link createWasteCaseTypes}.
 *
 * @example
 * ```ts
 * const options: WasteCaseTypesOptions = { closures: ['2026-12-29'], missedCollectionWindow: 2 };
 * ```
 */
export interface WasteCaseTypesOptions {
  /** The council's own closure days (ISO dates), on top of each nation's bank holidays. Default: none. */
  closures?: readonly string[];
  /** Working days after the scheduled day a missed collection can be reported. Default: `2`. */
  missedCollectionWindow?: number;
  /** Bulky cancellation refund policy. Default: full refund up to 2 working days before, none after. */
  bulkyRefundPolicy?: BulkyRefundPolicy;
  /** Team that works referred waste cases. Default: `'waste'`. */
  team?: string;
  /** Team that takes contacts first. Default: `'contact-centre'`. */
  frontOfficeTeam?: string;
}

/**
 * The five waste case types, and all of them as a list for `createCaseEngine({ caseTypes })`.
 *
 * @example
 * ```ts
 * const { missedCollection, all }: WasteCaseTypes = createWasteCaseTypes();
 * ```
 */
export interface WasteCaseTypes {
  /** `waste.missed-collection`: guard `eligible`, referral `reportMissedCollection`. */
  missedCollection: CaseType<MissedCollectionCaseData>;
  /** `waste.container-request`: guard `withinLimits`, referral `requestContainer`, cancel `cancelContainerRequest`. */
  containerRequest: CaseType<ContainerRequestCaseData>;
  /** `waste.bulky-booking`: guard `holdValid`, referral `bookBulkyCollection`, cancel `cancelBulkyBooking`. */
  bulkyBooking: CaseType<BulkyBookingCaseData>;
  /** `waste.garden-subscription`: guard `eligible`, referral `subscribeGardenWaste`. */
  gardenSubscription: CaseType<GardenSubscriptionCaseData>;
  /** `waste.assisted-collection`: guard `eligible`, referral `applyAssistedCollection`. */
  assistedCollection: CaseType<AssistedCollectionCaseData>;
  /** All five. */
  all: readonly CaseType[];
}

/**
 * The outbox destination (and external-reference system) of every waste referral.
 *
 * @example
 * ```ts
 * outboxMessage.destination === WASTE_DESTINATION; // 'waste'
 * ```
 */
export const WASTE_DESTINATION = 'waste';

function wasteReference(record: CaseRecord): string | undefined {
  return record.externalReferences.filter((r) => r.system === WASTE_DESTINATION).at(-1)?.reference;
}

const notYetReferred = 'This has not reached the waste system yet, so it cannot be cancelled there. Try again in a few minutes.';

/**
 * Create the waste case types with `defineCaseType` from `@councilkit/cases`.
 * Each referral is an outbox effect (`kind: 'refer'`, destination `waste`,
 * operation named after the client method) whose payload is exactly the
 * request body of that operation; each eligibility rule is a guard on the
 * referral, so an ineligible request is refused with a sentence the agent can
 * read out before anything reaches the back office.
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryStore } from '@councilkit/cases';
 * import { createWasteCaseTypes, missedCollectionCaseData } from '@councilkit/waste';
 *
 * const waste = createWasteCaseTypes();
 * const engine = createCaseEngine({ store: createMemoryStore(), caseTypes: waste.all });
 * const { caseId } = await engine.open({
 *   actor, idempotencyKey: 'call-42-open', caseType: 'waste.missed-collection', channel: 'phone',
 *   data: missedCollectionCaseData({ property, service }),
 * });
 * await engine.transition({ actor, idempotencyKey: 'call-42-refer', caseId, transition: 'refer' });
 * ```
 */
export function createWasteCaseTypes(options: WasteCaseTypesOptions = {}): WasteCaseTypes {
  const team = options.team ?? 'waste';
  const front = options.frontOfficeTeam ?? 'contact-centre';
  const calendars = new Map<string, WorkingDays>();
  const calendarFor = (nation: MissedCollectionCaseData['nation']): WorkingDays => {
    let calendar = calendars.get(nation);
    if (!calendar) {
      calendar = createWorkingDayCalendar({ nation, closures: [...(options.closures ?? [])] });
      calendars.set(nation, calendar);
    }
    return calendar;
  };
  const englandAndWales = () => calendarFor('england-and-wales');

  const missedCollection = defineCaseType({
    name: 'waste.missed-collection',
    version: 1,
    title: 'Missed bin collection',
    schema: missedCollectionCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'waste' } },
      referred: { title: 'With the waste service', owner: { team, queue: 'missed-collections' } },
      scheduled: { title: 'Crew returning', owner: { team, queue: 'missed-collections' } },
      resolved: { title: 'Resolved', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      refer: { from: 'received', to: 'referred', title: 'Report to the waste service', guards: ['eligible'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      schedule: { from: 'referred', to: 'scheduled', title: 'Return collection scheduled' },
      complete: { from: ['referred', 'scheduled'], to: 'resolved', title: 'Collected' },
      decline: { from: ['referred', 'scheduled'], to: 'resolved', title: 'Not taken further by the waste service' },
      withdrawn: { from: ['received', 'referred', 'scheduled'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      eligible: (ctx) => {
        const d = ctx.data;
        const answer = checkMissedCollection({
          service: {
            name: d.serviceName,
            last: d.scheduledDate && d.lastOutcome ? { date: d.scheduledDate, outcome: d.lastOutcome, ...(d.lastOutcomeDetail ? { detail: d.lastOutcomeDetail } : {}) } : null,
            openRequests: [],
          },
          openReference: d.openReference,
          now: ctx.now,
          calendar: calendarFor(d.nation),
          ...(options.missedCollectionWindow === undefined ? {} : { windowWorkingDays: options.missedCollectionWindow }),
        });
        return answer.eligible || answer.message;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'reportMissedCollection',
        payload: (ctx) => ({ uprn: ctx.data.uprn, serviceId: ctx.data.serviceId, ...(ctx.data.notes ? { notes: ctx.data.notes } : {}) }),
      },
    },
    sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
  });

  const containerRequest = defineCaseType({
    name: 'waste.container-request',
    version: 1,
    title: 'Bin or container request',
    schema: containerRequestCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'waste' } },
      referred: { title: 'With the waste service', owner: { team, queue: 'containers' } },
      scheduled: { title: 'Delivery scheduled', owner: { team, queue: 'containers' } },
      resolved: { title: 'Delivered', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      refer: { from: 'received', to: 'referred', title: 'Order from the waste service', guards: ['withinLimits'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      schedule: { from: 'referred', to: 'scheduled', title: 'Delivery scheduled' },
      complete: { from: ['referred', 'scheduled'], to: 'resolved', title: 'Delivered' },
      decline: { from: ['referred', 'scheduled'], to: 'resolved', title: 'Not taken further by the waste service' },
      cancel: { from: ['referred', 'scheduled'], to: 'closed', title: 'Cancel the order', guards: ['referenced'], effects: ['cancelAtBackOffice'] },
      withdrawn: { from: ['received', 'referred', 'scheduled'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      withinLimits: (ctx) => {
        const d = ctx.data;
        const answer = checkContainerRequest({ containerType: d.containerType as ContainerType, reason: d.reason, quantity: d.quantity, held: d.held, pending: d.pending });
        return answer.eligible || answer.message;
      },
      referenced: (ctx) => wasteReference(ctx.case) !== undefined || notYetReferred,
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'requestContainer',
        payload: (ctx) => ({
          uprn: ctx.data.uprn,
          containerType: ctx.data.containerType.id,
          reason: ctx.data.reason,
          quantity: ctx.data.quantity,
          ...(ctx.data.notes ? { notes: ctx.data.notes } : {}),
        }),
      },
      cancelAtBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'cancelContainerRequest',
        payload: (ctx) => ({ reference: wasteReference(ctx.case) ?? '' }),
      },
    },
    sla: { warning: { workingDays: 7 }, breach: { workingDays: 10 } },
  });

  const bulkyBooking = defineCaseType({
    name: 'waste.bulky-booking',
    version: 1,
    title: 'Bulky waste collection',
    schema: bulkyBookingCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Slot held', owner: { team: front, queue: 'waste' } },
      booked: { title: 'Booked', owner: { team, queue: 'bulky' } },
      resolved: { title: 'Collected', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      book: { from: 'received', to: 'booked', title: 'Book the collection', guards: ['holdValid'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      complete: { from: 'booked', to: 'resolved', title: 'Collected' },
      decline: { from: 'booked', to: 'resolved', title: 'Not taken further by the waste service' },
      cancel: { from: 'booked', to: 'closed', title: 'Cancel the booking', guards: ['referenced', 'cancellable'], effects: ['cancelAtBackOffice'] },
      withdrawn: { from: ['received', 'booked'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      holdValid: (ctx) => {
        if (Date.parse(ctx.data.reservationExpiresAt) <= ctx.now.getTime()) return 'The hold on that slot has run out. Choose a slot again.';
        if (londonDate(ctx.now) >= ctx.data.slotDate) return `The slot on ${spokenDate(ctx.data.slotDate)} is too soon to book. Choose a later slot.`;
        return true;
      },
      referenced: (ctx) => wasteReference(ctx.case) !== undefined || notYetReferred,
      cancellable: (ctx) => {
        const answer = checkBulkyCancellation({
          slotDate: ctx.data.slotDate,
          price: ctx.data.price,
          now: ctx.now,
          calendar: englandAndWales(),
          ...(options.bulkyRefundPolicy ? { policy: options.bulkyRefundPolicy } : {}),
        });
        return answer.eligible || answer.message;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'bookBulkyCollection',
        payload: (ctx) => ({
          reservationId: ctx.data.reservationId,
          items: ctx.data.items.map((i) => ({ itemId: i.itemId, quantity: i.quantity })),
          location: ctx.data.location,
          paymentReference: ctx.data.paymentReference,
        }),
      },
      cancelAtBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'cancelBulkyBooking',
        payload: (ctx) => ({ reference: wasteReference(ctx.case) ?? '' }),
      },
    },
  });

  const gardenSubscription = defineCaseType({
    name: 'waste.garden-subscription',
    version: 1,
    title: 'Garden waste subscription',
    schema: gardenSubscriptionCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'waste' } },
      referred: { title: 'Bins being delivered', owner: { team, queue: 'garden' } },
      resolved: { title: 'Subscribed', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      subscribe: { from: 'received', to: 'referred', title: 'Subscribe', guards: ['eligible'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      complete: { from: 'referred', to: 'resolved', title: 'Bins delivered' },
      decline: { from: 'referred', to: 'resolved', title: 'Not taken further by the waste service' },
      withdrawn: { from: ['received', 'referred'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      eligible: (ctx) => {
        if (ctx.data.propertyType === 'flat') return 'Garden waste collection is not available for flats.';
        if (ctx.data.existingReference) {
          return `This address already has a garden waste subscription (reference ${ctx.data.existingReference}). Renew or change that one instead.`;
        }
        return true;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'subscribeGardenWaste',
        payload: (ctx) => ({ uprn: ctx.data.uprn, bins: ctx.data.bins, paymentMethod: ctx.data.paymentMethod, paymentReference: ctx.data.paymentReference }),
      },
    },
    sla: { warning: { workingDays: 7 }, breach: { workingDays: 10 } },
  });

  const assistedCollection = defineCaseType({
    name: 'waste.assisted-collection',
    version: 1,
    title: 'Assisted bin collection',
    schema: assistedCollectionCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'waste' } },
      referred: { title: 'Being assessed', owner: { team, queue: 'assisted' } },
      resolved: { title: 'Decided', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      apply: { from: 'received', to: 'referred', title: 'Send the application', guards: ['eligible'], effects: ['referToBackOffice'] },
      'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
      approve: { from: 'referred', to: 'resolved', title: 'Approved' },
      deny: { from: 'referred', to: 'resolved', title: 'Not approved' },
      withdrawn: { from: ['received', 'referred'], to: 'closed', title: 'Withdrawn' },
      close: { from: 'resolved', to: 'closed' },
    },
    guards: {
      eligible: (ctx) => {
        if (ctx.data.alreadyAssisted) return 'This address already has an assisted collection.';
        if (ctx.data.pendingReference) return `An application for this address is already being considered (reference ${ctx.data.pendingReference}).`;
        return true;
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: WASTE_DESTINATION,
        operation: 'applyAssistedCollection',
        payload: (ctx) => ({ uprn: ctx.data.uprn, reason: ctx.data.reason, ...(ctx.data.until ? { until: ctx.data.until } : {}) }),
      },
    },
    sla: { warning: { workingDays: 7 }, breach: { workingDays: 10 } },
  });

  return {
    missedCollection,
    containerRequest,
    bulkyBooking,
    gardenSubscription,
    assistedCollection,
    all: [missedCollection, containerRequest, bulkyBooking, gardenSubscription, assistedCollection] as unknown as readonly CaseType[],
  };
}

/**
 * How waste back-office statuses (extended Open311) move waste cases: pass it
 * as (part of) `statusMap` to connect's `createStatusSync`. `null` means "note
 * it on the case but do not move it".
 *
 * @example
 * ```ts
 * import { createStatusSync } from '@councilkit/connect';
 * const sync = createStatusSync({ store, engine, backOffices: [waste], statusMap: { ...wasteStatusMap } });
 * ```
 */
export const wasteStatusMap: Readonly<Record<string, Readonly<Partial<Record<string, string | null>>>>> = {
  'waste.missed-collection': {
    open: null,
    investigating: null,
    for_triage: null,
    internal_referral: null,
    action_scheduled: 'schedule',
    in_progress: null,
    fixed: 'complete',
    closed: 'complete',
    duplicate: 'decline',
    not_councils_responsibility: 'decline',
    no_further_action: 'decline',
    cancelled: 'withdrawn',
  },
  'waste.container-request': {
    open: null,
    investigating: null,
    for_triage: null,
    action_scheduled: 'schedule',
    in_progress: null,
    fixed: 'complete',
    closed: 'complete',
    duplicate: 'decline',
    no_further_action: 'decline',
    cancelled: 'withdrawn',
  },
  'waste.bulky-booking': {
    open: null,
    action_scheduled: null,
    in_progress: null,
    fixed: 'complete',
    closed: 'complete',
    no_further_action: 'decline',
    cancelled: 'withdrawn',
  },
  'waste.garden-subscription': {
    open: null,
    action_scheduled: null,
    fixed: 'complete',
    closed: 'complete',
    no_further_action: 'decline',
    cancelled: 'withdrawn',
  },
  'waste.assisted-collection': {
    open: null,
    for_triage: null,
    investigating: null,
    fixed: 'approve',
    closed: 'approve',
    no_further_action: 'deny',
    not_councils_responsibility: 'deny',
    cancelled: 'withdrawn',
  },
};

/**
 * Build a missed collection case's data from what the client returned, so the
 * guard can check eligibility when the case is referred.
 *
 * @example
 * ```ts
 * const property = await waste.getProperty(uprn);
 * const { services } = await waste.getPropertyServices(uprn);
 * const data = missedCollectionCaseData({ property, service: services[0]!, notes: 'Left at the kerb' });
 * ```
 */
export function missedCollectionCaseData(input: {
  property: Pick<Property, 'uprn' | 'nation'>;
  service: Pick<WasteService, 'id' | 'name' | 'last' | 'openRequests'>;
  notes?: string;
}): MissedCollectionCaseData {
  const { property, service } = input;
  const open = service.openRequests.find((r) => r.type === 'missed-collection' && !['fixed', 'closed', 'duplicate', 'not_councils_responsibility', 'no_further_action', 'cancelled'].includes(r.status));
  return missedCollectionCaseDataSchema.parse({
    uprn: property.uprn,
    serviceId: service.id,
    serviceName: service.name,
    nation: property.nation,
    scheduledDate: service.last?.date ?? null,
    lastOutcome: service.last?.outcome ?? null,
    ...(service.last?.detail ? { lastOutcomeDetail: service.last.detail } : {}),
    ...(open ? { openReference: open.reference } : {}),
    ...(input.notes ? { notes: input.notes } : {}),
  });
}

/**
 * Build a container request case's data from the container type and the
 * property's services (to count what it holds now).
 *
 * @example
 * ```ts
 * const types = await waste.listContainerTypes();
 * const { services } = await waste.getPropertyServices(uprn);
 * const data = containerRequestCaseData({ uprn, containerType: types[0]!, services, reason: 'extra', quantity: 1 });
 * ```
 */
export function containerRequestCaseData(input: {
  uprn: number;
  containerType: ContainerType;
  services: readonly Pick<WasteService, 'containers'>[];
  reason: ContainerRequestCaseData['reason'];
  quantity: number;
  pending?: number;
  notes?: string;
}): ContainerRequestCaseData {
  const held = input.services.flatMap((s) => s.containers).filter((c) => c.type === input.containerType.id).reduce((sum, c) => sum + c.quantity, 0);
  return containerRequestCaseDataSchema.parse({
    uprn: input.uprn,
    containerType: input.containerType,
    reason: input.reason,
    quantity: input.quantity,
    held,
    pending: input.pending ?? 0,
    ...(input.notes ? { notes: input.notes } : {}),
  });
}
