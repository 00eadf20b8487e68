import { describe, expect, it } from 'vitest';
import { ConnectError } from './errors.js';
import { isProblemResponse, parseProblem, parseRetryAfter, problemResponse, problemToError } from './problem.js';

describe('problem details', () => {
  it('builds a problem+json response whose body status matches', async () => {
    const response = problemResponse({ status: 422, type: 'https://example.org/problems/invalid', title: 'Invalid', detail: 'uprn is missing' });
    expect(response.status).toBe(422);
    expect(isProblemResponse(response)).toBe(true);
    expect(await response.json()).toEqual({ type: 'https://example.org/problems/invalid', title: 'Invalid', detail: 'uprn is missing', status: 422 });
  });

  it('defaults type to about:blank and keeps extension members', async () => {
    const response = new Response(JSON.stringify({ title: 'Nope', status: 409, balance: 12 }), {
      status: 409,
      headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    });
    expect(await parseProblem(response)).toEqual({ type: 'about:blank', title: 'Nope', status: 409, balance: 12 });
  });

  it('returns undefined for bodies that are not problems, without throwing', async () => {
    expect(await parseProblem(new Response('{}', { headers: { 'content-type': 'application/json' } }))).toBeUndefined();
    expect(await parseProblem(new Response('not json', { headers: { 'content-type': 'application/problem+json' } }))).toBeUndefined();
    expect(await parseProblem(new Response('"text"', { headers: { 'content-type': 'application/problem+json' } }))).toBeUndefined();
  });

  it('classifies 4xx as rejected with the detail, 5xx and 429 as unavailable with Retry-After', async () => {
    const rejected = await problemToError(problemResponse({ status: 400, type: 'urn:x', detail: 'Service not found' }), { now: 0, what: 'Waste' });
    expect(rejected).toBeInstanceOf(ConnectError);
    expect(rejected.reason).toBe('rejected');
    expect(rejected.retryable).toBe(false);
    expect(rejected.problem?.detail).toBe('Service not found');
    expect(rejected.message).toContain('Service not found');

    const busy = await problemToError(new Response('', { status: 429, headers: { 'retry-after': '7' } }), { now: 0 });
    expect(busy.reason).toBe('unavailable');
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterMs).toBe(7000);
    expect((await problemToError(new Response('', { status: 503 }), { now: 0 })).reason).toBe('unavailable');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-24T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
