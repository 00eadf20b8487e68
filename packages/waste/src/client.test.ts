import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWasteClient, WasteError } from './index.js';
import type { WasteClient } from './index.js';
import { createWasteBackOffice, wasteHandlers } from './mock/index.js';
import { WASTE_FIXTURES } from './fixtures.js';

const FIXTURE_UPRN = WASTE_FIXTURES.uprn;
const FIXTURE_POSTCODE = WASTE_FIXTURES.postcode;
const NEIGHBOUR_UPRN = WASTE_FIXTURES.neighbourUprn;
import type { WasteBackOffice } from './mock/index.js';

const baseUrl = 'https://waste.test/v1';
const server = setupServer();
let clock: Date;
let backOffice: WasteBackOffice;
let waste: WasteClient;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  // Wednesday 4 March 2026, 10:00 GMT.
  clock = new Date('2026-03-04T10:00:00Z');
  backOffice = createWasteBackOffice({ seed: 1, now: () => clock });
  server.resetHandlers(...wasteHandlers(backOffice, { baseUrl }));
  waste = createWasteClient({ baseUrl, timeoutMs: 2000 });
});

async function failure(promise: Promise<unknown>): Promise<WasteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WasteError) return error;
    throw error;
  }
  throw new Error('expected a WasteError');
}

function houseWithoutGarden(): number {
  const found = backOffice
    .properties()
    .find((p) => p.type !== 'flat' && p.uprn !== FIXTURE_UPRN && !backOffice.services(p.uprn).some((s) => s.id === 'garden'));
  if (!found) throw new Error('seed has no house without garden waste');
  return found.uprn;
}

describe('properties', () => {
  it('finds properties by postcode in any format, and none for an unknown postcode', async () => {
    const found = await waste.findPropertiesByPostcode('at11aa');
    expect(found.map((p) => p.uprn)).toContain(FIXTURE_UPRN);
    expect(found.every((p) => p.postcode === FIXTURE_POSTCODE)).toBe(true);
    expect(await waste.findPropertiesByPostcode('ZZ9 9ZZ')).toEqual([]);
  });

  it('gets a property by UPRN with USRN, location and nation', async () => {
    const property = await waste.getProperty(FIXTURE_UPRN);
    expect(property).toMatchObject({ uprn: FIXTURE_UPRN, usrn: 30199999, postcode: 'AT1 1AA', nation: 'england-and-wales' });
    const error = await failure(waste.getProperty(999_999_999_999));
    expect(error).toMatchObject({ reason: 'not-found', status: 404, operation: 'getProperty' });
  });
});

describe('services and calendar', () => {
  it('lists services with round, schedule, last outcome and next collection', async () => {
    const { uprn, services } = await waste.getPropertyServices(FIXTURE_UPRN);
    expect(uprn).toBe(FIXTURE_UPRN);
    const refuse = services.find((s) => s.id === 'refuse');
    expect(refuse).toMatchObject({
      materialStream: 'household waste',
      schedule: { frequency: 'weekly', day: 'Wednesday' },
      last: { date: '2026-03-04' },
      next: { date: '2026-03-11' },
      openRequests: [],
    });
    expect(refuse?.round.id).toMatch(/REFUSE$/);
  });

  it('moves a collection that falls on a bank holiday and says so', async () => {
    clock = new Date('2026-04-01T09:00:00+01:00');
    const monday = backOffice.properties().find((p) => backOffice.services(p.uprn).some((s) => s.schedule.day === 'Monday'));
    expect(monday).toBeDefined();
    const { services } = await waste.getPropertyServices(monday!.uprn);
    const food = services.find((s) => s.id === 'food');
    // Easter Monday 6 April 2026 is a bank holiday in England and Wales.
    expect(food?.next).toEqual({ date: '2026-04-07', rescheduledFrom: '2026-04-06' });
    const ics = await waste.getCollectionCalendar(monday!.uprn, { weeks: 2 });
    expect(ics).toContain('DTSTART;VALUE=DATE:20260407');
    expect(ics).toContain('Moved from 2026-04-06');
  });

  it('uses the council nation: Easter Monday is a working day in Scotland, so nothing moves', async () => {
    clock = new Date('2026-04-01T09:00:00+01:00');
    const scottish = createWasteBackOffice({ seed: 1, nation: 'scotland', now: () => clock });
    server.resetHandlers(...wasteHandlers(scottish, { baseUrl }));
    const monday = scottish.properties().find((p) => scottish.services(p.uprn).some((s) => s.schedule.day === 'Monday'))!;
    expect(monday.nation).toBe('scotland');
    const { services } = await waste.getPropertyServices(monday.uprn);
    expect(services.find((s) => s.id === 'food')?.next).toEqual({ date: '2026-04-06' });
  });

  it('exports upcoming collections as iCalendar', async () => {
    const ics = await waste.getCollectionCalendar(FIXTURE_UPRN, { weeks: 2 });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    // refuse, recycling, food weekly + fortnightly garden over two weeks
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(7);
    expect(ics).toContain('DTSTART;VALUE=DATE:20260311');
  });
});

describe('missed collections', () => {
  it('reports one, shows it open on the service, refuses a second, and closes it on completion', async () => {
    const report = await waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse', notes: 'Bin left at the kerb' });
    expect(report).toMatchObject({ type: 'missed-collection', status: 'open', serviceId: 'refuse', dueBy: '2026-03-06' });
    const { services } = await waste.getPropertyServices(FIXTURE_UPRN);
    expect(services.find((s) => s.id === 'refuse')?.openRequests).toEqual([{ reference: report.reference, type: 'missed-collection', status: 'open' }]);

    const again = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse' }));
    expect(again).toMatchObject({ reason: 'not-eligible', code: 'already-open', status: 422 });
    expect(again.message).toContain(report.reference);

    backOffice.complete(report.reference);
    expect(await waste.getServiceRequest(report.reference)).toMatchObject({ status: 'fixed', statusDescription: 'Collected' });
  });

  it('refuses when the crew recorded the bin as not presented or contaminated', async () => {
    backOffice.recordCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse', outcome: 'Not presented' });
    const notPresented = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse' }));
    expect(notPresented).toMatchObject({ reason: 'not-eligible', code: 'not-presented' });
    expect(notPresented.message).toMatch(/not put out/);

    backOffice.recordCollection({ uprn: FIXTURE_UPRN, serviceId: 'recycling', outcome: 'Contaminated', detail: 'Food waste' });
    const contaminated = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'recycling' }));
    expect(contaminated).toMatchObject({ code: 'contaminated' });
    expect(contaminated.problem?.type).toBe('https://councilkit.org.uk/problems/waste/not-eligible');
  });

  it('refuses after the two working day window', async () => {
    clock = new Date('2026-03-09T10:00:00Z'); // Monday: last collection Wed 4th, window ended Fri 6th
    const error = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'food' }));
    expect(error).toMatchObject({ reason: 'not-eligible', code: 'window-closed' });
  });

  it('404s an unknown service', async () => {
    const error = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'clinical' }));
    expect(error.reason).toBe('not-found');
  });
});

describe('containers', () => {
  it('lists container types with limits and charges', async () => {
    const types = await waste.listContainerTypes();
    expect(types.find((t) => t.id === 'recycling-240')).toMatchObject({ maxPerProperty: 2, materialStream: 'mixed recyclables' });
  });

  it('orders up to the per-property maximum, then refuses; cancels an open request', async () => {
    const first = await waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'recycling-240', reason: 'extra', quantity: 1 });
    expect(first).toMatchObject({ type: 'container-request', status: 'open', charge: 0 });
    const over = await failure(waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'recycling-240', reason: 'extra', quantity: 1 }));
    expect(over).toMatchObject({ reason: 'not-eligible', code: 'limit-exceeded' });
    expect(over.message).toMatch(/at most 2/);

    const cancelled = await waste.cancelContainerRequest(first.reference, { reason: 'No longer needed' });
    expect(cancelled.status).toBe('cancelled');
    const twice = await failure(waste.cancelContainerRequest(first.reference));
    expect(twice.reason).toBe('conflict');
    // the cancelled one no longer counts against the limit
    await expect(waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'recycling-240', reason: 'extra', quantity: 1 })).resolves.toMatchObject({ status: 'open' });
  });

  it('charges for a replacement rubbish bin and counts delivered bins against the limit', async () => {
    const replacement = await waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'refuse-240', reason: 'replacement', quantity: 1 });
    expect(replacement.charge).toBe(3000);
    const glass = await waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'glass-box-55', reason: 'new', quantity: 3 });
    backOffice.complete(glass.reference);
    const more = await failure(waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'glass-box-55', reason: 'extra', quantity: 1 }));
    expect(more.code).toBe('limit-exceeded');
  });
});

describe('status updates', () => {
  it('pages through updates with a cursor', async () => {
    const start = await waste.listUpdates();
    const report = await waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'food' });
    backOffice.advance(report.reference, 'action_scheduled', 'Crew returning tomorrow');
    backOffice.complete(report.reference);
    const page = await waste.listUpdates({ since: start.cursor, limit: 2 });
    expect(page.updates.map((u) => u.status)).toEqual(['open', 'action_scheduled']);
    const rest = await waste.listUpdates({ since: page.cursor });
    expect(rest.updates).toHaveLength(1);
    expect(rest.updates[0]).toMatchObject({ reference: report.reference, status: 'fixed', requestType: 'missed-collection' });
    const empty = await waste.listUpdates({ since: rest.cursor });
    expect(empty).toEqual({ updates: [], cursor: rest.cursor });
  });
});

describe('garden waste', () => {
  it('quotes pro-rata, subscribes, modifies, renews and cancels', async () => {
    const uprn = houseWithoutGarden();
    const quote = await waste.quoteGardenSubscription({ uprn, bins: 2 });
    // March: one month left of the April-March year.
    expect(quote).toMatchObject({ bins: 2, pricePerBin: 6000, amount: 1000, proRata: true, periodEnd: '2026-03-31' });

    const sub = await waste.subscribeGardenWaste({ uprn, bins: 1, paymentMethod: 'card', paymentReference: 'PAY-123' });
    expect(sub).toMatchObject({ status: 'active', bins: 1, amountPaid: 500 });
    expect(backOffice.services(uprn).some((s) => s.id === 'garden')).toBe(true);

    const twice = await failure(waste.subscribeGardenWaste({ uprn, bins: 1, paymentMethod: 'card', paymentReference: 'PAY-124' }));
    expect(twice.code).toBe('already-subscribed');

    const unpaid = await failure(waste.modifyGardenSubscription(sub.reference, { bins: 2 }));
    expect(unpaid.code).toBe('payment-required');
    const modified = await waste.modifyGardenSubscription(sub.reference, { bins: 2, paymentReference: 'PAY-125' });
    expect(modified).toMatchObject({ bins: 2, amountPaid: 1000 });

    const renewed = await waste.renewGardenSubscription(sub.reference, { paymentMethod: 'direct-debit', paymentReference: 'DD-9' });
    expect(renewed).toMatchObject({ renewedTo: '2027-03-31', paymentMethod: 'direct-debit', amountPaid: 1000 + 12000 });

    const cancelled = await waste.cancelGardenSubscription(sub.reference);
    expect(cancelled.status).toBe('cancelled');
    expect((await waste.getGardenSubscription(sub.reference)).status).toBe('cancelled');
    expect(backOffice.services(uprn).some((s) => s.id === 'garden')).toBe(false);
  });

  it('refuses garden waste for a flat', async () => {
    const flat = backOffice.properties().find((p) => p.type === 'flat');
    expect(flat).toBeDefined();
    const error = await failure(waste.quoteGardenSubscription({ uprn: flat!.uprn, bins: 1 }));
    expect(error).toMatchObject({ reason: 'not-eligible', code: 'property-not-eligible' });
  });
});

describe('bulky waste', () => {
  it('lists the catalogue and slots, reserves, books, amends and cancels with a full refund', async () => {
    const catalogue = await waste.listBulkyItems();
    expect(catalogue.maxItemsPerBooking).toBe(8);
    expect(catalogue.items.find((i) => i.id === 'fridge-freezer')).toMatchObject({ materialStream: 'fridges & freezers', price: 2500 });

    const slots = await waste.listBulkySlots({ uprn: FIXTURE_UPRN, from: '2026-03-16', to: '2026-03-20' });
    expect(slots.map((s) => s.date)).toEqual(['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20']);

    const hold = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: slots[0]!.id });
    expect(hold.slot.remaining).toBe(4);
    expect(hold.expiresAt).toBe('2026-03-04T10:15:00+00:00');

    const booking = await waste.bookBulkyCollection({
      reservationId: hold.id,
      items: [
        { itemId: 'sofa-3-seat', quantity: 1 },
        { itemId: 'armchair', quantity: 2 },
      ],
      location: 'Front garden, by the gate',
      paymentReference: 'PAY-777',
    });
    expect(booking).toMatchObject({ price: 2200 + 2400, status: 'action_scheduled', slot: { date: '2026-03-16' } });
    expect((await waste.getBulkyBooking(booking.reference)).items).toHaveLength(2);

    const reused = await failure(waste.bookBulkyCollection({ reservationId: hold.id, items: [{ itemId: 'table', quantity: 1 }], location: 'Drive', paymentReference: 'PAY-778' }));
    expect(reused.reason).toBe('conflict');

    const amended = await waste.amendBulkyBooking(booking.reference, { items: [{ itemId: 'table', quantity: 1 }], location: 'Driveway' });
    expect(amended).toMatchObject({ price: 1000, location: 'Driveway' });

    const moveHold = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-18' });
    const moved = await waste.amendBulkyBooking(booking.reference, { reservationId: moveHold.id });
    expect(moved.slot.date).toBe('2026-03-18');

    const cancellation = await waste.cancelBulkyBooking(booking.reference);
    expect(cancellation.refund).toMatchObject({ amount: 1000, rule: 'full' });
    expect(cancellation.booking.status).toBe('cancelled');
  });

  it('gives no refund for a late cancellation and refuses on the day', async () => {
    const hold = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-05' });
    const booking = await waste.bookBulkyCollection({ reservationId: hold.id, items: [{ itemId: 'bicycle', quantity: 1 }], location: 'Porch', paymentReference: 'P1' });
    const late = await waste.cancelBulkyBooking(booking.reference);
    expect(late.refund).toMatchObject({ amount: 0, rule: 'none' });

    const hold2 = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-05' });
    const booking2 = await waste.bookBulkyCollection({ reservationId: hold2.id, items: [{ itemId: 'bicycle', quantity: 1 }], location: 'Porch', paymentReference: 'P2' });
    clock = new Date('2026-03-05T08:00:00Z');
    const onTheDay = await failure(waste.cancelBulkyBooking(booking2.reference));
    expect(onTheDay).toMatchObject({ reason: 'not-eligible', code: 'too-late' });
    const amend = await failure(waste.amendBulkyBooking(booking2.reference, { location: 'Back gate' }));
    expect(amend.code).toBe('too-late');
  });

  it('lets a reservation expire and refuses a full slot', async () => {
    const hold = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-10' });
    clock = new Date(clock.getTime() + 16 * 60_000);
    const expired = await failure(waste.bookBulkyCollection({ reservationId: hold.id, items: [{ itemId: 'table', quantity: 1 }], location: 'Drive', paymentReference: 'P3' }));
    expect(expired).toMatchObject({ reason: 'gone', status: 410 });

    for (let i = 0; i < 5; i += 1) await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-11' });
    const full = await failure(waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-11' }));
    expect(full).toMatchObject({ reason: 'conflict', status: 409 });
    const slots = await waste.listBulkySlots({ uprn: FIXTURE_UPRN, from: '2026-03-11', to: '2026-03-12' });
    expect(slots.map((s) => s.date)).toEqual(['2026-03-12']);
  });

  it('does not offer or hold slots more than 90 days ahead', async () => {
    const error = await failure(waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-12-01' }));
    expect(error.reason).toBe('not-found');
  });

  it('refuses unknown items and too many items', async () => {
    const hold = await waste.reserveBulkySlot({ uprn: FIXTURE_UPRN, slotId: 'slot-2026-03-12' });
    const unknown = await failure(waste.bookBulkyCollection({ reservationId: hold.id, items: [{ itemId: 'piano', quantity: 1 }], location: 'Hall', paymentReference: 'P4' }));
    expect(unknown.code).toBe('unknown-item');
    const many = await failure(
      waste.bookBulkyCollection({
        reservationId: hold.id,
        items: [
          { itemId: 'armchair', quantity: 4 },
          { itemId: 'table', quantity: 3 },
          { itemId: 'bicycle', quantity: 2 },
        ],
        location: 'Hall',
        paymentReference: 'P5',
      }),
    );
    expect(many.code).toBe('too-many-items');
  });
});

describe('assisted collections', () => {
  it('applies, approves and denies', async () => {
    const application = await waste.applyAssistedCollection({ uprn: NEIGHBOUR_UPRN, reason: 'Resident uses a wheelchair', until: '2026-09-30' });
    expect(application).toMatchObject({ status: 'pending', until: '2026-09-30' });
    const again = await failure(waste.applyAssistedCollection({ uprn: NEIGHBOUR_UPRN, reason: 'Same again' }));
    expect(again.code).toBe('already-open');

    const approved = await waste.approveAssistedCollection(application.reference, { decidedBy: 'officer-7', note: 'Meets criteria' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'officer-7', decidedAt: '2026-03-04T10:00:00+00:00' });
    expect((await waste.getProperty(NEIGHBOUR_UPRN)).assistedCollection).toBe(true);
    expect((await waste.getServiceRequest(application.reference)).status).toBe('fixed');

    const decided = await failure(waste.denyAssistedCollection(application.reference, { decidedBy: 'officer-8' }));
    expect(decided.reason).toBe('conflict');

    const other = backOffice.properties().find((p) => p.uprn > NEIGHBOUR_UPRN && !p.assistedCollection)!;
    const second = await waste.applyAssistedCollection({ uprn: other.uprn, reason: 'Temporary injury' });
    const denied = await waste.denyAssistedCollection(second.reference, { decidedBy: 'officer-7', note: 'Another adult lives at the address' });
    expect(denied.status).toBe('denied');
    expect((await waste.getAssistedCollection(second.reference)).decisionNote).toBe('Another adult lives at the address');
  });
});

describe('idempotency', () => {
  it('returns the first result for the same key and body, and refuses the key with a different body', async () => {
    const first = await waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse' }, { idempotencyKey: 'case-1-refer' });
    const replay = await waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'refuse' }, { idempotencyKey: 'case-1-refer' });
    expect(replay).toEqual(first);
    expect(backOffice.requests().filter((r) => r.type === 'missed-collection' && r.serviceId === 'refuse')).toHaveLength(1);

    const mismatch = await failure(waste.reportMissedCollection({ uprn: FIXTURE_UPRN, serviceId: 'food' }, { idempotencyKey: 'case-1-refer' }));
    expect(mismatch).toMatchObject({ reason: 'idempotency-mismatch', status: 422 });
  });

  it('sends an Idempotency-Key on every write even when none is given', async () => {
    const a = await waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'kitchen-caddy-5', reason: 'extra', quantity: 1 });
    const b = await failure(waste.requestContainer({ uprn: FIXTURE_UPRN, containerType: 'kitchen-caddy-5', reason: 'extra', quantity: 1 }));
    expect(a.status).toBe('open');
    expect(b.code).toBe('limit-exceeded');
  });
});
