import { describe, expect, it } from 'vitest';
import { createParkingClient } from '../client.js';
import { ParkingError } from '../errors.js';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from './index.js';
import type { MockPcnSeed } from './index.js';

const NOW = new Date('2026-11-24T10:00:00Z');

const seed = (overrides: Partial<MockPcnSeed> = {}): MockPcnSeed => ({
  pcnNumber: 'at50000001',
  vrm: 'lk19 abc',
  issuedOn: '2026-11-20',
  contraventionCode: '01',
  contravention: 'Parked in a restricted street during prescribed hours',
  location: 'High Street, Anytown',
  ...overrides,
});

function setup(pcns: MockPcnSeed[]) {
  const backOffice = createMockParkingBackOffice({ now: () => NOW, pcns });
  const client = createParkingClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
  return { backOffice, client };
}

function thrown(work: () => unknown): ParkingError {
  try {
    work();
  } catch (error) {
    if (error instanceof ParkingError) return error;
    throw error;
  }
  throw new Error('expected a ParkingError');
}

describe('seeding the mock parking back office', () => {
  it('holds a seeded PCN beside the fixtures, with stage, amount and discount date derived', async () => {
    const { client } = setup([seed()]);
    const pcn = await client.findPcn({ pcnNumber: 'AT50000001', vrm: 'LK19ABC' });
    expect(pcn).toMatchObject({ pcnNumber: 'AT50000001', vrm: 'LK19ABC', stage: 'discount', amountDue: 3_500, amountFull: 7_000, discountUntil: '2026-12-03', onHold: false });
    await expect(client.findPcn(MOCK_PARKING_FIXTURES.discount)).resolves.toMatchObject({ stage: 'discount' });
    await expect(client.findPcn({ pcnNumber: 'AT50000001', vrm: 'AB12CDE' })).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('works out later stages from the letters sent: a charge certificate owes half as much again', () => {
    const { backOffice } = setup([
      seed({ pcnNumber: 'AT50000002', issuedOn: '2026-10-20' }),
      seed({ pcnNumber: 'AT50000003', issuedOn: '2026-07-01', events: [{ type: 'notice-to-owner-sent', on: '2026-08-05' }, { type: 'charge-certificate-sent', on: '2026-10-20' }] }),
      seed({ pcnNumber: 'AT50000004', issuedOn: '2026-11-01', events: [{ type: 'payment', on: '2026-11-05', amount: 3_500 }] }),
    ]);
    expect(backOffice.pcn('AT50000002')).toMatchObject({ stage: 'full-charge', amountDue: 7_000, discountUntil: null });
    expect(backOffice.pcn('AT50000003')).toMatchObject({ stage: 'charge-certificate', amountDue: 10_500 });
    expect(backOffice.pcn('AT50000004')).toMatchObject({ stage: 'paid', amountDue: 0 });
  });

  it('holds a challenge received as one waiting for a decision, which staff can then decide', () => {
    const { backOffice } = setup([seed({ issuedOn: '2026-11-18', events: [{ type: 'informal-challenge-received', on: '2026-11-21' }] })]);
    const pcn = backOffice.pcn('AT50000001')!;
    expect(pcn).toMatchObject({ stage: 'informal-challenge', onHold: true });
    expect(pcn.representations).toEqual([
      { challengeId: 'CH-AT50000001-1', pcnNumber: 'AT50000001', kind: 'informal', status: 'received', requestStatus: 'open', receivedOn: '2026-11-21', evidenceCount: 0 },
    ]);
    backOffice.decideChallenge('AT50000001', 'CH-AT50000001-1', { outcome: 'rejected', reason: 'Signs were clear' });
    expect(backOffice.pcn('AT50000001')).toMatchObject({ stage: 'discount', representations: [{ status: 'rejected' }] });
  });

  it('names the record and the field when a seed is wrong', () => {
    const error = thrown(() => setup([seed(), seed({ pcnNumber: 'AT50000009', vrm: 'NOT A REG!' })]));
    expect(error.reason).toBe('invalid-options');
    expect(error.message).toMatch(/^Seeded PCN 2 \(AT50000009\): vrm: /);
    expect(error.issues[0]?.path).toBe('vrm');
  });

  it('refuses events that could not happen, a PCN number already held and a PCN issued after today', () => {
    const early = thrown(() => setup([seed({ issuedOn: '2026-11-10', events: [{ type: 'charge-certificate-sent', on: '2026-11-12' }] })]));
    expect(early.reason).toBe('invalid-options');
    expect(early.message).toMatch(/^Seeded PCN 1 \(at50000001\): charge-certificate-sent on 2026-11-12 is not possible at stage discount/);
    expect(thrown(() => setup([seed({ pcnNumber: MOCK_PARKING_FIXTURES.paid.pcnNumber })])).message).toContain(`already holds PCN ${MOCK_PARKING_FIXTURES.paid.pcnNumber}`);
    expect(thrown(() => setup([seed(), seed()])).message).toMatch(/^Seeded PCN 2 .*already holds PCN AT50000001/);
    expect(thrown(() => setup([seed({ issuedOn: '2026-11-25' })])).reason).toBe('invalid-options');
    expect(thrown(() => createMockParkingBackOffice({ pcns: {} as unknown as MockPcnSeed[] })).reason).toBe('invalid-options');
  });
});
