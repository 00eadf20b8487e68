import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WASTE_FIXTURES } from './fixtures.js';
import { createWasteClient, WasteError } from './index.js';
import type { WasteClient } from './index.js';
import { createWasteBackOffice, wasteHandlers } from './mock/index.js';
import type { WasteBackOffice } from './mock/index.js';

const baseUrl = 'https://waste.test/v1';
const server = setupServer();
let backOffice: WasteBackOffice;
let waste: WasteClient;
let sent: Request[];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  backOffice = createWasteBackOffice({ seed: 1, now: () => new Date('2026-03-04T10:00:00Z') });
  server.resetHandlers(...wasteHandlers(backOffice, { baseUrl }));
  sent = [];
  server.events.removeAllListeners();
  server.events.on('request:start', ({ request }) => {
    sent.push(request);
  });
  waste = createWasteClient({ baseUrl, timeoutMs: 5000 });
});

async function failure(promise: Promise<unknown>): Promise<WasteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WasteError) return error;
    throw new Error(`expected a WasteError, got ${String(error)}`);
  }
  throw new Error('expected a WasteError');
}

const uprn = WASTE_FIXTURES.uprn;

describe('injected faults become typed errors', () => {
  it('503 -> unavailable, retryable, with Retry-After', async () => {
    backOffice.faults.inject({ operation: 'getProperty', kind: 'error', times: 1 });
    const error = await failure(waste.getProperty(uprn));
    expect(error).toMatchObject({ name: 'WasteError', reason: 'unavailable', status: 503, retryAfterSeconds: 1, retryable: true });
    expect(error.problem?.type).toBe('https://councilkit.org.uk/problems/waste/unavailable');
    // used up after one request
    await expect(waste.getProperty(uprn)).resolves.toMatchObject({ uprn });
  });

  it('timeout -> timeout', async () => {
    // The fault never answers until the client gives up, so this is deterministic.
    backOffice.faults.inject({ kind: 'timeout', times: 1 });
    const impatient = createWasteClient({ baseUrl, timeoutMs: 50 });
    const error = await failure(impatient.getPropertyServices(uprn));
    expect(error).toMatchObject({ reason: 'timeout', operation: 'getPropertyServices', retryable: true });
  });

  it('slow but within the timeout -> answers', async () => {
    backOffice.faults.inject({ kind: 'slow', delayMs: 20, times: 1 });
    await expect(waste.listContainerTypes()).resolves.toHaveLength(5);
  });

  it('malformed body -> malformed-response, and a write is not applied', async () => {
    backOffice.faults.inject({ operation: 'reportMissedCollection', kind: 'malformed', times: 1 });
    const error = await failure(waste.reportMissedCollection({ uprn, serviceId: 'refuse' }));
    expect(error.reason).toBe('malformed-response');
    expect(backOffice.requests().some((r) => r.type === 'missed-collection' && r.serviceId === 'refuse')).toBe(false);
  });

  it('a probability of 0 never fires; faults can be listed and cleared', async () => {
    backOffice.faults.inject({ kind: 'error', probability: 0 });
    await expect(waste.getProperty(uprn)).resolves.toBeDefined();
    expect(backOffice.faults.active()).toHaveLength(1);
    backOffice.faults.clear();
    expect(backOffice.faults.active()).toEqual([]);
  });

  it('a custom status is honoured (429 -> rate-limited)', async () => {
    backOffice.faults.inject({ kind: 'error', status: 429, times: 1 });
    expect(await failure(waste.listBulkyItems())).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 1 });
  });
});

describe('bad back-office answers never crash the client', () => {
  const answers: [string, () => Response, string][] = [
    ['valid JSON of the wrong shape', () => HttpResponse.json({ uprn: 'not a number', postcode: 42 }), 'malformed-response'],
    ['an HTML page with 200', () => new HttpResponse('<html><body>Welcome</body></html>', { headers: { 'content-type': 'text/html' } }), 'malformed-response'],
    ['an empty 200', () => new HttpResponse('', { status: 200 }), 'malformed-response'],
    ['JSON null', () => HttpResponse.json(null), 'malformed-response'],
    ['a 502 HTML error page', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 }), 'unavailable'],
    ['a 500 with a nonsense problem', () => HttpResponse.json({ type: 7, title: [] }, { status: 500 }), 'unavailable'],
    ['a 404 problem', () => HttpResponse.json({ type: 'https://x/not-found', title: 'Nope', status: 404 }, { status: 404 }), 'not-found'],
    ['a 418', () => new HttpResponse('teapot', { status: 418 }), 'malformed-response'],
    ['a 401', () => new HttpResponse(null, { status: 401 }), 'unauthorised'],
    ['a network error', () => HttpResponse.error(), 'unavailable'],
    ['an out-of-range UPRN', () => HttpResponse.json({ uprn: 1e15, usrn: 1, address: { lines: ['x'], town: 'y', postcode: 'AT1 1AA' }, postcode: 'AT1 1AA', lat: 52, lng: -1, type: 'house', nation: 'england-and-wales' }), 'malformed-response'],
  ];
  for (const [what, answer, reason] of answers) {
    it(`${what} -> ${reason}`, async () => {
      server.use(http.get(`${baseUrl}/properties/:uprn`, () => answer()));
      const error = await failure(waste.getProperty(uprn));
      expect(error.reason).toBe(reason);
      expect(error.operation).toBe('getProperty');
    });
  }

  it('keeps unknown fields out of the domain object', async () => {
    const body = { ...backOffice.properties()[0]!, secret: 'x' };
    server.use(http.get(`${baseUrl}/properties/:uprn`, () => HttpResponse.json(body)));
    expect(await waste.getProperty(uprn)).not.toHaveProperty('secret');
  });

  it('rejects a calendar that is not iCalendar', async () => {
    server.use(http.get(`${baseUrl}/properties/:uprn/calendar.ics`, () => new HttpResponse('<html></html>', { headers: { 'content-type': 'text/calendar' } })));
    expect((await failure(waste.getCollectionCalendar(uprn))).reason).toBe('malformed-response');
  });

  it('a truncated JSON body -> malformed-response', async () => {
    server.use(http.get(`${baseUrl}/updates`, () => new HttpResponse('{"updates":[{"id":"1"', { headers: { 'content-type': 'application/json' } })));
    expect((await failure(waste.listUpdates())).reason).toBe('malformed-response');
  });
});

describe('hostile input is refused by the client before anything is sent', () => {
  const hostile: [string, () => Promise<unknown>][] = [
    ['SQL injection in a postcode', () => waste.findPropertiesByPostcode("SW1A 1AA'; DROP TABLE properties;--")],
    ['script in a postcode', () => waste.findPropertiesByPostcode('<script>alert(1)</script>')],
    ['a UPRN as a string', () => waste.getProperty('100023336956' as unknown as number)],
    ['a negative UPRN', () => waste.getProperty(-1)],
    ['a fractional UPRN', () => waste.getProperty(1.5)],
    ['a 13-digit UPRN', () => waste.getProperty(1_000_000_000_000)],
    ['NaN', () => waste.getPropertyServices(Number.NaN)],
    ['path traversal in a reference', () => waste.getServiceRequest('../../admin')],
    ['an oversized note', () => waste.reportMissedCollection({ uprn, serviceId: 'refuse', notes: 'x'.repeat(5000) })],
    ['an unknown field', () => waste.reportMissedCollection({ uprn, serviceId: 'refuse', admin: true } as never)],
    ['a service id with injection', () => waste.reportMissedCollection({ uprn, serviceId: "refuse' OR 1=1" })],
    ['a zero quantity', () => waste.requestContainer({ uprn, containerType: 'recycling-240', reason: 'extra', quantity: 0 })],
    ['a wrong enum', () => waste.requestContainer({ uprn, containerType: 'recycling-240', reason: 'because' as never, quantity: 1 })],
    ['an empty item list', () => waste.bookBulkyCollection({ reservationId: 'R1', items: [], location: 'Drive', paymentReference: 'P' })],
    ['a blank location', () => waste.bookBulkyCollection({ reservationId: 'R1', items: [{ itemId: 'table', quantity: 1 }], location: '   ', paymentReference: 'P' })],
    ['an amendment that changes nothing', () => waste.amendBulkyBooking('BK-1', {})],
    ['a bad date', () => waste.listBulkySlots({ uprn, from: '2026-02-30x' })],
    ['a bad cursor', () => waste.listUpdates({ since: '1; DROP' })],
    ['an Idempotency-Key with a newline', () => waste.reportMissedCollection({ uprn, serviceId: 'refuse' }, { idempotencyKey: 'a\nb' })],
    ['an oversized Idempotency-Key', () => waste.reportMissedCollection({ uprn, serviceId: 'refuse' }, { idempotencyKey: 'k'.repeat(200) })],
  ];
  for (const [what, call] of hostile) {
    it(what, async () => {
      const error = await failure(call());
      expect(error.reason).toBe('validation');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(sent).toEqual([]);
    });
  }
});

describe('hostile input is refused by the mock with problem+json 4xx', () => {
  const handle = () => backOffice.toFetchHandler({ basePath: '/v1' });
  const call = (path: string, init: RequestInit = {}) => handle()(new Request(`https://waste.test/v1${path}`, init));
  const write = (path: string, body: string, headers: Record<string, string> = {}) =>
    call(path, { method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}`, ...headers } });

  async function expectProblem(response: Response, status: number, kind: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { type: string; status: number; detail?: string };
    expect(body.type).toBe(`https://councilkit.org.uk/problems/waste/${kind}`);
    expect(body.status).toBe(status);
    return body;
  }

  it('refuses an injection string as a postcode without echoing it', async () => {
    const body = await expectProblem(await call(`/properties?postcode=${encodeURIComponent("'; DROP TABLE x;--<script>")}`), 400, 'validation');
    expect(body.detail).not.toContain('<script>');
  });

  it('refuses a UPRN that is not a number, too long, or a traversal', async () => {
    await expectProblem(await call('/properties/abc'), 400, 'validation');
    await expectProblem(await call('/properties/1234567890123'), 400, 'validation');
    await expectProblem(await call('/properties/..%2F..%2Fetc'), 400, 'validation');
  });

  it('refuses wrong types, unknown fields, bad JSON and oversized bodies', async () => {
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn: '1', serviceId: 5 })), 400, 'validation');
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse', isAdmin: true })), 400, 'validation');
    await expectProblem(await write('/missed-collections', '{"uprn":'), 400, 'validation');
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse', notes: 'x'.repeat(40_000) })), 413, 'payload-too-large');
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse', notes: 'x'.repeat(1001) })), 400, 'validation');
    await expectProblem(await write('/missed-collections', JSON.stringify([1, 2, 3])), 400, 'validation');
    await expectProblem(await write('/missed-collections', `{"uprn":${uprn},"serviceId":"refuse","__proto__":{"admin":true}}`), 400, 'validation');
  });

  it('requires a well-formed Idempotency-Key on every write', async () => {
    await expectProblem(await call('/missed-collections', { method: 'POST', body: JSON.stringify({ uprn, serviceId: 'refuse' }) }), 400, 'idempotency-key-missing');
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse' }), { 'idempotency-key': 'k'.repeat(129) }), 400, 'validation');
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    await expectProblem(await call('/admin'), 404, 'not-found');
    const response = await call('/properties', { method: 'DELETE' });
    await expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('stores free text safely and returns it as data', async () => {
    const notes = "<img src=x onerror=alert(1)> '; DROP TABLE cases;--";
    const response = await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse', notes }));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('replays the same key and body, flags the replay, and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'same-key' };
    const first = await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'refuse' }), headers);
    const second = await write('/missed-collections', JSON.stringify({ serviceId: 'refuse', uprn }), headers);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    await expectProblem(await write('/missed-collections', JSON.stringify({ uprn, serviceId: 'food' }), headers), 422, 'idempotency-key-reuse');
  });
});

describe('client options', () => {
  it('refuses a bad base URL or timeout with invalid-options', () => {
    expect(() => createWasteClient({ baseUrl: 'not a url' })).toThrow(WasteError);
    expect(() => createWasteClient({ baseUrl: 'ftp://waste.test' })).toThrow(/Invalid waste client options/);
    expect(() => createWasteClient({ baseUrl, timeoutMs: -1 })).toThrow(WasteError);
  });

  it('sends configured headers and uses a custom fetch', async () => {
    const seen: string[] = [];
    const custom = createWasteClient({
      baseUrl,
      headers: { authorization: 'Bearer token-1' },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.headers.get('authorization') ?? '');
        return backOffice.toFetchHandler({ basePath: '/v1' })(request);
      },
    });
    await custom.getProperty(uprn);
    expect(seen).toEqual(['Bearer token-1']);
    expect(sent).toEqual([]);
  });

  it('a caller abort stops the call with a typed error', async () => {
    backOffice.faults.inject({ kind: 'slow', delayMs: 150 });
    const controller = new AbortController();
    const pending = waste.getProperty(uprn, { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).reason).toBe('unavailable');
  });
});
