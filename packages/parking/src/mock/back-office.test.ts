import { describe, expect, it } from 'vitest';
import { PARKING_PROBLEM_TYPES, ParkingError } from '../errors.js';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from './index.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const f = MOCK_PARKING_FIXTURES;

function setup() {
  const backOffice = createMockParkingBackOffice({ now: () => NOW });
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await backOffice.fetch(`${backOffice.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return { backOffice, send };
}

describe('mock parking back office over HTTP', () => {
  it('refuses bad options', () => {
    expect(() => createMockParkingBackOffice({ maxVisitorMinutesPerDay: 5 })).toThrow(ParkingError);
  });

  it('needs the VRM on a PCN lookup', async () => {
    const { send } = setup();
    expect(await send('GET', `/pcns/${f.discount.pcnNumber}`)).toMatchObject({ status: 400, type: 'application/problem+json' });
  });

  it('requires an Idempotency-Key on writes and records nothing without one', async () => {
    const { send, backOffice } = setup();
    const answer = await send('POST', `/pcns/${f.discount.pcnNumber}/payments`, { vrm: f.discount.vrm, amount: 3500, paymentReference: 'p1' });
    expect(answer).toMatchObject({ status: 400, body: { type: PARKING_PROBLEM_TYPES['idempotency-key-missing'] } });
    expect(backOffice.pcn(f.discount.pcnNumber)?.paid).toBe(0);
  });

  it.each([
    ['not JSON', '{"vrm":', 400],
    ['a negative amount', { vrm: 'AB12CDE', amount: -3500, paymentReference: 'p' }, 400],
    ['script in the reference', { vrm: 'AB12CDE', amount: 3500, paymentReference: '<script>alert(1)</script>' }, 400],
    ['a huge body', { vrm: 'AB12CDE', amount: 3500, paymentReference: 'p', padding: 'x'.repeat(80_000) }, 413],
    ['null', 'null', 400],
  ])('refuses %s and records nothing', async (_label, body, status) => {
    const { send, backOffice } = setup();
    const answer = await send('POST', `/pcns/${f.discount.pcnNumber}/payments`, body, { 'idempotency-key': `k-${status}` });
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/problem+json');
    expect(backOffice.pcn(f.discount.pcnNumber)?.paid).toBe(0);
  });

  it('keeps stage rules when events are recorded out of order', () => {
    const { backOffice } = setup();
    expect(() => backOffice.recordEvent(f.discount.pcnNumber, { type: 'charge-certificate-sent' })).toThrow(ParkingError);
    expect(backOffice.pcn(f.discount.pcnNumber)?.stage).toBe('discount');
    expect(() => backOffice.recordEvent('NOPE0000', { type: 'cancelled' })).toThrow(ParkingError);
  });

  it('ends a PCN when the council cancels it', () => {
    const { backOffice } = setup();
    backOffice.recordEvent(f.postal.pcnNumber, { type: 'cancelled' });
    expect(backOffice.pcn(f.postal.pcnNumber)).toMatchObject({ stage: 'cancelled', amountDue: 0 });
  });

  it('refuses to decide a challenge that is not waiting', () => {
    const { backOffice } = setup();
    expect(() => backOffice.decideChallenge(f.challenged.pcnNumber, 'CH-NOPE', { outcome: 'accepted', reason: 'x' })).toThrow(ParkingError);
  });
});
