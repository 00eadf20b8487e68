import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, problemOf, startApp } from './harness.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ bodyLimitBytes: 8 * 1024 });
});
afterAll(async () => {
  await running.stop();
});

const hostileStrings = [
  "' OR 1=1; --",
  "Robert'); DROP TABLE cases;--",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.exit(1)}',
  '../../etc/passwd',
  '\u0000\u202e',
  'x'.repeat(5000),
];

describe('JSON API errors are problem+json, never 500', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const client = createClient(running.url);
    const response = await client.request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('refuses a body that is not JSON with 400', async () => {
    const client = createClient(running.url);
    const response = await client.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "agent", ',
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).type).toBe('/problems/malformed-json');
  });

  it('refuses the wrong media type with 415', async () => {
    const client = createClient(running.url);
    const response = await client.request('/api/session', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).type).toBe('/problems/unsupported-media-type');
  });

  it('refuses wrong types with 422 and points at the field', async () => {
    const client = createClient(running.url);
    const response = await client.json('/api/session', 'POST', { username: 42, password: ['x'] });
    expect(response.status).toBe(422);
    const body = (await problemOf(response)) as { errors: Array<{ pointer: string }> };
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/password', '/username']);
  });

  it('refuses an oversized body with 413', async () => {
    const client = createClient(running.url);
    const response = await client.json('/api/session', 'POST', { username: 'agent', password: 'p'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect((await problemOf(response)).type).toBe('/problems/payload-too-large');
  });

  it('answers hostile strings with 4xx and does not sign anyone in', async () => {
    const client = createClient(running.url);
    for (const value of hostileStrings) {
      const response = await client.json('/api/session', 'POST', { username: value, password: value });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      await problemOf(response);
    }
    expect((await client.request('/api/session')).status).toBe(401);
  });

  it('answers odd and hostile paths without a server error, and serves nothing outside its folders', async () => {
    const client = createClient(running.url);
    await client.signIn();
    const paths = [
      '/cases/%E0%A4%A',
      '/residents/%00',
      '/api/cases/%E0%A4%A',
      '/api/residents/%2e%2e%2f%2e%2e',
      '/portal/missed-bin/%2e%2e',
      '/portal/no-such-journey',
      '/govuk/..%2f..%2f..%2fpackage.json',
      '/public/%2e%2e/package.json',
      '/assets/%00',
      '/desktop?q=%E0%A4%A',
      '/desktop/lookups?reference=%00&postcode=%00',
      '/cases/new?type=%00&citizenId=%00',
    ];
    for (const path of paths) {
      const response = await client.request(path);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.text(), path).not.toContain('"name": "@councilkit/example-contact-centre"');
    }
  });

  it('needs a session for protected routes', async () => {
    const client = createClient(running.url);
    const response = await client.request('/api/session');
    expect(response.status).toBe(401);
    expect((await problemOf(response)).type).toBe('/problems/unauthenticated');
  });
});

describe('sessions and CSRF', () => {
  it('sets a signed, HttpOnly, SameSite=Lax, Secure session cookie', async () => {
    const client = createClient(running.url);
    const response = await client.json('/api/session', 'POST', { username: 'agent', password: 'agent-password-demo' });
    expect(response.status).toBe(201);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('councilkit_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });

  it('rejects a wrong password with 401 and a tampered cookie as signed out', async () => {
    const client = createClient(running.url);
    const wrong = await client.json('/api/session', 'POST', { username: 'agent', password: 'guess' });
    expect(wrong.status).toBe(401);
    await client.signIn();
    const value = client.jar.get('councilkit_session')!;
    client.jar.set('councilkit_session', value.slice(0, -2) + (value.endsWith('AA') ? 'BB' : 'AA'));
    expect((await client.request('/api/session')).status).toBe(401);
  });

  it('rejects an API write with a forged CSRF token and changes nothing', async () => {
    const client = createClient(running.url);
    await client.signIn();
    const forged = await client.request('/api/session', { method: 'DELETE', headers: { 'x-csrf-token': 'forged' } });
    expect(forged.status).toBe(403);
    expect((await problemOf(forged)).type).toBe('/problems/csrf-failed');
    expect((await client.request('/api/session')).status).toBe(200);
  });

  it('rejects an HTML form with a forged CSRF token with a 403 page', async () => {
    const client = createClient(running.url);
    await client.pageToken('/sign-in');
    const response = await client.form('/sign-in', { _csrf: 'forged', username: 'agent', password: 'agent-password-demo' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Your form could not be submitted');
    expect((await client.request('/api/session')).status).toBe(401);
  });

  it('signs in through the form with a real token, rotates the session, and signs out', async () => {
    const client = createClient(running.url);
    const token = await client.pageToken('/sign-in');
    const before = client.jar.get('councilkit_session');
    const response = await client.form('/sign-in', { _csrf: token, username: 'agent', password: 'agent-password-demo', next: '//evil.example' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/desktop');
    expect(client.jar.get('councilkit_session')).not.toBe(before);
    // The old token died with the old session id.
    expect((await client.form('/sign-out', { _csrf: token })).status).toBe(403);
    const desktopToken = await client.pageToken('/desktop');
    expect((await client.form('/sign-out', { _csrf: desktopToken })).status).toBe(303);
    expect((await client.request('/desktop')).status).toBe(303);
  });

  it('shows GOV.UK error summary on a blank sign-in', async () => {
    const client = createClient(running.url);
    const token = await client.pageToken('/sign-in');
    const response = await client.form('/sign-in', { _csrf: token, username: '', password: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Enter your username');
  });
});

describe('OpenAPI description', () => {
  it('describes every API operation with problem+json errors', async () => {
    const client = createClient(running.url);
    const response = await client.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/session']).toBeDefined();
    for (const operations of Object.values(doc.paths)) {
      for (const op of Object.values(operations)) {
        expect(JSON.stringify(op.responses)).toContain('application/problem+json');
      }
    }
  });

  it('names every operation once and declares every path parameter', async () => {
    const client = createClient(running.url);
    const doc = (await (await client.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string }> }>>;
    };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['signIn', 'searchResidents', 'raiseCase', 'getCase', 'transitionCase', 'workQueue', 'listIncidents', 'metrics']));
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        for (const name of names) expect(op.parameters?.some((p) => p.in === 'path' && p.name === name)).toBe(true);
      }
    }
  });
});
