import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createParkingClient } from './client.js';
import { PARKING_PROBLEM_TYPES, ParkingError } from './errors.js';

const BASE = 'https://parking.errors.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const problem = (status: number, type: string) =>
  HttpResponse.json({ type, title: 'x', status, detail: `detail ${status}`, code: 'rule-x' }, { status, headers: { 'content-type': 'application/problem+json' } });

async function failure(promise: Promise<unknown>): Promise<ParkingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ParkingError) return error;
    throw error;
  }
  throw new Error('expected a ParkingError');
}

describe('every failure is a ParkingError with a reason', () => {
  it.each([
    [400, PARKING_PROBLEM_TYPES.validation, 'invalid-input'],
    [401, 'https://example.test/auth', 'unauthorised'],
    [404, PARKING_PROBLEM_TYPES['not-found'], 'not-found'],
    [409, PARKING_PROBLEM_TYPES['amount-mismatch'], 'amount-mismatch'],
    [409, PARKING_PROBLEM_TYPES['not-allowed-at-stage'], 'not-allowed-at-stage'],
    [409, PARKING_PROBLEM_TYPES.conflict, 'conflict'],
    [413, PARKING_PROBLEM_TYPES['payload-too-large'], 'invalid-input'],
    [422, PARKING_PROBLEM_TYPES['not-eligible'], 'ineligible'],
    [422, PARKING_PROBLEM_TYPES['idempotency-key-reuse'], 'idempotency-conflict'],
    [429, 'https://example.test/slow-down', 'rate-limited'],
    [503, PARKING_PROBLEM_TYPES.unavailable, 'unavailable'],
    [418, 'https://example.test/teapot', 'malformed-response'],
  ])('HTTP %i %s is %s', async (status, type, reason) => {
    server.use(http.post(`${BASE}/pcns/:number/payments`, () => problem(status, type)));
    const error = await failure(createParkingClient({ baseUrl: BASE }).payPcn('AT10000001', { vrm: 'AB12CDE', amount: 3500, paymentReference: 'p1' }));
    expect(error).toMatchObject({ name: 'ParkingError', reason, status, problemType: type, code: 'rule-x', operation: 'payPcn', message: `detail ${status}` });
  });

  it('maps a network failure to unavailable and a broken body to malformed-response', async () => {
    server.use(http.get(`${BASE}/permit-zones`, () => HttpResponse.error()));
    expect(await failure(createParkingClient({ baseUrl: BASE }).listPermitZones())).toMatchObject({ reason: 'unavailable' });
    server.use(http.get(`${BASE}/permit-zones`, () => new HttpResponse('{"zones": [', { status: 200, headers: { 'content-type': 'application/json' } })));
    expect(await failure(createParkingClient({ baseUrl: BASE }).listPermitZones())).toMatchObject({ reason: 'malformed-response' });
  });

  it('sends the VRM as a query parameter and normalises it first', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/pcns/:number`, ({ request }) => {
        url = new URL(request.url);
        return problem(404, PARKING_PROBLEM_TYPES['not-found']);
      }),
    );
    await failure(createParkingClient({ baseUrl: BASE }).findPcn({ pcnNumber: 'at10000001', vrm: 'ab12 cde' }));
    expect(url?.pathname).toBe('/v1/pcns/AT10000001');
    expect(url?.searchParams.get('vrm')).toBe('AB12CDE');
  });
});
