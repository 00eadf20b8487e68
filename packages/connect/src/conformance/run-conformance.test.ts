import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectError } from '../errors.js';
import { defineStandardInterface, formatConformanceReport, runConformance } from './index.js';

const base = 'https://toy.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const reportSchema = z.object({ reference: z.string(), uprn: z.number(), status: z.string() });

const toyInterface = defineStandardInterface({
  name: 'toy',
  version: '1.0.0',
  operations: {
    getProperty: {
      method: 'GET',
      path: '/properties/{uprn}',
      params: { uprn: 100 },
      unknownParams: { uprn: 999 },
      response: z.object({ uprn: z.number(), postcode: z.string() }),
    },
    reportProblem: {
      method: 'POST',
      path: '/reports',
      body: { uprn: 100, kind: 'missed-bin' },
      alternateBody: { uprn: 100, kind: 'fly-tip' },
      response: reportSchema,
      statuses: (response) => [(response as z.infer<typeof reportSchema>).status],
    },
  },
  updates: { path: '/updates' },
});

/** What can be wrong with the toy back office. */
interface Faults {
  plainErrors?: boolean;
  noIdempotency?: boolean;
  badStatus?: boolean;
  wrongShape?: boolean;
  sinceIgnored?: boolean;
  unstableType?: boolean;
}

/** A small back office implementing the toy interface, correctly unless told otherwise. */
function toyBackOffice(faults: Faults = {}) {
  const remembered = new Map<string, { body: string; answer: { reference: string; uprn: number; status: string } }>();
  let created = 0;
  let errors = 0;
  const updates = [
    { id: 'u1', reference: 'R-1', status: 'open', updatedAt: '2026-11-24T09:00:00+00:00' },
    { id: 'u2', reference: 'R-1', status: faults.badStatus ? 'done' : 'fixed', updatedAt: '2026-11-24T10:00:00+00:00' },
  ];
  const problem = (status: number, type: string, detail: string) => {
    errors += 1;
    if (faults.plainErrors) return HttpResponse.json({ error: detail }, { status });
    const stable = faults.unstableType ? `${type}#${errors}` : type;
    return HttpResponse.json({ type: stable, title: detail, status, detail }, { status, headers: { 'content-type': 'application/problem+json' } });
  };
  const handlers = [
    http.get(`${base}/properties/:uprn`, ({ params }) =>
      params.uprn === '100'
        ? HttpResponse.json(faults.wrongShape ? { uprn: '100' } : { uprn: 100, postcode: 'AB1 2CD' })
        : problem(404, 'https://toy.test/problems/not-found', `No property ${String(params.uprn)}`),
    ),
    http.post(`${base}/reports`, async ({ request }) => {
      const text = await request.text();
      const body = z.object({ uprn: z.number(), kind: z.string() }).safeParse(JSON.parse(text));
      if (!body.success) return problem(422, 'https://toy.test/problems/invalid-body', 'uprn and kind are required');
      const key = request.headers.get('idempotency-key');
      if (!key) return problem(400, 'https://toy.test/problems/idempotency-key-required', 'Idempotency-Key is required');
      const seen = remembered.get(key);
      if (seen && !faults.noIdempotency) {
        if (seen.body !== text) return problem(409, 'https://toy.test/problems/idempotency-key-reused', 'Key used with a different body');
        return HttpResponse.json(seen.answer, { status: 201 });
      }
      created += 1;
      const answer = { reference: `R-${created}`, uprn: body.data.uprn, status: faults.badStatus ? 'received' : 'open' };
      remembered.set(key, { body: text, answer });
      return HttpResponse.json(answer, { status: 201 });
    }),
    http.get(`${base}/updates`, ({ request }) => {
      const since = Number(new URL(request.url).searchParams.get('since') ?? '0');
      const from = faults.sinceIgnored ? 0 : since;
      return HttpResponse.json({ updates: updates.slice(from), cursor: String(updates.length) });
    }),
  ];
  return { handlers, created: () => created };
}

describe('runConformance', () => {
  it('passes a correct back office, with no duplicate effect from the replay', async () => {
    const toy = toyBackOffice();
    server.use(...toy.handlers);
    const report = await runConformance({ baseUrl: base, interface: toyInterface, runId: 'r1' });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual([
      'getProperty.responds',
      'getProperty.not-found',
      'reportProblem.responds',
      'reportProblem.statuses',
      'reportProblem.idempotent-replay',
      'reportProblem.idempotency-conflict',
      'reportProblem.invalid-body',
      'updates.page',
      'updates.statuses',
      'updates.since',
    ]);
    expect(toy.created()).toBe(1);
    expect(report.text).toContain('10 checks: 10 passed, 0 failed. CONFORMANT.');
  });

  it('fails a broken back office with a report that says what is wrong', async () => {
    server.use(...toyBackOffice({ plainErrors: true, noIdempotency: true, badStatus: true, wrongShape: true, sinceIgnored: true }).handlers);
    const report = await runConformance({ baseUrl: base, interface: toyInterface, runId: 'r2' });
    expect(report.passed).toBe(false);
    const failed = Object.fromEntries(report.checks.filter((check) => !check.ok).map((check) => [check.id, check.detail]));
    expect(Object.keys(failed).sort()).toEqual([
      'getProperty.not-found',
      'getProperty.responds',
      'reportProblem.idempotency-conflict',
      'reportProblem.idempotent-replay',
      'reportProblem.invalid-body',
      'reportProblem.statuses',
      'updates.since',
      'updates.statuses',
    ]);
    expect(failed['getProperty.responds']).toMatch(/uprn: .*expected number/i);
    expect(failed['getProperty.not-found']).toContain('content-type is "application/json", not application/problem+json');
    expect(failed['reportProblem.idempotent-replay']).toContain('reference was "R-1", then "R-2"');
    expect(failed['reportProblem.idempotency-conflict']).toContain('expected HTTP 409 or 422, got 201');
    expect(failed['reportProblem.statuses']).toContain('"received"');
    expect(failed['updates.statuses']).toContain('"done" (u2)');
    expect(failed['updates.since']).toContain('u1, u2');
    expect(report.text).toMatch(/FAIL {2}reportProblem\.idempotent-replay/);
    expect(report.text).toContain('NOT CONFORMANT.');
  });

  it('spots a problem type that is not stable', async () => {
    server.use(...toyBackOffice({ unstableType: true }).handlers);
    const report = await runConformance({ baseUrl: base, interface: toyInterface, operations: ['getProperty'] });
    const check = report.checks.find((c) => c.id === 'getProperty.not-found');
    expect(check?.ok).toBe(false);
    expect(check?.detail).toContain('not stable');
    expect(report.checks.some((c) => c.operation === 'updates')).toBe(false);
  });

  it('reports an unreachable back office as failed checks, not a crash', async () => {
    server.use(http.all(`${base}/*`, () => HttpResponse.error()));
    const report = await runConformance({ baseUrl: base, interface: toyInterface });
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.detail).toContain('GET /v1/properties/100 failed');
  });

  it('runs against an in-process fetch with no server, and needs a baseUrl or a fetch', async () => {
    const handler = async (request: Request): Promise<Response> => {
      const url = new URL(request.url);
      if (url.pathname === '/properties/100') return Response.json({ uprn: 100, postcode: 'AB1 2CD' });
      return new Response(JSON.stringify({ type: 'https://toy.test/problems/not-found', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    };
    const report = await runConformance({ fetch: (input, init) => handler(new Request(input, init)), interface: toyInterface, operations: ['getProperty'] });
    expect(report.baseUrl).toBe('http://localhost');
    expect(report.checks.map((check) => [check.id, check.ok])).toEqual([
      ['getProperty.responds', true],
      ['getProperty.not-found', true],
    ]);
    await expect(runConformance({ interface: toyInterface })).rejects.toThrow(ConnectError);
  });

  it('refuses a description with a placeholder but no sample', () => {
    expect(() =>
      defineStandardInterface({
        name: 'bad',
        version: '1',
        operations: { get: { method: 'GET', path: '/x/{id}', response: z.object({}) } },
      }),
    ).toThrow(ConnectError);
  });

  it('formats a report', () => {
    expect(
      formatConformanceReport({
        interface: 'toy',
        version: '1.0.0',
        baseUrl: base,
        passed: false,
        checks: [{ id: 'a.responds', operation: 'a', ok: false, detail: 'HTTP 500' }],
      }),
    ).toBe(`Conformance of toy 1.0.0 at ${base}\n  FAIL  a.responds: HTTP 500\n1 checks: 0 passed, 1 failed. NOT CONFORMANT.`);
  });
});
