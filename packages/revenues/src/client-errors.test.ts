import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRevenuesClient } from './client.js';
import { REVENUES_PROBLEM_TYPES, RevenuesError } from './errors.js';

const BASE = 'https://revenues.errors.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const problem = (status: number, type: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  HttpResponse.json({ type, title: 'x', status, detail: `detail ${status}`, ...extra }, { status, headers: { 'content-type': 'application/problem+json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<RevenuesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RevenuesError) return error;
    throw error;
  }
  throw new Error('expected a RevenuesError');
}

describe('every failure is a RevenuesError with a reason', () => {
  it.each([
    [400, REVENUES_PROBLEM_TYPES.validation, 'invalid-input'],
    [401, 'https://example.test/auth', 'unauthorised'],
    [403, 'https://example.test/auth', 'unauthorised'],
    [404, REVENUES_PROBLEM_TYPES['not-found'], 'not-found'],
    [409, REVENUES_PROBLEM_TYPES.conflict, 'conflict'],
    [413, REVENUES_PROBLEM_TYPES['payload-too-large'], 'invalid-input'],
    [422, REVENUES_PROBLEM_TYPES['not-eligible'], 'ineligible'],
    [422, REVENUES_PROBLEM_TYPES['idempotency-key-reuse'], 'idempotency-conflict'],
    [429, REVENUES_PROBLEM_TYPES['account-locked'], 'locked'],
    [429, 'https://example.test/slow-down', 'rate-limited'],
    [500, REVENUES_PROBLEM_TYPES.unavailable, 'unavailable'],
    [503, REVENUES_PROBLEM_TYPES.unavailable, 'unavailable'],
    [418, 'https://example.test/teapot', 'malformed-response'],
  ])('HTTP %i %s is %s', async (status, type, reason) => {
    server.use(http.get(`${BASE}/direct-debit/payment-days`, () => problem(status, type, { code: 'rule-x' })));
    const error = await failure(createRevenuesClient({ baseUrl: BASE }).listPaymentDays());
    expect(error).toMatchObject({ name: 'RevenuesError', reason, status, problemType: type, code: 'rule-x', operation: 'listPaymentDays', message: `detail ${status}` });
  });

  it('reads Retry-After as seconds or a date into retryAt', async () => {
    server.use(http.post(`${BASE}/accounts/lookup`, () => problem(429, REVENUES_PROBLEM_TYPES['account-locked'], {}, { 'retry-after': 'Tue, 24 Nov 2026 10:15:00 GMT' })));
    expect(await failure(createRevenuesClient({ baseUrl: BASE }).findAccount({ reference: '500100001', postcode: 'AT1 1AA' }))).toMatchObject({ retryAt: '2026-11-24T10:15:00.000Z' });
    server.use(http.post(`${BASE}/accounts/lookup`, () => problem(429, REVENUES_PROBLEM_TYPES['account-locked'], {}, { 'retry-after': '900' })));
    const error = await failure(createRevenuesClient({ baseUrl: BASE }).findAccount({ reference: '500100001', postcode: 'AT1 1AA' }));
    expect(Date.parse(error.retryAt ?? '') - Date.now()).toBeGreaterThan(890_000);
  });

  it('gives a default message when the error body is not a problem', async () => {
    server.use(http.get(`${BASE}/direct-debit/payment-days`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })));
    expect(await failure(createRevenuesClient({ baseUrl: BASE }).listPaymentDays())).toMatchObject({ reason: 'unavailable', status: 502, message: 'The revenues system is not available at the moment.' });
  });

  it('maps a network failure to unavailable', async () => {
    server.use(http.get(`${BASE}/direct-debit/payment-days`, () => HttpResponse.error()));
    expect(await failure(createRevenuesClient({ baseUrl: BASE }).listPaymentDays())).toMatchObject({ reason: 'unavailable', status: undefined });
  });

  it('maps a body that is not JSON to malformed-response', async () => {
    server.use(http.get(`${BASE}/direct-debit/payment-days`, () => new HttpResponse('{"paymentDays": [1,', { status: 200, headers: { 'content-type': 'application/json' } })));
    expect(await failure(createRevenuesClient({ baseUrl: BASE }).listPaymentDays())).toMatchObject({ reason: 'malformed-response' });
  });

  it('sends the configured headers and an Idempotency-Key on writes', async () => {
    let seen: Headers | undefined;
    server.use(
      http.post(`${BASE}/claims/:id/enquiries`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.json({ reference: 'BEN-1', status: 'open' }, { status: 201 });
      }),
    );
    await createRevenuesClient({ baseUrl: BASE, headers: { authorization: 'Bearer t' } }).raiseBenefitEnquiry('cl-123456', { topic: 'other', question: 'Hello' });
    expect(seen?.get('authorization')).toBe('Bearer t');
    expect(seen?.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
