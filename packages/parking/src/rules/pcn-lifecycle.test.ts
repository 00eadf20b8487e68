import { createWorkingDayCalendar } from '@councilkit/cases';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParkingError } from '../errors.js';
import { derivePcnStatus, PCN_STAGES, type PcnEvent, type PcnFacts } from './pcn-lifecycle.js';

const calendar = createWorkingDayCalendar({ nation: 'england-and-wales' });

function on(today: string, facts: Partial<PcnFacts> & { events?: PcnEvent[] } = {}, rules = {}) {
  return derivePcnStatus({ issuedOn: '2026-03-02', serviceMethod: 'affixed', amountFull: 7000, events: [], ...facts }, { today, calendar, rules });
}

// Affixed Monday 2 March 2026. Discount to Sunday 15 March; payment period to Sunday 29 March.
describe('officer-served PCN: discount then full charge', () => {
  it('is in the discount period from the day of issue, at half the charge', () => {
    expect(on('2026-03-02')).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2026-03-15', discountUntil: '2026-03-15', servedOn: '2026-03-02', nextStep: { stage: 'full-charge', from: '2026-03-16' } });
  });

  it('keeps the discount on its last day even when that is a Sunday', () => {
    expect(on('2026-03-15')).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2026-03-15' });
  });

  it('moves to the full charge the day after', () => {
    expect(on('2026-03-16')).toMatchObject({ stage: 'full-charge', amountDue: 7000, dueBy: '2026-03-29', discountUntil: null, nextStep: { stage: 'notice-to-owner', from: '2026-03-30' } });
  });

  it('stays at full charge after the payment period until a notice to owner is sent', () => {
    expect(on('2026-04-20')).toMatchObject({ stage: 'full-charge', amountDue: 7000, dueBy: '2026-03-29' });
  });
});

describe('postal (camera) PCN: deemed served on the second working day after posting', () => {
  it('is issued but not served across a weekend', () => {
    // Posted Friday 6 March: Monday 9 is day 1, Tuesday 10 is day 2.
    const facts = { issuedOn: '2026-03-06', serviceMethod: 'postal' as const };
    expect(on('2026-03-09', facts)).toMatchObject({ stage: 'issued', servedOn: '2026-03-10', amountDue: 3500, dueBy: '2026-03-30', nextStep: { stage: 'discount', from: '2026-03-10' } });
    expect(on('2026-03-10', facts)).toMatchObject({ stage: 'discount', dueBy: '2026-03-30' });
  });

  it('counts Good Friday and Easter Monday as non-working', () => {
    // Posted Thursday 2 April 2026: 3 and 6 April are bank holidays, so served Wednesday 8 April.
    expect(on('2026-04-07', { issuedOn: '2026-04-02', serviceMethod: 'postal' })).toMatchObject({ stage: 'issued', servedOn: '2026-04-08' });
    expect(on('2026-04-08', { issuedOn: '2026-04-02', serviceMethod: 'postal' })).toMatchObject({ stage: 'discount', dueBy: '2026-04-28' });
  });

  it('counts Christmas and the Boxing Day substitute: 21-day discount, then charge certificate next', () => {
    const facts = { issuedOn: '2026-12-24', serviceMethod: 'postal' as const };
    expect(on('2026-12-29', facts)).toMatchObject({ stage: 'issued', servedOn: '2026-12-30' });
    expect(on('2027-01-19', facts)).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2027-01-19' });
    expect(on('2027-01-20', facts)).toMatchObject({ stage: 'full-charge', amountDue: 7000, dueBy: '2027-01-26', nextStep: { stage: 'charge-certificate', from: '2027-01-27' } });
  });

  it('takes representations directly and refuses a notice to owner or informal challenge', () => {
    const facts = { issuedOn: '2026-03-06', serviceMethod: 'postal' as const };
    expect(on('2026-03-12', { ...facts, events: [{ type: 'representation-received', on: '2026-03-12' }] })).toMatchObject({ stage: 'representation', onHold: true, amountDue: 3500, dueBy: null });
    expect(() => on('2026-04-10', { ...facts, events: [{ type: 'notice-to-owner-sent', on: '2026-04-10' }] })).toThrow(/not possible at stage/);
    expect(() => on('2026-03-12', { ...facts, events: [{ type: 'informal-challenge-received', on: '2026-03-12' }] })).toThrow(ParkingError);
  });

  it('goes to charge certificate after the payment period', () => {
    const facts = { issuedOn: '2026-03-06', serviceMethod: 'postal' as const };
    expect(() => on('2026-04-06', { ...facts, events: [{ type: 'charge-certificate-sent', on: '2026-04-06' }] })).toThrow(/payment period ends on 2026-04-06/);
    // Posted Tuesday 7 April: served Thursday 9 April; 14 days to 22 April.
    expect(on('2026-04-09', { ...facts, events: [{ type: 'charge-certificate-sent', on: '2026-04-07' }] })).toMatchObject({ stage: 'charge-certificate', amountDue: 10500, dueBy: '2026-04-22' });
  });
});

describe('the nation decides the working days', () => {
  it('serves a letter a day later in Scotland across St Andrew\'s Day', () => {
    // Posted Friday 27 November 2026; Monday 30 November is a bank holiday in Scotland only.
    const facts = { issuedOn: '2026-11-27', serviceMethod: 'postal' as const, amountFull: 7000, events: [] };
    const england = derivePcnStatus(facts, { today: '2026-12-01', calendar });
    const scotland = derivePcnStatus(facts, { today: '2026-12-01', calendar: createWorkingDayCalendar({ nation: 'scotland' }) });
    expect([england.stage, england.servedOn]).toEqual(['discount', '2026-12-01']);
    expect([scotland.stage, scotland.servedOn]).toEqual(['issued', '2026-12-02']);
  });
});

describe('as time passes with nothing recorded', () => {
  it('never lowers the amount due and never goes back a stage', () => {
    fc.assert(
      fc.property(fc.constantFrom('affixed' as const, 'postal' as const), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), (serviceMethod, offset, step) => {
        const issuedOn = addDays('2026-01-05', offset);
        const first = derivePcnStatus({ issuedOn, serviceMethod, amountFull: 7000, events: [] }, { today: addDays(issuedOn, offset % 30), calendar });
        const later = derivePcnStatus({ issuedOn, serviceMethod, amountFull: 7000, events: [] }, { today: addDays(issuedOn, (offset % 30) + step), calendar });
        expect(later.amountDue).toBeGreaterThanOrEqual(first.amountDue);
        expect(PCN_STAGES.indexOf(later.stage)).toBeGreaterThanOrEqual(PCN_STAGES.indexOf(first.stage));
      }),
    );
  });
});

describe('informal challenge', () => {
  it('holds the discount while it is considered and re-offers it for 14 days after rejection', () => {
    const challenged = [{ type: 'informal-challenge-received', on: '2026-03-10' } as PcnEvent];
    expect(on('2026-03-20', { events: challenged })).toMatchObject({ stage: 'informal-challenge', onHold: true, amountDue: 3500, dueBy: null, discountUntil: null, nextStep: null });
    // Rejection posted Thursday 26 March, served Monday 30 March: discount to 12 April.
    const rejected = [...challenged, { type: 'informal-challenge-rejected', on: '2026-03-26' } as PcnEvent];
    expect(on('2026-04-12', { events: rejected })).toMatchObject({ stage: 'discount', amountDue: 3500, dueBy: '2026-04-12' });
    expect(on('2026-04-13', { events: rejected })).toMatchObject({ stage: 'full-charge', amountDue: 7000, dueBy: '2026-04-12', nextStep: { stage: 'notice-to-owner', from: '2026-04-13' } });
  });

  it('can turn the re-offer off', () => {
    const events: PcnEvent[] = [
      { type: 'informal-challenge-received', on: '2026-03-10' },
      { type: 'informal-challenge-rejected', on: '2026-03-26' },
    ];
    expect(on('2026-03-31', { events }, { reofferDiscountDays: 0 })).toMatchObject({ stage: 'full-charge', amountDue: 7000 });
  });

  it('does not re-offer a discount that had already gone', () => {
    const events: PcnEvent[] = [
      { type: 'informal-challenge-received', on: '2026-03-20' },
      { type: 'informal-challenge-rejected', on: '2026-03-26' },
    ];
    expect(on('2026-03-31', { events })).toMatchObject({ stage: 'full-charge', amountDue: 7000, dueBy: '2026-04-12' });
  });

  it('ends the PCN when accepted, and ignores later events', () => {
    const events: PcnEvent[] = [
      { type: 'informal-challenge-received', on: '2026-03-10' },
      { type: 'informal-challenge-accepted', on: '2026-03-12' },
      { type: 'payment', on: '2026-03-13', amount: 3500 },
    ];
    expect(on('2026-03-20', { events })).toMatchObject({ stage: 'cancelled', endedBy: 'informal-challenge-accepted', amountDue: 0, dueBy: null, nextStep: null, paid: 0 });
  });

  it('is not possible once a notice to owner has gone', () => {
    const events: PcnEvent[] = [
      { type: 'notice-to-owner-sent', on: '2026-03-30' },
      { type: 'informal-challenge-received', on: '2026-04-02' },
    ];
    expect(() => on('2026-04-02', { events })).toThrow(/not possible at stage notice-to-owner/);
  });
});

// The full statutory route for an officer-served PCN, with every boundary.
describe('notice to owner through to enforcement', () => {
  const nto: PcnEvent = { type: 'notice-to-owner-sent', on: '2026-03-30' }; // Monday; served Wednesday 1 April
  const rep: PcnEvent = { type: 'representation-received', on: '2026-04-10' };
  const nor: PcnEvent = { type: 'notice-of-rejection-sent', on: '2026-05-01' }; // Friday; 4 May bank holiday; served Wednesday 6 May
  const appeal: PcnEvent = { type: 'appeal-lodged', on: '2026-05-20' };
  const refused: PcnEvent = { type: 'appeal-refused', on: '2026-07-01' }; // Wednesday; served Friday 3 July
  const cc: PcnEvent = { type: 'charge-certificate-sent', on: '2026-07-31' }; // Friday; served Tuesday 4 August
  const ofr: PcnEvent = { type: 'order-for-recovery-sent', on: '2026-08-28' }; // Friday; 31 August bank holiday; served Wednesday 2 September
  const warrant: PcnEvent = { type: 'warrant-issued', on: '2026-09-23' };

  it('refuses a notice to owner before the 28-day payment period has ended', () => {
    expect(() => on('2026-03-29', { events: [{ type: 'notice-to-owner-sent', on: '2026-03-29' }] })).toThrow(/until the 28-day payment period ends on 2026-03-29/);
  });

  it('gives 28 days from service of the notice to owner', () => {
    expect(on('2026-03-31', { events: [nto] })).toMatchObject({ stage: 'notice-to-owner', amountDue: 7000, dueBy: '2026-04-28' });
    expect(on('2026-04-28', { events: [nto] })).toMatchObject({ dueBy: '2026-04-28' });
    expect(on('2026-04-29', { events: [nto] })).toMatchObject({ stage: 'notice-to-owner', nextStep: { stage: 'charge-certificate', from: '2026-04-29' } });
  });

  it('allows a charge certificate the day after each payment period ends, not on its last day', () => {
    const certificate = (on: string): PcnEvent => ({ type: 'charge-certificate-sent', on });
    expect(() => on('2026-04-28', { events: [nto, certificate('2026-04-28')] })).toThrow(/ends on 2026-04-28/);
    expect(on('2026-04-29', { events: [nto, certificate('2026-04-29')] })).toMatchObject({ stage: 'charge-certificate', amountDue: 10500 });
    expect(() => on('2026-06-02', { events: [nto, rep, nor, certificate('2026-06-02')] })).toThrow(/ends on 2026-06-02/);
    // Posted Wednesday 3 June, served Friday 5 June: 14 days to Thursday 18 June.
    expect(on('2026-06-05', { events: [nto, rep, nor, certificate('2026-06-03')] })).toMatchObject({ stage: 'charge-certificate', dueBy: '2026-06-18' });
  });

  it('puts the charge on hold during representations, and takes them as accepted after 56 days', () => {
    expect(on('2026-04-10', { events: [nto, rep] })).toMatchObject({ stage: 'representation', onHold: true, amountDue: 7000, dueBy: null, nextStep: { stage: 'cancelled', from: '2026-06-05' } });
    expect(on('2026-06-04', { events: [nto, rep] })).toMatchObject({ stage: 'representation' });
    expect(on('2026-06-05', { events: [nto, rep] })).toMatchObject({ stage: 'cancelled', endedBy: 'representation-deemed-accepted', amountDue: 0 });
  });

  it('cancels when representations are accepted', () => {
    expect(on('2026-04-20', { events: [nto, rep, { type: 'representation-accepted', on: '2026-04-20' }] })).toMatchObject({ stage: 'cancelled', endedBy: 'representation-accepted' });
  });

  it('gives 28 days to pay or appeal after a notice of rejection, served past a bank holiday', () => {
    expect(on('2026-05-06', { events: [nto, rep, nor] })).toMatchObject({ stage: 'notice-of-rejection', amountDue: 7000, dueBy: '2026-06-02' });
    expect(on('2026-06-03', { events: [nto, rep, nor] })).toMatchObject({ nextStep: { stage: 'charge-certificate', from: '2026-06-03' } });
  });

  it('holds during an appeal; allowed cancels, refused gives 28 days', () => {
    expect(on('2026-06-01', { events: [nto, rep, nor, appeal] })).toMatchObject({ stage: 'appeal', onHold: true, dueBy: null, amountDue: 7000 });
    expect(on('2026-06-01', { events: [nto, rep, nor, appeal, { type: 'appeal-allowed', on: '2026-06-01' }] })).toMatchObject({ stage: 'cancelled', endedBy: 'appeal-allowed' });
    expect(on('2026-07-03', { events: [nto, rep, nor, appeal, refused] })).toMatchObject({ stage: 'appeal-refused', amountDue: 7000, dueBy: '2026-07-30' });
  });

  it('refuses a charge certificate before the period ends, then adds 50% with 14 days to pay', () => {
    expect(() => on('2026-07-30', { events: [nto, rep, nor, appeal, refused, { type: 'charge-certificate-sent', on: '2026-07-30' }] })).toThrow(/until the current period ends on 2026-07-30/);
    const events = [nto, rep, nor, appeal, refused, cc];
    expect(on('2026-08-04', { events })).toMatchObject({ stage: 'charge-certificate', amountDue: 10500, dueBy: '2026-08-17', nextStep: { stage: 'order-for-recovery', from: '2026-08-18' } });
    expect(on('2026-08-17', { events })).toMatchObject({ stage: 'charge-certificate', amountDue: 10500 });
  });

  it('gives 21 days after an order for recovery served past the August bank holiday, with the registration fee', () => {
    const events = [nto, rep, nor, appeal, refused, cc, ofr];
    expect(on('2026-09-02', { events })).toMatchObject({ stage: 'order-for-recovery', amountDue: 10500, dueBy: '2026-09-22', nextStep: { stage: 'enforcement', from: '2026-09-23' } });
    expect(on('2026-09-02', { events }, { recoveryRegistrationFee: 900 })).toMatchObject({ amountDue: 11400 });
    expect(() => on('2026-08-17', { events: [nto, rep, nor, appeal, refused, cc, { type: 'order-for-recovery-sent', on: '2026-08-17' }] })).toThrow(ParkingError);
  });

  it('refuses a warrant before the order for recovery period ends', () => {
    expect(() => on('2026-09-22', { events: [nto, rep, nor, appeal, refused, cc, ofr, { type: 'warrant-issued', on: '2026-09-22' }] })).toThrow(/until the order for recovery period ends on 2026-09-22/);
  });

  it('ends in enforcement with nothing left to fall due', () => {
    expect(on('2026-09-23', { events: [nto, rep, nor, appeal, refused, cc, ofr, warrant] })).toMatchObject({ stage: 'enforcement', amountDue: 10500, dueBy: null, nextStep: null });
  });

  it('sorts events given out of order', () => {
    expect(on('2026-08-04', { events: [cc, refused, appeal, nor, rep, nto] })).toMatchObject({ stage: 'charge-certificate' });
  });
});

describe('payments', () => {
  it('settles at the discount in the discount period', () => {
    expect(on('2026-03-20', { events: [{ type: 'payment', on: '2026-03-15', amount: 3500 }] })).toMatchObject({ stage: 'paid', endedBy: 'payment', amountDue: 0, paid: 3500, nextStep: null });
  });

  it('leaves a balance when the discount is paid late', () => {
    expect(on('2026-03-20', { events: [{ type: 'payment', on: '2026-03-16', amount: 3500 }] })).toMatchObject({ stage: 'full-charge', amountDue: 3500, paid: 3500 });
  });

  it('adds up part payments', () => {
    const events: PcnEvent[] = [
      { type: 'payment', on: '2026-03-16', amount: 3000 },
      { type: 'payment', on: '2026-03-20', amount: 4000 },
    ];
    expect(on('2026-03-20', { events })).toMatchObject({ stage: 'paid', paid: 7000 });
  });

  it('settles the discount while a challenge made in time is considered', () => {
    const events: PcnEvent[] = [
      { type: 'informal-challenge-received', on: '2026-03-10' },
      { type: 'payment', on: '2026-03-25', amount: 3500 },
    ];
    expect(on('2026-03-25', { events })).toMatchObject({ stage: 'paid' });
  });

  it('needs a positive amount', () => {
    expect(() => on('2026-03-20', { events: [{ type: 'payment', on: '2026-03-15' }] })).toThrow(/needs an amount/);
  });

  it('never owes a negative amount and always lands on a known stage', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), amount: fc.integer({ min: 1, max: 9000 }) }), { maxLength: 5 }), fc.integer({ min: 60, max: 90 }), (payments, today) => {
        const events = payments.map((payment) => ({ type: 'payment' as const, on: addDays('2026-03-02', payment.day), amount: payment.amount }));
        const status = on(addDays('2026-03-02', today), { events });
        expect(PCN_STAGES).toContain(status.stage);
        expect(status.amountDue).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(status.amountDue)).toBe(true);
      }),
    );
  });
});

describe('bad facts are refused with a typed error', () => {
  it.each([
    ['an event before issue', { events: [{ type: 'payment', on: '2026-03-01', amount: 1 }] }, /before the PCN was issued/],
    ['an event after today', { events: [{ type: 'payment', on: '2026-04-01', amount: 1 }] }, /after 2026-03-20/],
    ['an unknown event', { events: [{ type: "'; DROP TABLE pcns;--", on: '2026-03-03' }] }, /Invalid PCN facts/],
    ['a fractional amount', { amountFull: 70.5 }, /whole pence/],
    ['a zero charge', { amountFull: 0 }, /more than zero/],
    ['a string amount', { amountFull: '7000' }, /Invalid PCN facts/],
    ['a bad date', { issuedOn: '2026-02-30' }, /real date/],
    ['an unknown service method', { serviceMethod: 'pigeon' }, /Invalid PCN facts/],
  ])('%s', (_label, facts, message) => {
    const error = (() => {
      try {
        on('2026-03-20', facts as Partial<PcnFacts>);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ParkingError);
    expect(error).toMatchObject({ reason: 'invalid-input', message: expect.stringMatching(message) });
  });

  it('refuses a bad today and bad rules', () => {
    expect(() => on('tomorrow')).toThrow(ParkingError);
    expect(() => on('2026-03-20', {}, { discountDays: -1 })).toThrow(ParkingError);
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
