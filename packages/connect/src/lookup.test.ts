import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBackOffice } from './back-office.js';
import { createLookup } from './lookup.js';
import { problemResponse } from './problem.js';

const base = 'https://waste.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const waste = defineBackOffice({
  name: 'waste',
  title: 'the waste system',
  baseUrl: base,
  caseTypes: [],
  operations: {
    binDays: {
      method: 'GET',
      path: '/properties/{uprn}/collections',
      request: z.object({ uprn: z.number().int().positive() }),
      response: z.object({ next: z.array(z.object({ service: z.string(), date: z.string() })) }),
    },
  },
});

describe('createLookup', () => {
  it('answers ok with typed data', async () => {
    server.use(http.get(`${base}/properties/:uprn/collections`, () => HttpResponse.json({ next: [{ service: 'refuse', date: '2026-11-26' }] })));
    const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days' });
    const answer = await binDays({ uprn: 1 });
    expect(answer).toEqual({ status: 'ok', data: { next: [{ service: 'refuse', date: '2026-11-26' }] } });
  });

  it('degrades on a timeout with a message the agent can read', async () => {
    server.use(
      http.get(`${base}/properties/:uprn/collections`, async () => {
        await delay(500);
        return HttpResponse.json({ next: [] });
      }),
    );
    const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days', timeoutMs: 50 });
    const answer = await binDays({ uprn: 1 });
    expect(answer).toEqual({
      status: 'degraded',
      reason: 'timeout',
      message: 'The waste system did not answer within 0.1 seconds, so bin days cannot be shown right now. You can still raise the case; it will be sent on when the system is back.',
    });
  });

  it('degrades on outages, bad answers, rejections and bad input without throwing', async () => {
    const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days' });
    server.use(http.get(`${base}/properties/:uprn/collections`, () => new HttpResponse(null, { status: 503 })));
    expect(await binDays({ uprn: 1 })).toMatchObject({ status: 'degraded', reason: 'unavailable', message: expect.stringContaining('not available') });
    server.use(http.get(`${base}/properties/:uprn/collections`, () => HttpResponse.json({ nope: true })));
    expect(await binDays({ uprn: 1 })).toMatchObject({ status: 'degraded', reason: 'malformed-response' });
    server.use(
      http.get(`${base}/properties/:uprn/collections`, () =>
        problemResponse({ status: 404, type: 'https://waste.test/problems/unknown-property', detail: 'No property with UPRN 1' }),
      ),
    );
    expect(await binDays({ uprn: 1 })).toEqual({
      status: 'degraded',
      reason: 'rejected',
      message: 'The waste system could not give bin days: No property with UPRN 1.',
    });
    expect(await binDays({ uprn: -1 })).toMatchObject({ status: 'degraded', reason: 'invalid-request' });
  });

  it('stops asking a failing back office until the circuit half-opens', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/properties/:uprn/collections`, () => {
        calls += 1;
        return new HttpResponse(null, { status: 500 });
      }),
    );
    let now = 0;
    const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days', circuitBreaker: { failureThreshold: 2, openMs: 1000 }, now: () => now });
    await binDays({ uprn: 1 });
    await binDays({ uprn: 1 });
    expect(binDays.circuit().state).toBe('open');
    expect(await binDays({ uprn: 1 })).toMatchObject({ reason: 'circuit-open', message: expect.stringContaining('has been failing') });
    expect(calls).toBe(2);
    now = 1000;
    server.use(http.get(`${base}/properties/:uprn/collections`, () => HttpResponse.json({ next: [] })));
    expect(await binDays({ uprn: 1 })).toEqual({ status: 'ok', data: { next: [] } });
    expect(binDays.circuit().state).toBe('closed');
  });
});
