import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBackOffice } from './back-office.js';
import { ConnectError } from './errors.js';

const base = 'https://waste.test/api';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const waste = () =>
  defineBackOffice({
    name: 'waste',
    title: 'the waste system',
    baseUrl: `${base}/`,
    caseTypes: ['waste.missed-collection'],
    timeoutMs: 200,
    headers: () => ({ authorization: 'Bearer t' }),
    operations: {
      report: {
        method: 'POST',
        path: '/missed-collections',
        request: z.object({ uprn: z.number().int(), serviceId: z.string() }),
        response: z.object({ reference: z.string() }),
      },
      services: {
        method: 'GET',
        path: '/properties/{uprn}/services',
        request: z.object({ uprn: z.number(), on: z.string().optional() }),
        response: z.object({ services: z.array(z.string()) }),
      },
    },
    outbox: {
      reportMissedCollection: {
        operation: 'report',
        request: (message) => ({ ...(message.payload as { uprn: number; serviceId: string }) }),
        reference: (response) => response.reference,
      },
    },
    statusSync: { polling: {} },
  });

const error = async (promise: Promise<unknown>): Promise<ConnectError> => {
  try {
    await promise;
  } catch (caught) {
    if (caught instanceof ConnectError) return caught;
    throw caught;
  }
  throw new Error('expected a ConnectError');
};

describe('defineBackOffice', () => {
  it('refuses a bad declaration at definition time', () => {
    const bad = () =>
      defineBackOffice({
        name: 'Waste System',
        baseUrl: 'not a url',
        caseTypes: [],
        operations: {},
      });
    expect(bad).toThrow(ConnectError);
    expect(bad).toThrow(/name must be lower-case/);
    expect(() =>
      defineBackOffice({
        name: 'waste',
        baseUrl: base,
        caseTypes: [],
        operations: { a: { method: 'GET', path: '/x/{id}', request: z.object({}), response: z.object({}) } },
      }),
    ).toThrow(/placeholder \{id\}/);
    expect(() =>
      defineBackOffice({
        name: 'waste',
        baseUrl: base,
        caseTypes: [],
        operations: {},
        outbox: { send: { operation: 'missing' } } as never,
      }),
    ).toThrow(/not a declared operation/);
    expect(() => defineBackOffice({ name: 'waste', baseUrl: base, caseTypes: [], operations: {}, statusSync: {} })).toThrow(/polling, push or both/);
  });

  it('fills path placeholders, sends the rest as query for GET, validates the answer', async () => {
    server.use(
      http.get(`${base}/properties/:uprn/services`, ({ request, params }) => {
        expect(request.headers.get('authorization')).toBe('Bearer t');
        return HttpResponse.json({ services: [`${params.uprn}:${new URL(request.url).searchParams.get('on')}`] });
      }),
    );
    expect(await waste().call('services', { uprn: 12, on: '2026-11-24' })).toEqual({ services: ['12:2026-11-24'] });
  });

  it('delivers an outbox message with its Idempotency-Key and reads the reference', async () => {
    server.use(
      http.post(`${base}/missed-collections`, async ({ request }) => {
        expect(request.headers.get('idempotency-key')).toBe('case-1:refer');
        expect(await request.json()).toEqual({ uprn: 1, serviceId: 'refuse' });
        return HttpResponse.json({ reference: 'WM-1' }, { status: 201 });
      }),
    );
    const result = await waste().deliver({
      messageId: 'm1',
      caseId: 'case-1',
      caseType: 'waste.missed-collection',
      operation: 'reportMissedCollection',
      payload: { uprn: 1, serviceId: 'refuse' },
      idempotencyKey: 'case-1:refer',
    });
    expect(result).toEqual({ reference: 'WM-1', response: { reference: 'WM-1' } });
  });

  it('types every failure', async () => {
    const office = waste();
    expect((await error(office.call('report', { uprn: 1.5, serviceId: 'x' }))).reason).toBe('invalid-request');

    server.use(http.post(`${base}/missed-collections`, () => HttpResponse.json({ ref: 1 })));
    expect((await error(office.call('report', { uprn: 1, serviceId: 'x' }))).reason).toBe('malformed-response');

    server.use(http.post(`${base}/missed-collections`, () => new HttpResponse('<html>', { status: 200 })));
    expect((await error(office.call('report', { uprn: 1, serviceId: 'x' }))).reason).toBe('malformed-response');

    server.use(http.post(`${base}/missed-collections`, () => HttpResponse.error()));
    expect((await error(office.call('report', { uprn: 1, serviceId: 'x' }))).reason).toBe('unavailable');

    server.use(
      http.post(`${base}/missed-collections`, async () => {
        await delay(1000);
        return HttpResponse.json({ reference: 'late' });
      }),
    );
    const late = await error(office.call('report', { uprn: 1, serviceId: 'x' }));
    expect(late.reason).toBe('timeout');
    expect(late.message).toContain('200 ms');

    server.use(
      http.post(`${base}/missed-collections`, () =>
        HttpResponse.json(
          { type: 'https://waste.test/problems/not-eligible', title: 'Not eligible', status: 422, detail: 'Crew recorded not presented' },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const rejected = await error(office.call('report', { uprn: 1, serviceId: 'x' }));
    expect(rejected.reason).toBe('rejected');
    expect(rejected.problem?.type).toBe('https://waste.test/problems/not-eligible');
    expect(rejected.message).toContain('Crew recorded not presented');

    expect((await error(office.deliver({ messageId: 'm', caseId: 'c', caseType: 't', operation: 'nope', payload: {}, idempotencyKey: 'k' }))).reason).toBe(
      'unknown-operation',
    );
  });

  it('reads the updates feed with the since cursor', async () => {
    server.use(
      http.get(`${base}/updates`, ({ request }) => {
        const since = new URL(request.url).searchParams.get('since');
        return HttpResponse.json({
          updates: since ? [] : [{ id: 'u1', reference: 'WM-1', status: 'fixed', updatedAt: '2026-11-24T09:00:00+00:00' }],
          cursor: since ? since : '1',
        });
      }),
    );
    const office = waste();
    expect((await office.updates(undefined)).updates).toHaveLength(1);
    expect(await office.updates('1')).toEqual({ updates: [], cursor: '1' });
  });
});
