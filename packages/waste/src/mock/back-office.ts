import { createWorkingDayCalendar } from '@councilkit/cases';
import { createFaultRegistry } from '@councilkit/connect/mock';
import type { IdempotencyStore, MockFaultControls, MockFaultRegistry } from '@councilkit/connect/mock';
import type { z } from 'zod';
import {
  checkBulkyAmendment,
  checkBulkyCancellation,
  checkContainerRequest,
  checkMissedCollection,
  gardenWasteCharge,
  isOpenStatus,
} from '../eligibility.js';
import type { BulkyRefundPolicy, WorkingDays } from '../eligibility.js';
import { WASTE_FIXTURES } from '../fixtures.js';
import { addDays, londonDate, londonDateTime, weekdayOf } from '../london.js';
import type {
  assistedApplyInputSchema,
  assistedDecisionInputSchema,
  bulkyAmendInputSchema,
  bulkyBookInputSchema,
  bulkyReserveInputSchema,
  bulkySlotsInputSchema,
  cancelInputSchema,
  containerRequestInputSchema,
  gardenModifyInputSchema,
  gardenQuoteInputSchema,
  gardenRenewInputSchema,
  gardenSubscribeInputSchema,
  missedCollectionInputSchema,
  updatesInputSchema,
} from '../schemas.js';
import type {
  AssistedCollection,
  BulkyBooking,
  BulkySlot,
  CollectionEventDetail,
  CollectionOutcome,
  GardenSubscription,
  Property,
  RequestStatus,
  RequestType,
  ServiceRequest,
  StatusUpdate,
  WasteService,
} from '../schemas.js';
import { createFetchHandler, createWasteIdempotencyStore } from './http.js';
import { buildICalendar } from './ical.js';
import { problemReply } from './reply.js';
import type { Reply } from './reply.js';
import { BULKY_ITEMS, CONTAINER_TYPES, MAX_BULKY_ITEMS, createRandom, hashUnit, seedProperties } from './seed.js';
import type { SeedProperty, ServicePlan } from './seed.js';

/**
 * Options for {@link createWasteBackOffice}.
 *
 * @example
 * ```ts
 * const options: WasteBackOfficeOptions = { seed: 7, now: () => clock.now(), slotCapacity: 3 };
 * ```
 */
export interface WasteBackOfficeOptions {
  /** Seed for the generated council: the same seed always gives the same properties. Default: `1`. */
  seed?: number;
  /** How many properties to generate (plus the fixed fixture property). Default: `60`. */
  properties?: number;
  /** Which UK nation the council is in: sets every property's `nation` and the default calendar. Default: `'england-and-wales'`. */
  nation?: Property['nation'];
  /** Working-day calendar for eligibility and bank holiday moves. Default: the bank holidays of `nation`. */
  calendar?: WorkingDays;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** How long a bulky slot reservation holds, in minutes. Default: `15`. */
  reservationMinutes?: number;
  /** Bookings each bulky slot takes. Default: `5`. */
  slotCapacity?: number;
  /** Full-year garden waste price per bin, pence. Default: `6000`. */
  gardenPricePerBin?: number;
  /** Bulky cancellation refund policy. Default: full refund up to 2 working days before, none after. */
  bulkyRefundPolicy?: BulkyRefundPolicy;
}

/**
 * A recorded collection outcome, to set up a scenario.
 *
 * @example
 * ```ts
 * backOffice.recordCollection({ uprn, serviceId: 'recycling', outcome: 'Contaminated', detail: 'Food waste' } satisfies RecordCollectionInput);
 * ```
 */
export interface RecordCollectionInput {
  /** The property. */
  uprn: number;
  /** The service id, e.g. `refuse`. */
  serviceId: string;
  /** The collection date. Default: the service's last collection date. */
  date?: string;
  /** What the crew recorded. */
  outcome: CollectionOutcome;
  /** LWSS level 2 detail, e.g. `Lid open`. */
  detail?: CollectionEventDetail;
}


type Input<S extends z.ZodType> = z.output<S>;

/** The operations the HTTP layer dispatches to (internal). */
export interface MockOperations {
  findPropertiesByPostcode(postcode: string): Reply;
  getProperty(uprn: number): Reply;
  getPropertyServices(uprn: number): Reply;
  getCollectionCalendar(uprn: number, weeks: number): Reply;
  listContainerTypes(): Reply;
  reportMissedCollection(input: Input<typeof missedCollectionInputSchema>): Reply;
  requestContainer(input: Input<typeof containerRequestInputSchema>): Reply;
  cancelContainerRequest(reference: string, input: Input<typeof cancelInputSchema>): Reply;
  getServiceRequest(reference: string): Reply;
  listUpdates(input: Input<typeof updatesInputSchema>): Reply;
  quoteGardenSubscription(input: Input<typeof gardenQuoteInputSchema>): Reply;
  subscribeGardenWaste(input: Input<typeof gardenSubscribeInputSchema>): Reply;
  getGardenSubscription(reference: string): Reply;
  modifyGardenSubscription(reference: string, input: Input<typeof gardenModifyInputSchema>): Reply;
  renewGardenSubscription(reference: string, input: Input<typeof gardenRenewInputSchema>): Reply;
  cancelGardenSubscription(reference: string, input: Input<typeof cancelInputSchema>): Reply;
  listBulkyItems(): Reply;
  listBulkySlots(input: Input<typeof bulkySlotsInputSchema>): Reply;
  reserveBulkySlot(input: Input<typeof bulkyReserveInputSchema>): Reply;
  bookBulkyCollection(input: Input<typeof bulkyBookInputSchema>): Reply;
  getBulkyBooking(reference: string): Reply;
  amendBulkyBooking(reference: string, input: Input<typeof bulkyAmendInputSchema>): Reply;
  cancelBulkyBooking(reference: string, input: Input<typeof cancelInputSchema>): Reply;
  applyAssistedCollection(input: Input<typeof assistedApplyInputSchema>): Reply;
  getAssistedCollection(reference: string): Reply;
  approveAssistedCollection(reference: string, input: Input<typeof assistedDecisionInputSchema>): Reply;
  denyAssistedCollection(reference: string, input: Input<typeof assistedDecisionInputSchema>): Reply;
}

/** State the HTTP layer shares with the back office (internal). */
export interface MockInternals {
  operations: MockOperations;
  faults: MockFaultRegistry;
  idempotency: IdempotencyStore;
  now: () => Date;
}

/**
 * Options for {@link WasteBackOffice.toFetchHandler}.
 *
 * @example
 * ```ts
 * const handle = backOffice.toFetchHandler({ basePath: '/waste/v1' } satisfies FetchHandlerOptions);
 * ```
 */
export interface FetchHandlerOptions {
  /** The path the interface is mounted under, e.g. `/v1`. Default: `''` (the root). */
  basePath?: string;
}

/**
 * A stateful in-process fake of a waste back office. Writes change its state,
 * Idempotency-Keys are honoured, status updates accumulate for `/updates`,
 * and faults can be injected on demand.
 *
 * @example
 * ```ts
 * const backOffice: WasteBackOffice = createWasteBackOffice({ seed: 1 });
 * backOffice.complete('MC-100001');
 * ```
 */
export interface WasteBackOffice {
  /** Every property it holds, including the conformance fixtures (`WASTE_FIXTURES`). */
  properties(): Property[];
  /** The services at a property now, as `getPropertyServices` would answer. Throws for an unknown UPRN. */
  services(uprn: number): WasteService[];
  /** Every service request it holds. */
  requests(): ServiceRequest[];
  /** Every status update so far, oldest first. */
  updates(): StatusUpdate[];
  /** Finish a job: a missed collection collected, containers delivered, bulky items collected, garden bins delivered. Status becomes `fixed`. */
  complete(reference: string, description?: string): ServiceRequest;
  /** Move a request to any status in the extended Open311 vocabulary. */
  advance(reference: string, status: RequestStatus, description?: string): ServiceRequest;
  /** Record what a crew found at a collection, to set up a scenario. */
  recordCollection(input: RecordCollectionInput): void;
  /** Fault injection. */
  readonly faults: MockFaultControls;
  /** The interface as a fetch handler, `(Request) => Promise<Response>`, to mount in any server or test. */
  toFetchHandler(options?: FetchHandlerOptions): (request: Request) => Promise<Response>;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const ANCHOR_MONDAY = '2024-01-01';

interface RequestRecord extends ServiceRequest {
  containerType?: string;
  containerReason?: 'new' | 'extra' | 'replacement' | 'damaged';
  quantity?: number;
}

interface Reservation {
  id: string;
  uprn: number;
  slotId: string;
  expiresAt: number;
  used: boolean;
}

const notFound = (what: string) => problemReply('not-found', 404, 'Not found', `There is no ${what}.`);
const ok = (body: unknown, status = 200): Reply => ({ status, body });

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function seededOutcome(seed: number, uprn: number, serviceId: string, date: string): { outcome: CollectionOutcome; detail?: CollectionEventDetail } {
  const roll = hashUnit(seed, uprn, serviceId, date);
  if (roll < 0.86) return { outcome: 'Collected' };
  if (roll < 0.91) return { outcome: 'Not presented' };
  if (roll < 0.94) return { outcome: 'Contaminated', detail: serviceId === 'recycling' ? 'Food waste' : 'Garden waste' };
  if (roll < 0.96) return { outcome: 'Excess waste', detail: roll < 0.95 ? 'Lid open' : 'Side waste present' };
  if (roll < 0.98) return { outcome: 'Too heavy' };
  return { outcome: 'Inaccessible container store' };
}

/**
 * Create a stateful mock waste back office with realistic seeded data:
 * properties with UPRNs, USRNs and postcodes, rounds, fortnightly and weekly
 * schedules (moved off bank holidays), last collection outcomes from the
 * LWSS in-cab taxonomy, container holdings, garden subscriptions, a bulky
 * catalogue and slots. Serve it with `wasteHandlers` (msw) or
 * `toFetchHandler()` (any server).
 *
 * @example
 * ```ts
 * import { createWasteBackOffice, wasteHandlers } from '@councilkit/waste/mock';
 * import { setupServer } from 'msw/node';
 *
 * const backOffice = createWasteBackOffice({ seed: 7 });
 * const server = setupServer(...wasteHandlers(backOffice, { baseUrl: 'https://waste.test/v1' }));
 * server.listen({ onUnhandledRequest: 'error' });
 * backOffice.faults.inject({ operation: 'getPropertyServices', kind: 'timeout', times: 1 });
 * ```
 */
export function createWasteBackOffice(options: WasteBackOfficeOptions = {}): WasteBackOffice {
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => new Date());
  const nation = options.nation ?? 'england-and-wales';
  const calendar: WorkingDays = options.calendar ?? createWorkingDayCalendar({ nation });
  const reservationMs = (options.reservationMinutes ?? 15) * 60_000;
  const slotCapacity = options.slotCapacity ?? 5;
  const gardenPrice = options.gardenPricePerBin ?? 6000;
  const random = createRandom(seed ^ 0x5eed);

  const seeded = seedProperties(seed, options.properties ?? 60).map((p) => ({ ...p, property: { ...p.property, nation } }));
  // The fixture collects on the weekday of the most recent working day, so a
  // missed collection on it is always within the reporting window.
  let lastWorking = londonDate(now());
  while (!calendar.isWorkingDay(lastWorking)) lastWorking = addDays(lastWorking, -1);
  const fixtureWeekday = weekdayOf(lastWorking);
  const fixtureServices: ServicePlan[] = [
    { id: 'refuse', name: 'rubbish', materialStream: 'household waste', frequency: 'weekly', parity: 0, containers: [{ type: 'refuse-240', size: '240L', quantity: 1 }] },
    { id: 'recycling', name: 'mixed recycling', materialStream: 'mixed recyclables', frequency: 'weekly', parity: 0, containers: [{ type: 'recycling-240', size: '240L', quantity: 1 }] },
    {
      id: 'food',
      name: 'food waste',
      materialStream: 'food waste',
      frequency: 'weekly',
      parity: 0,
      containers: [
        { type: 'food-caddy-23', size: '23L', quantity: 1 },
        { type: 'kitchen-caddy-5', size: '5L', quantity: 1 },
      ],
    },
  ];
  const fixtureProperty = (uprn: number, number: number): Property => ({
    uprn,
    usrn: 30_199_999,
    address: { lines: [`${number} Conformance Close`], town: 'Anytown', postcode: WASTE_FIXTURES.postcode },
    postcode: WASTE_FIXTURES.postcode,
    lat: 52.25,
    lng: -1.15 + number * 0.0001,
    type: 'house',
    nation,
    assistedCollection: false,
  });
  const fixture: SeedProperty = { property: fixtureProperty(WASTE_FIXTURES.uprn, 1), weekday: fixtureWeekday, roundPrefix: `R${fixtureWeekday}F`, services: fixtureServices, gardenBins: 1 };
  const neighbour: SeedProperty = { ...fixture, property: fixtureProperty(WASTE_FIXTURES.neighbourUprn, 3), gardenBins: 0 };
  const all = [fixture, neighbour, ...seeded];
  const properties = new Map<number, SeedProperty>(all.map((p) => [p.property.uprn, p]));
  const byPostcode = new Map<string, number[]>();
  for (const p of all) byPostcode.set(p.property.postcode, [...(byPostcode.get(p.property.postcode) ?? []), p.property.uprn]);

  const holdings = new Map<number, Map<string, number>>();
  for (const p of all) {
    const held = new Map<string, number>();
    for (const s of p.services) for (const c of s.containers) held.set(c.type, (held.get(c.type) ?? 0) + c.quantity);
    holdings.set(p.property.uprn, held);
  }

  const requests = new Map<string, RequestRecord>();
  const gardenSubs = new Map<string, GardenSubscription>();
  const gardenByUprn = new Map<number, string>();
  const reservations = new Map<string, Reservation>();
  const bookings = new Map<string, BulkyBooking>();
  const assisted = new Map<string, AssistedCollection>();
  const outcomes = new Map<string, { outcome: CollectionOutcome; detail?: CollectionEventDetail }>();
  const updates: StatusUpdate[] = [];
  const counters = new Map<string, number>();
  let updateSeq = 0;

  const nextReference = (prefix: string) => {
    const n = (counters.get(prefix) ?? 100_000) + 1;
    counters.set(prefix, n);
    return `${prefix}-${n}`;
  };
  const stamp = () => londonDateTime(now());
  const today = () => londonDate(now());
  let fixtureSlotDate = addDays(today(), 21);
  while (!calendar.isWorkingDay(fixtureSlotDate)) fixtureSlotDate = addDays(fixtureSlotDate, 1);

  function emit(record: RequestRecord): void {
    updateSeq += 1;
    updates.push({
      id: String(updateSeq),
      reference: record.reference,
      requestType: record.type,
      status: record.status,
      ...(record.statusDescription === undefined ? {} : { description: record.statusDescription }),
      updatedAt: record.updatedAt,
    });
  }

  function createRequest(type: RequestType, prefix: string, fields: Partial<RequestRecord> & { uprn: number }, status: RequestStatus = 'open', description?: string): RequestRecord {
    const at = stamp();
    const record: RequestRecord = {
      reference: fields.reference ?? nextReference(prefix),
      type,
      status,
      createdAt: at,
      updatedAt: at,
      ...fields,
      ...(description === undefined ? {} : { statusDescription: description }),
    };
    requests.set(record.reference, record);
    emit(record);
    return record;
  }

  function setStatus(record: RequestRecord, status: RequestStatus, description?: string): RequestRecord {
    record.status = status;
    record.updatedAt = stamp();
    if (description === undefined) delete record.statusDescription;
    else record.statusDescription = description;
    emit(record);
    return record;
  }

  function publicRequest(record: RequestRecord): ServiceRequest {
    const { containerType: _t, containerReason: _r, quantity: _q, ...rest } = record;
    return { ...rest };
  }

  // ---- schedules ----

  function plansOf(p: SeedProperty): ServicePlan[] {
    const ref = gardenByUprn.get(p.property.uprn);
    const sub = ref ? gardenSubs.get(ref) : undefined;
    if (!sub || sub.status !== 'active') return p.services;
    const recyclingParity = p.services.find((s) => s.id === 'recycling')?.parity ?? 0;
    return [
      ...p.services,
      { id: 'garden', name: 'garden waste', materialStream: 'garden waste', frequency: 'fortnightly', parity: recyclingParity, containers: [{ type: 'garden-240', size: '240L', quantity: sub.bins }] },
    ];
  }

  function actualDates(p: SeedProperty, plan: ServicePlan, from: string, to: string): { date: string; rescheduledFrom?: string }[] {
    const out: { date: string; rescheduledFrom?: string }[] = [];
    const offset = (p.weekday - weekdayOf(from) + 7) % 7;
    for (let nominal = addDays(from, offset); nominal <= to; nominal = addDays(nominal, 7)) {
      const week = Math.floor(dayDiff(ANCHOR_MONDAY, nominal) / 7);
      if (plan.frequency === 'fortnightly' && ((week % 2) + 2) % 2 !== plan.parity) continue;
      // A collection on a bank holiday moves to the next working day, as most councils do.
      if (calendar.isWorkingDay(nominal)) out.push({ date: nominal });
      else out.push({ date: calendar.addWorkingDays(nominal, 1), rescheduledFrom: nominal });
    }
    return out;
  }

  function outcomeFor(uprn: number, serviceId: string, date: string) {
    const recorded = outcomes.get(`${uprn}|${serviceId}|${date}`);
    if (recorded) return recorded;
    return uprn === WASTE_FIXTURES.uprn || uprn === WASTE_FIXTURES.neighbourUprn ? { outcome: 'Collected' as const } : seededOutcome(seed, uprn, serviceId, date);
  }

  function servicesOf(p: SeedProperty): WasteService[] {
    const t = today();
    return plansOf(p).map((plan) => {
      const dates = actualDates(p, plan, addDays(t, -42), addDays(t, 70));
      const past = dates.filter((d) => d.date <= t);
      const lastDate = past[past.length - 1];
      const next = dates.find((d) => d.date > t);
      const round = { id: `${p.roundPrefix}-${plan.id.toUpperCase()}`, name: `${DAY_NAMES[p.weekday]} ${plan.name} round ${p.roundPrefix.slice(-1)}` };
      let last: WasteService['last'] = null;
      if (lastDate) {
        const found = outcomeFor(p.property.uprn, plan.id, lastDate.date);
        const minute = Math.floor(hashUnit(seed, p.property.uprn, plan.id, lastDate.date, 'm') * 300);
        const recorded = new Date(`${lastDate.date}T00:00:00Z`);
        const recordedAt = londonDateTime(new Date(recorded.getTime() + (7 * 60 + minute) * 60_000));
        last = { date: lastDate.date, outcome: found.outcome, ...(found.detail ? { detail: found.detail } : {}), recordedAt, round: round.id };
      }
      return {
        id: plan.id,
        name: plan.name,
        materialStream: plan.materialStream,
        containers: plan.containers.map((c) => ({ ...c })),
        round,
        schedule: {
          frequency: plan.frequency,
          day: DAY_NAMES[p.weekday] as WasteService['schedule']['day'],
          description: `${plan.frequency === 'weekly' ? 'Every' : 'Every other'} ${DAY_NAMES[p.weekday]}`,
        },
        last,
        next: next ? { date: next.date, ...(next.rescheduledFrom ? { rescheduledFrom: next.rescheduledFrom } : {}) } : null,
        openRequests: [...requests.values()]
          .filter((r) => r.uprn === p.property.uprn && r.serviceId === plan.id && isOpenStatus(r.status))
          .map((r) => ({ reference: r.reference, type: r.type, status: r.status })),
      };
    });
  }

  // ---- bulky slots ----

  function slotsBetween(from: string, to: string): BulkySlot[] {
    const out: BulkySlot[] = [];
    const at = now().getTime();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (!calendar.isWorkingDay(d)) continue;
      const id = d === fixtureSlotDate ? WASTE_FIXTURES.bulkySlot : `slot-${d}`;
      const booked = [...bookings.values()].filter((b) => b.slot.id === id && b.status !== 'cancelled').length;
      const held = [...reservations.values()].filter((r) => r.slotId === id && !r.used && r.expiresAt > at).length;
      out.push({ id, date: d, window: 'all-day', remaining: Math.max(0, slotCapacity - booked - held) });
    }
    return out;
  }

  function slotById(id: string): BulkySlot | undefined {
    if (id === WASTE_FIXTURES.bulkySlot) return slotsBetween(fixtureSlotDate, fixtureSlotDate)[0];
    const match = /^slot-(\d{4}-\d{2}-\d{2})$/.exec(id);
    if (!match?.[1]) return undefined;
    const date = match[1];
    if (Number.isNaN(Date.parse(date)) || date === fixtureSlotDate) return undefined;
    return slotsBetween(date, date)[0];
  }

  function priceItems(items: { itemId: string; quantity: number }[]): Reply | BulkyBooking['items'] {
    const lines: BulkyBooking['items'] = [];
    let count = 0;
    for (const line of items) {
      const item = BULKY_ITEMS.find((i) => i.id === line.itemId);
      if (!item) return problemReply('not-eligible', 422, 'Unknown item', `We do not collect "${line.itemId}" as a bulky item. Choose an item from the list.`, { code: 'unknown-item' });
      if (line.quantity > item.maxQuantity) {
        return problemReply('limit-exceeded', 422, 'Too many of one item', `We can collect at most ${item.maxQuantity} of "${item.name}" in one booking.`, { code: 'too-many-items' });
      }
      count += line.quantity;
      lines.push({ itemId: item.id, name: item.name, quantity: line.quantity, price: item.price * line.quantity });
    }
    if (count > MAX_BULKY_ITEMS) {
      return problemReply('limit-exceeded', 422, 'Too many items', `One booking can include at most ${MAX_BULKY_ITEMS} items. Make a second booking for the rest.`, { code: 'too-many-items' });
    }
    return lines;
  }

  function takeReservation(id: string, uprn: number): Reply | Reservation {
    const reservation = reservations.get(id);
    if (!reservation || reservation.uprn !== uprn) return notFound('slot reservation with that id for this address');
    if (reservation.used) return problemReply('conflict', 409, 'Reservation already used', 'That slot reservation has already been used for a booking.');
    if (reservation.expiresAt <= now().getTime()) {
      return problemReply('reservation-expired', 410, 'Reservation expired', 'The hold on that slot has run out. Choose a slot again.');
    }
    return reservation;
  }

  // ---- seed existing subscriptions and fixture requests ----

  for (const p of all) {
    if (p.gardenBins > 0) {
      const t = today();
      const charge = gardenWasteCharge({ pricePerBin: gardenPrice, bins: p.gardenBins, start: t, proRata: false });
      const periodStart = addDays(charge.periodEnd, 1 - 365);
      const reference = p === fixture ? WASTE_FIXTURES.gardenSubscription : undefined;
      const record = createRequest('garden-subscription', 'GW', { uprn: p.property.uprn, serviceId: 'garden', ...(reference ? { reference } : {}) }, 'fixed', 'Subscription active');
      const sub: GardenSubscription = {
        reference: record.reference,
        uprn: p.property.uprn,
        bins: p.gardenBins,
        status: 'active',
        periodStart,
        periodEnd: charge.periodEnd,
        paymentMethod: random.next() < 0.5 ? 'card' : 'direct-debit',
        amountPaid: charge.amount,
      };
      gardenSubs.set(sub.reference, sub);
      gardenByUprn.set(sub.uprn, sub.reference);
    }
  }

  // ---- the conformance fixtures (see WASTE_FIXTURES) ----
  {
    const uprn = WASTE_FIXTURES.uprn;
    createRequest('missed-collection', 'MC', { reference: WASTE_FIXTURES.missedCollection, uprn, serviceId: 'food', dueBy: today() }, 'fixed', 'Collected');
    createRequest('container-request', 'CR', {
      reference: WASTE_FIXTURES.containerRequest,
      uprn,
      dueBy: calendar.addWorkingDays(today(), 10),
      charge: 0,
      containerType: 'kitchen-caddy-5',
      containerReason: 'replacement',
      quantity: 1,
    });
    const slot = slotById(WASTE_FIXTURES.bulkySlot) as BulkySlot;
    const items = priceItems([{ itemId: 'wardrobe', quantity: 1 }]) as BulkyBooking['items'];
    const record = createRequest('bulky-booking', 'BK', { reference: WASTE_FIXTURES.bulkyBooking, uprn, dueBy: slot.date, charge: 1500 }, 'action_scheduled', `Collection booked for ${slot.date}`);
    bookings.set(record.reference, { reference: record.reference, uprn, slot, items, location: 'Front garden', price: 1500, status: 'action_scheduled', createdAt: record.createdAt });
    reservations.set(WASTE_FIXTURES.bulkyReservation, { id: WASTE_FIXTURES.bulkyReservation, uprn, slotId: WASTE_FIXTURES.bulkySlot, expiresAt: now().getTime() + 365 * 86_400_000, used: false });
    for (const reference of [WASTE_FIXTURES.assistedToApprove, WASTE_FIXTURES.assistedToDeny]) {
      const application = createRequest('assisted-collection', 'AC', { reference, uprn, dueBy: calendar.addWorkingDays(today(), 10) }, 'for_triage', 'Application received');
      assisted.set(reference, { reference, uprn, reason: 'Resident cannot move the bins to the kerb', status: 'pending', createdAt: application.createdAt });
    }
  }

  const operations: MockOperations = {
    findPropertiesByPostcode(postcode) {
      const uprns = byPostcode.get(postcode) ?? [];
      return ok({ properties: uprns.map((u) => properties.get(u)?.property).filter(Boolean) });
    },

    getProperty(uprn) {
      const p = properties.get(uprn);
      return p ? ok(p.property) : notFound('property with that UPRN');
    },

    getPropertyServices(uprn) {
      const p = properties.get(uprn);
      return p ? ok({ uprn, services: servicesOf(p) }) : notFound('property with that UPRN');
    },

    getCollectionCalendar(uprn, weeks) {
      const p = properties.get(uprn);
      if (!p) return notFound('property with that UPRN');
      const t = today();
      const events = plansOf(p).flatMap((plan) =>
        actualDates(p, plan, addDays(t, 1), addDays(t, weeks * 7)).map((d) => ({
          uid: `${uprn}-${plan.id}-${d.date}@waste.councilkit.mock`,
          date: d.date,
          summary: `${plan.name.charAt(0).toUpperCase()}${plan.name.slice(1)} collection`,
          ...(d.rescheduledFrom ? { description: `Moved from ${d.rescheduledFrom} because of a bank holiday.` } : {}),
        })),
      );
      events.sort((a, b) => (a.date === b.date ? a.uid.localeCompare(b.uid) : a.date.localeCompare(b.date)));
      return { status: 200, contentType: 'text/calendar; charset=utf-8', text: buildICalendar(`Bin collections: ${p.property.address.lines.join(', ')}`, events, now()) };
    },

    listContainerTypes() {
      return ok({ containerTypes: CONTAINER_TYPES });
    },

    reportMissedCollection(input) {
      const p = properties.get(input.uprn);
      if (!p) return notFound('property with that UPRN');
      const service = servicesOf(p).find((s) => s.id === input.serviceId);
      if (!service) return notFound(`"${input.serviceId}" service at this address`);
      const answer = checkMissedCollection({ service, now: now(), calendar });
      if (!answer.eligible) return problemReply('not-eligible', 422, 'Not eligible', answer.message, { code: answer.reason });
      const record = createRequest('missed-collection', 'MC', {
        uprn: input.uprn,
        serviceId: input.serviceId,
        dueBy: calendar.addWorkingDays(today(), 2),
      });
      return ok(publicRequest(record), 201);
    },

    requestContainer(input) {
      const p = properties.get(input.uprn);
      if (!p) return notFound('property with that UPRN');
      const type = CONTAINER_TYPES.find((t) => t.id === input.containerType);
      if (!type) return notFound(`container type "${input.containerType}"`);
      const held = holdings.get(input.uprn)?.get(type.id) ?? 0;
      const pending = [...requests.values()]
        .filter((r) => r.uprn === input.uprn && r.containerType === type.id && isOpenStatus(r.status) && (r.containerReason === 'new' || r.containerReason === 'extra'))
        .reduce((sum, r) => sum + (r.quantity ?? 0), 0);
      const answer = checkContainerRequest({ containerType: type, reason: input.reason, quantity: input.quantity, held, pending });
      if (!answer.eligible) {
        return problemReply(answer.reason === 'limit-exceeded' ? 'limit-exceeded' : 'not-eligible', 422, 'Not eligible', answer.message, { code: answer.reason });
      }
      const record = createRequest('container-request', 'CR', {
        uprn: input.uprn,
        dueBy: calendar.addWorkingDays(today(), 10),
        charge: answer.charge,
        containerType: type.id,
        containerReason: input.reason,
        quantity: input.quantity,
      });
      return ok(publicRequest(record), 201);
    },

    cancelContainerRequest(reference, input) {
      const record = requests.get(reference);
      if (!record || record.type !== 'container-request') return notFound('container request with that reference');
      if (!isOpenStatus(record.status) || record.status === 'in_progress') {
        return problemReply('conflict', 409, 'Cannot cancel', `Container request ${reference} is ${record.status.replace(/_/g, ' ')} and can no longer be cancelled.`);
      }
      return ok(publicRequest(setStatus(record, 'cancelled', input.reason ? `Cancelled: ${input.reason}` : 'Cancelled at the resident\u2019s request')));
    },

    getServiceRequest(reference) {
      const record = requests.get(reference);
      return record ? ok(publicRequest(record)) : notFound('request with that reference');
    },

    listUpdates(input) {
      const since = input.since === undefined ? 0 : Number(input.since);
      const limit = input.limit ?? 100;
      const page = updates.filter((u) => Number(u.id) > since).slice(0, limit);
      const cursor = page.length > 0 ? (page[page.length - 1] as StatusUpdate).id : String(Math.min(since, updateSeq));
      return ok({ updates: page, cursor });
    },

    quoteGardenSubscription(input) {
      const p = properties.get(input.uprn);
      if (!p) return notFound('property with that UPRN');
      if (p.property.type === 'flat') {
        return problemReply('not-eligible', 422, 'Not eligible', 'Garden waste collection is not available for flats.', { code: 'property-not-eligible' });
      }
      const charge = gardenWasteCharge({ pricePerBin: gardenPrice, bins: input.bins, start: today() });
      return ok({ uprn: input.uprn, bins: input.bins, pricePerBin: gardenPrice, ...charge });
    },

    subscribeGardenWaste(input) {
      const p = properties.get(input.uprn);
      if (!p) return notFound('property with that UPRN');
      if (p.property.type === 'flat') {
        return problemReply('not-eligible', 422, 'Not eligible', 'Garden waste collection is not available for flats.', { code: 'property-not-eligible' });
      }
      const existing = gardenByUprn.get(input.uprn);
      if (existing && gardenSubs.get(existing)?.status === 'active') {
        return problemReply('not-eligible', 422, 'Already subscribed', `This address already has a garden waste subscription (reference ${existing}). Renew or change that one instead.`, {
          code: 'already-subscribed',
        });
      }
      const charge = gardenWasteCharge({ pricePerBin: gardenPrice, bins: input.bins, start: today() });
      const record = createRequest('garden-subscription', 'GW', { uprn: input.uprn, serviceId: 'garden', dueBy: calendar.addWorkingDays(today(), 10) });
      const sub: GardenSubscription = {
        reference: record.reference,
        uprn: input.uprn,
        bins: input.bins,
        status: 'active',
        periodStart: charge.periodStart,
        periodEnd: charge.periodEnd,
        paymentMethod: input.paymentMethod,
        amountPaid: charge.amount,
      };
      gardenSubs.set(sub.reference, sub);
      gardenByUprn.set(sub.uprn, sub.reference);
      return ok(sub, 201);
    },

    getGardenSubscription(reference) {
      const sub = gardenSubs.get(reference);
      return sub ? ok(sub) : notFound('garden waste subscription with that reference');
    },

    modifyGardenSubscription(reference, input) {
      const sub = gardenSubs.get(reference);
      if (!sub) return notFound('garden waste subscription with that reference');
      if (sub.status !== 'active') return problemReply('conflict', 409, 'Not active', `Subscription ${reference} is ${sub.status}, so it cannot be changed.`);
      if (input.bins > sub.bins) {
        if (!input.paymentReference) {
          return problemReply('not-eligible', 422, 'Payment needed', 'Adding bins needs a payment for the rest of the year. Take the payment and send its reference.', {
            code: 'payment-required',
          });
        }
        sub.amountPaid += gardenWasteCharge({ pricePerBin: gardenPrice, bins: input.bins - sub.bins, start: today() }).amount;
      }
      sub.bins = input.bins;
      const record = requests.get(reference);
      if (record) setStatus(record, 'action_scheduled', `Bins changed to ${input.bins}`);
      return ok(sub);
    },

    renewGardenSubscription(reference, input) {
      const sub = gardenSubs.get(reference);
      if (!sub) return notFound('garden waste subscription with that reference');
      if (sub.status === 'cancelled') return problemReply('conflict', 409, 'Cancelled', `Subscription ${reference} was cancelled. Start a new subscription instead.`);
      if (sub.renewedTo) {
        return problemReply('not-eligible', 422, 'Already renewed', `Subscription ${reference} is already renewed until ${sub.renewedTo}.`, { code: 'already-renewed' });
      }
      const bins = input.bins ?? sub.bins;
      const nextStart = addDays(sub.periodEnd, 1);
      const charge = gardenWasteCharge({ pricePerBin: gardenPrice, bins, start: nextStart, proRata: false });
      sub.bins = bins;
      sub.paymentMethod = input.paymentMethod;
      sub.amountPaid += charge.amount;
      sub.renewedTo = charge.periodEnd;
      sub.status = 'active';
      const record = requests.get(reference);
      if (record) setStatus(record, 'fixed', `Renewed until ${charge.periodEnd}`);
      return ok(sub);
    },

    cancelGardenSubscription(reference, input) {
      const sub = gardenSubs.get(reference);
      if (!sub) return notFound('garden waste subscription with that reference');
      if (sub.status === 'cancelled') return problemReply('conflict', 409, 'Already cancelled', `Subscription ${reference} is already cancelled.`);
      sub.status = 'cancelled';
      const record = requests.get(reference);
      if (record) setStatus(record, 'cancelled', input.reason ? `Cancelled: ${input.reason}` : 'Cancelled at the resident\u2019s request');
      return ok(sub);
    },

    listBulkyItems() {
      return ok({ items: BULKY_ITEMS, maxItemsPerBooking: MAX_BULKY_ITEMS });
    },

    listBulkySlots(input) {
      if (!properties.has(input.uprn)) return notFound('property with that UPRN');
      const tomorrow = addDays(today(), 1);
      const from = input.from && input.from > tomorrow ? input.from : tomorrow;
      const to = input.to ?? addDays(from, 27);
      if (dayDiff(from, to) > 90) return problemReply('validation', 400, 'Range too long', 'Ask for at most 90 days of slots at a time.');
      return ok({ uprn: input.uprn, slots: slotsBetween(from, to).filter((s) => s.remaining > 0) });
    },

    reserveBulkySlot(input) {
      if (!properties.has(input.uprn)) return notFound('property with that UPRN');
      const slot = slotById(input.slotId);
      if (!slot || slot.date <= today() || dayDiff(today(), slot.date) > 90) return notFound('bulky slot with that id');
      if (slot.remaining <= 0) return problemReply('slot-unavailable', 409, 'Slot full', `The slot on ${slot.date} has just been taken. Choose another slot.`);
      const id = `R${nextReference('RES').slice(4)}`;
      const expiresAt = now().getTime() + reservationMs;
      reservations.set(id, { id, uprn: input.uprn, slotId: slot.id, expiresAt, used: false });
      return ok({ id, uprn: input.uprn, slot: { ...slot, remaining: slot.remaining - 1 }, expiresAt: londonDateTime(new Date(expiresAt)) }, 201);
    },

    bookBulkyCollection(input) {
      const reservation = reservations.get(input.reservationId);
      if (!reservation) return notFound('slot reservation with that id');
      const taken = takeReservation(input.reservationId, reservation.uprn);
      if ('status' in taken) return taken;
      const lines = priceItems(input.items);
      if (!Array.isArray(lines)) return lines;
      taken.used = true;
      const slot = slotById(taken.slotId) as BulkySlot;
      const price = lines.reduce((sum, l) => sum + l.price, 0);
      const record = createRequest('bulky-booking', 'BK', { uprn: taken.uprn, dueBy: slot.date, charge: price }, 'action_scheduled', `Collection booked for ${slot.date}`);
      const booking: BulkyBooking = {
        reference: record.reference,
        uprn: taken.uprn,
        slot: { ...slot },
        items: lines,
        location: input.location,
        price,
        status: 'action_scheduled',
        createdAt: record.createdAt,
      };
      bookings.set(booking.reference, booking);
      return ok(booking, 201);
    },

    getBulkyBooking(reference) {
      const booking = bookings.get(reference);
      return booking ? ok(booking) : notFound('bulky booking with that reference');
    },

    amendBulkyBooking(reference, input) {
      const booking = bookings.get(reference);
      if (!booking) return notFound('bulky booking with that reference');
      if (!isOpenStatus(booking.status)) return problemReply('conflict', 409, 'Cannot amend', `Booking ${reference} is ${booking.status} and cannot be changed.`);
      const answer = checkBulkyAmendment({ slotDate: booking.slot.date, now: now(), calendar });
      if (!answer.eligible) return problemReply('not-eligible', 422, 'Too late to amend', answer.message, { code: answer.reason });
      let reservation: Reservation | undefined;
      if (input.reservationId) {
        const taken = takeReservation(input.reservationId, booking.uprn);
        if ('status' in taken) return taken;
        reservation = taken;
      }
      let lines = booking.items;
      if (input.items) {
        const priced = priceItems(input.items);
        if (!Array.isArray(priced)) return priced;
        lines = priced;
      }
      if (reservation) {
        reservation.used = true;
        booking.slot = { ...(slotById(reservation.slotId) as BulkySlot) };
      }
      booking.items = lines;
      booking.price = lines.reduce((sum, l) => sum + l.price, 0);
      if (input.location) booking.location = input.location;
      const record = requests.get(reference);
      if (record) {
        record.dueBy = booking.slot.date;
        record.charge = booking.price;
        setStatus(record, 'action_scheduled', `Booking changed; collection on ${booking.slot.date}`);
      }
      return ok(booking);
    },

    cancelBulkyBooking(reference, input) {
      const booking = bookings.get(reference);
      if (!booking) return notFound('bulky booking with that reference');
      if (!isOpenStatus(booking.status)) return problemReply('conflict', 409, 'Cannot cancel', `Booking ${reference} is ${booking.status} and cannot be cancelled.`);
      const answer = checkBulkyCancellation({ slotDate: booking.slot.date, price: booking.price, now: now(), calendar, ...(options.bulkyRefundPolicy ? { policy: options.bulkyRefundPolicy } : {}) });
      if (!answer.eligible) return problemReply('not-eligible', 422, 'Too late to cancel', answer.message, { code: answer.reason });
      booking.status = 'cancelled';
      const record = requests.get(reference);
      if (record) setStatus(record, 'cancelled', input.reason ? `Cancelled: ${input.reason}` : answer.explanation);
      return ok({ booking, refund: { amount: answer.amount, rule: answer.rule, explanation: answer.explanation } });
    },

    applyAssistedCollection(input) {
      const p = properties.get(input.uprn);
      if (!p) return notFound('property with that UPRN');
      if (p.property.assistedCollection) {
        return problemReply('not-eligible', 422, 'Already assisted', 'This address already has an assisted collection.', { code: 'already-assisted' });
      }
      const pending = [...assisted.values()].find((a) => a.uprn === input.uprn && a.status === 'pending');
      if (pending) {
        return problemReply('not-eligible', 422, 'Already applied', `An application for this address is already being considered (reference ${pending.reference}).`, { code: 'already-open' });
      }
      const record = createRequest('assisted-collection', 'AC', { uprn: input.uprn, dueBy: calendar.addWorkingDays(today(), 10) }, 'for_triage', 'Application received');
      const application: AssistedCollection = {
        reference: record.reference,
        uprn: input.uprn,
        reason: input.reason,
        ...(input.until ? { until: input.until } : {}),
        status: 'pending',
        createdAt: record.createdAt,
      };
      assisted.set(application.reference, application);
      return ok(application, 201);
    },

    getAssistedCollection(reference) {
      const application = assisted.get(reference);
      return application ? ok(application) : notFound('assisted collection application with that reference');
    },

    approveAssistedCollection(reference, input) {
      return decide(reference, 'approved', input);
    },

    denyAssistedCollection(reference, input) {
      return decide(reference, 'denied', input);
    },
  };

  function decide(reference: string, decision: 'approved' | 'denied', input: { decidedBy: string; note?: string | undefined }): Reply {
    const application = assisted.get(reference);
    if (!application) return notFound('assisted collection application with that reference');
    if (application.status !== 'pending') return problemReply('conflict', 409, 'Already decided', `Application ${reference} was already ${application.status}.`);
    application.status = decision;
    application.decidedBy = input.decidedBy;
    if (input.note) application.decisionNote = input.note;
    application.decidedAt = stamp();
    const property = properties.get(application.uprn);
    if (decision === 'approved' && property) property.property.assistedCollection = true;
    const record = requests.get(reference);
    if (record) setStatus(record, decision === 'approved' ? 'fixed' : 'no_further_action', decision === 'approved' ? 'Assisted collection approved' : `Not approved${input.note ? `: ${input.note}` : ''}`);
    return ok(application);
  }

  function requireRequest(reference: string): RequestRecord {
    const record = requests.get(reference);
    if (!record) throw new Error(`The mock waste back office has no request ${reference}`);
    return record;
  }

  const faults = createFaultRegistry(() => random.next());
  const internals: MockInternals = { operations, faults, idempotency: createWasteIdempotencyStore(), now };

  const backOffice: WasteBackOffice = {
    properties: () => all.map((p) => ({ ...p.property })),
    services(uprn) {
      const p = properties.get(uprn);
      if (!p) throw new Error(`The mock waste back office has no property ${uprn}`);
      return servicesOf(p);
    },
    requests: () => [...requests.values()].map(publicRequest),
    updates: () => updates.map((u) => ({ ...u })),
    complete(reference, description) {
      const record = requireRequest(reference);
      if (record.type === 'container-request' && record.containerType && (record.containerReason === 'new' || record.containerReason === 'extra')) {
        const held = holdings.get(record.uprn) ?? new Map<string, number>();
        held.set(record.containerType, (held.get(record.containerType) ?? 0) + (record.quantity ?? 0));
        holdings.set(record.uprn, held);
      }
      const booking = bookings.get(reference);
      if (booking) booking.status = 'fixed';
      const defaults: Record<RequestType, string> = {
        'missed-collection': 'Collected',
        'container-request': 'Delivered',
        'bulky-booking': 'Items collected',
        'garden-subscription': 'Garden bins delivered',
        'assisted-collection': 'Done',
      };
      return publicRequest(setStatus(record, 'fixed', description ?? defaults[record.type]));
    },
    advance(reference, status, description) {
      const record = requireRequest(reference);
      const booking = bookings.get(reference);
      if (booking) booking.status = status;
      return publicRequest(setStatus(record, status, description));
    },
    recordCollection(input) {
      const p = properties.get(input.uprn);
      if (!p) throw new Error(`The mock waste back office has no property ${input.uprn}`);
      const date = input.date ?? servicesOf(p).find((s) => s.id === input.serviceId)?.last?.date;
      if (!date) throw new Error(`No collection date for ${input.serviceId} at ${input.uprn}`);
      outcomes.set(`${input.uprn}|${input.serviceId}|${date}`, { outcome: input.outcome, ...(input.detail ? { detail: input.detail } : {}) });
    },
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: () => faults.clear(),
      active: () => faults.active(),
    },
    toFetchHandler(handlerOptions) {
      return createFetchHandler(internals, handlerOptions);
    },
  };
  return backOffice;
}
