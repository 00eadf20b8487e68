import { createWorkingDayCalendar } from '@councilkit/cases';
import { describe, expect, it } from 'vitest';
import {
  checkBulkyAmendment,
  checkBulkyCancellation,
  checkContainerRequest,
  checkMissedCollection,
  gardenWasteCharge,
  isOpenStatus,
} from './eligibility.js';
import type { ContainerType, WasteService } from './index.js';

const englandAndWales = createWorkingDayCalendar({ nation: 'england-and-wales' });
const scotland = createWorkingDayCalendar({ nation: 'scotland' });
const northernIreland = createWorkingDayCalendar({ nation: 'northern-ireland' });

function service(last: WasteService['last'], openRequests: WasteService['openRequests'] = []) {
  return { name: 'rubbish', last, openRequests };
}
const collected = (date: string) => service({ date, outcome: 'Collected' });
/** Noon on a date, London time (GMT or BST both fine for a noon check). */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

describe('checkMissedCollection', () => {
  it('is eligible from the scheduled day until two working days after it', () => {
    // Wednesday 4 March 2026 -> until Friday 6 March
    expect(checkMissedCollection({ service: collected('2026-03-04'), now: noon('2026-03-04'), calendar: englandAndWales })).toEqual({
      eligible: true,
      scheduled: '2026-03-04',
      until: '2026-03-06',
    });
    expect(checkMissedCollection({ service: collected('2026-03-04'), now: noon('2026-03-06'), calendar: englandAndWales }).eligible).toBe(true);
    const closed = checkMissedCollection({ service: collected('2026-03-04'), now: noon('2026-03-07'), calendar: englandAndWales });
    expect(closed).toMatchObject({ eligible: false, reason: 'window-closed' });
    expect(!closed.eligible && closed.message).toContain('until the end of Friday 6 March 2026');
  });

  it('refuses before the scheduled day', () => {
    const early = checkMissedCollection({ service: collected('2026-03-04'), now: noon('2026-03-03'), calendar: englandAndWales });
    expect(early).toMatchObject({ eligible: false, reason: 'too-early' });
    expect(!early.eligible && early.message).toContain('Wednesday 4 March 2026');
  });

  it('skips weekends: a Friday collection can be reported until Tuesday', () => {
    expect(checkMissedCollection({ service: collected('2026-03-06'), now: noon('2026-03-10'), calendar: englandAndWales }).eligible).toBe(true);
    expect(checkMissedCollection({ service: collected('2026-03-06'), now: noon('2026-03-11'), calendar: englandAndWales }).eligible).toBe(false);
  });

  it("skips the property's nation's bank holidays (Easter 2026)", () => {
    // Thursday 2 April: Good Friday 3rd everywhere; Easter Monday 6th in England & Wales and NI, not Scotland.
    const thursday = collected('2026-04-02');
    expect(checkMissedCollection({ service: thursday, now: noon('2026-04-08'), calendar: englandAndWales })).toMatchObject({ eligible: true, until: '2026-04-08' });
    expect(checkMissedCollection({ service: thursday, now: noon('2026-04-09'), calendar: englandAndWales }).eligible).toBe(false);
    expect(checkMissedCollection({ service: thursday, now: noon('2026-04-08'), calendar: scotland })).toMatchObject({ eligible: false, reason: 'window-closed' });
    expect(checkMissedCollection({ service: thursday, now: noon('2026-04-07'), calendar: scotland })).toMatchObject({ eligible: true, until: '2026-04-07' });
    expect(checkMissedCollection({ service: thursday, now: noon('2026-04-08'), calendar: northernIreland })).toMatchObject({ eligible: true });
  });

  it('counts substitute bank holidays at Christmas 2026 (Boxing Day on a Saturday)', () => {
    // Wed 23 Dec -> Thu 24 (1), Fri 25 holiday, Mon 28 substitute Boxing Day, Tue 29 (2)
    expect(checkMissedCollection({ service: collected('2026-12-23'), now: noon('2026-12-29'), calendar: englandAndWales })).toMatchObject({ eligible: true, until: '2026-12-29' });
    expect(checkMissedCollection({ service: collected('2026-12-23'), now: noon('2026-12-30'), calendar: englandAndWales }).eligible).toBe(false);
  });

  it('counts St Andrew’s Day in Scotland only', () => {
    // Thu 27 Nov 2025 -> Fri 28 (1), Mon 1 Dec is the St Andrew's Day substitute in Scotland, Tue 2 Dec (2)
    expect(checkMissedCollection({ service: collected('2025-11-27'), now: noon('2025-12-02'), calendar: scotland }).eligible).toBe(true);
    expect(checkMissedCollection({ service: collected('2025-11-27'), now: noon('2025-12-02'), calendar: englandAndWales }).eligible).toBe(false);
  });

  it('uses the London date, not the UTC date, at the edge of the day', () => {
    // 23:30 UTC on Thu 9 July 2026 is 00:30 BST on Friday 10 July.
    const tuesday = collected('2026-07-07');
    expect(checkMissedCollection({ service: tuesday, now: new Date('2026-07-09T22:59:00Z'), calendar: englandAndWales }).eligible).toBe(true);
    expect(checkMissedCollection({ service: tuesday, now: new Date('2026-07-09T23:30:00Z'), calendar: englandAndWales }).eligible).toBe(false);
  });

  it('refuses when the crew recorded not presented or contaminated, with a sentence to read out', () => {
    const notPresented = checkMissedCollection({ service: service({ date: '2026-03-04', outcome: 'Not presented' }), now: noon('2026-03-04'), calendar: englandAndWales });
    expect(notPresented).toMatchObject({ eligible: false, reason: 'not-presented' });
    expect(!notPresented.eligible && notPresented.message).toMatch(/^The crew recorded that the rubbish container was not put out for collection on Wednesday 4 March 2026/);

    const contaminated = checkMissedCollection({
      service: service({ date: '2026-03-04', outcome: 'Contaminated', detail: 'Food waste' }),
      now: noon('2026-03-05'),
      calendar: englandAndWales,
    });
    expect(contaminated).toMatchObject({ eligible: false, reason: 'contaminated' });
    expect(!contaminated.eligible && contaminated.message).toContain('(food waste)');
  });

  it('still allows a report after other crew outcomes such as lid open', () => {
    expect(
      checkMissedCollection({ service: service({ date: '2026-03-04', outcome: 'Excess waste', detail: 'Lid open' }), now: noon('2026-03-05'), calendar: englandAndWales }).eligible,
    ).toBe(true);
  });

  it('refuses when one is already open for that service, but not when the earlier one is closed', () => {
    const open = checkMissedCollection({
      service: service({ date: '2026-03-04', outcome: 'Collected' }, [{ reference: 'MC-1', type: 'missed-collection', status: 'action_scheduled' }]),
      now: noon('2026-03-04'),
      calendar: englandAndWales,
    });
    expect(open).toMatchObject({ eligible: false, reason: 'already-open' });
    expect(!open.eligible && open.message).toContain('MC-1');
    const closed = checkMissedCollection({
      service: service({ date: '2026-03-04', outcome: 'Collected' }, [{ reference: 'MC-1', type: 'missed-collection', status: 'fixed' }]),
      now: noon('2026-03-04'),
      calendar: englandAndWales,
    });
    expect(closed.eligible).toBe(true);
    const fromCrm = checkMissedCollection({ service: collected('2026-03-04'), openReference: 'CASE-9', now: noon('2026-03-04'), calendar: englandAndWales });
    expect(fromCrm).toMatchObject({ eligible: false, reason: 'already-open' });
  });

  it('refuses when there is no collection on record, and honours a custom window', () => {
    expect(checkMissedCollection({ service: service(null), now: noon('2026-03-04'), calendar: englandAndWales })).toMatchObject({ reason: 'no-collection-due' });
    expect(checkMissedCollection({ service: collected('2026-03-04'), now: noon('2026-03-09'), calendar: englandAndWales, windowWorkingDays: 3 }).eligible).toBe(true);
  });
});

const recycling: ContainerType = {
  id: 'recycling-240',
  name: 'recycling wheelie bin',
  materialStream: 'mixed recyclables',
  size: '240L',
  maxPerProperty: 2,
  charges: { new: 0, extra: 2000, replacement: 1500, damaged: 0 },
};

describe('checkContainerRequest', () => {
  it('allows up to the per-property maximum and works out the charge', () => {
    expect(checkContainerRequest({ containerType: recycling, reason: 'extra', quantity: 1, held: 1 })).toEqual({ eligible: true, charge: 2000 });
    expect(checkContainerRequest({ containerType: recycling, reason: 'new', quantity: 2, held: 0 })).toEqual({ eligible: true, charge: 0 });
  });

  it('refuses over the limit, counting containers already on order', () => {
    const over = checkContainerRequest({ containerType: recycling, reason: 'extra', quantity: 2, held: 1 });
    expect(over).toMatchObject({ eligible: false, reason: 'limit-exceeded' });
    expect(!over.eligible && over.message).toBe('Each property can have at most 2 recycling wheelie bin containers. This address has 1 already, so we cannot order 2 more.');
    const pending = checkContainerRequest({ containerType: recycling, reason: 'extra', quantity: 1, held: 1, pending: 1 });
    expect(!pending.eligible && pending.message).toContain('1 more already on order');
  });

  it('needs a container to replace, and does not count a swap against the limit', () => {
    expect(checkContainerRequest({ containerType: recycling, reason: 'replacement', quantity: 1, held: 0 })).toMatchObject({ reason: 'nothing-to-replace' });
    expect(checkContainerRequest({ containerType: recycling, reason: 'damaged', quantity: 2, held: 2 })).toEqual({ eligible: true, charge: 0 });
    expect(checkContainerRequest({ containerType: recycling, reason: 'replacement', quantity: 1, held: 2 })).toEqual({ eligible: true, charge: 1500 });
  });

  it('refuses a type the council does not provide', () => {
    expect(checkContainerRequest({ containerType: { ...recycling, maxPerProperty: 0 }, reason: 'new', quantity: 1, held: 0 })).toMatchObject({ reason: 'not-available' });
  });
});

describe('checkBulkyCancellation', () => {
  const slotDate = '2026-03-11'; // Wednesday
  it('refunds in full up to two working days before', () => {
    expect(checkBulkyCancellation({ slotDate, price: 3500, now: noon('2026-03-09'), calendar: englandAndWales })).toMatchObject({ eligible: true, amount: 3500, rule: 'full' });
  });

  it('refunds nothing later by default, a percentage when the council says so', () => {
    const late = checkBulkyCancellation({ slotDate, price: 3500, now: noon('2026-03-10'), calendar: englandAndWales });
    expect(late).toMatchObject({ eligible: true, amount: 0, rule: 'none' });
    expect(late.eligible && late.explanation).toContain('Monday 9 March 2026');
    expect(checkBulkyCancellation({ slotDate, price: 3500, now: noon('2026-03-10'), calendar: englandAndWales, policy: { lateRefundPercent: 50 } })).toMatchObject({
      amount: 1750,
      rule: 'partial',
    });
  });

  it('keeps an admin fee from a full refund', () => {
    expect(checkBulkyCancellation({ slotDate, price: 3500, now: noon('2026-03-02'), calendar: englandAndWales, policy: { adminFee: 500 } })).toMatchObject({ amount: 3000, rule: 'full' });
  });

  it('refuses on and after the collection day', () => {
    expect(checkBulkyCancellation({ slotDate, price: 3500, now: new Date('2026-03-11T06:00:00Z'), calendar: englandAndWales })).toMatchObject({ eligible: false, reason: 'too-late' });
    expect(checkBulkyCancellation({ slotDate, price: 3500, now: noon('2026-03-12'), calendar: englandAndWales }).eligible).toBe(false);
  });

  it('counts bank holidays in the full-refund cut-off', () => {
    // Collection Tue 7 April 2026: two working days before skips Easter Monday and Good Friday -> Wed 1 April.
    expect(checkBulkyCancellation({ slotDate: '2026-04-07', price: 1000, now: noon('2026-04-01'), calendar: englandAndWales })).toMatchObject({ rule: 'full' });
    expect(checkBulkyCancellation({ slotDate: '2026-04-07', price: 1000, now: noon('2026-04-02'), calendar: englandAndWales })).toMatchObject({ rule: 'none' });
    // In Scotland Easter Monday is a working day, so Thursday 2 April is still in time.
    expect(checkBulkyCancellation({ slotDate: '2026-04-07', price: 1000, now: noon('2026-04-02'), calendar: scotland })).toMatchObject({ rule: 'full' });
  });
});

describe('checkBulkyAmendment', () => {
  it('allows changes until the working day before', () => {
    expect(checkBulkyAmendment({ slotDate: '2026-03-09', now: noon('2026-03-06'), calendar: englandAndWales })).toEqual({ eligible: true, until: '2026-03-06' });
    expect(checkBulkyAmendment({ slotDate: '2026-03-09', now: noon('2026-03-07'), calendar: englandAndWales })).toMatchObject({ eligible: false, reason: 'too-late' });
  });
});

describe('gardenWasteCharge', () => {
  it('charges a full year from April and pro-rata by whole months after', () => {
    expect(gardenWasteCharge({ pricePerBin: 6000, bins: 1, start: '2026-04-01' })).toEqual({ amount: 6000, periodStart: '2026-04-01', periodEnd: '2027-03-31', proRata: false });
    expect(gardenWasteCharge({ pricePerBin: 6000, bins: 2, start: '2026-10-15' })).toEqual({ amount: 6000, periodStart: '2026-10-15', periodEnd: '2027-03-31', proRata: true });
    expect(gardenWasteCharge({ pricePerBin: 6000, bins: 1, start: '2027-02-10' })).toMatchObject({ amount: 1000, periodEnd: '2027-03-31' });
    expect(gardenWasteCharge({ pricePerBin: 6000, bins: 1, start: '2026-10-15', proRata: false }).amount).toBe(6000);
    expect(gardenWasteCharge({ pricePerBin: 4800, bins: 1, start: '2026-02-01', yearStartMonth: 1 })).toMatchObject({ amount: 4400, periodEnd: '2026-12-31' });
  });
});

describe('isOpenStatus', () => {
  it('treats the closing Open311 statuses as closed', () => {
    expect(['open', 'action_scheduled', 'in_progress', 'reopen', 'for_triage'].every((s) => isOpenStatus(s as never))).toBe(true);
    expect(['fixed', 'closed', 'duplicate', 'cancelled', 'no_further_action', 'not_councils_responsibility'].some((s) => isOpenStatus(s as never))).toBe(false);
  });
});
