import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, type ContactCentreApp, createApp } from '../src/app.js';

/** A running app on an ephemeral port. */
export interface RunningApp {
  url: string;
  app: ContactCentreApp;
  stop(): Promise<void>;
}

/** Start the app on 127.0.0.1 with an ephemeral port, in memory unless told otherwise. */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const app = await createApp({ inMemory: true, sessionSecret: 'test-secret-that-is-at-least-32-characters', ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    app,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

/** Every status any test client saw, so a suite can assert it never caused a 500. */
export const seenStatuses: Array<{ path: string; status: number }> = [];

/** A fetch that keeps cookies between requests, like a browser would. */
export function createClient(base: string) {
  const jar = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(base + path, { ...init, headers, redirect: 'manual' });
    seenStatuses.push({ path: `${init.method ?? 'GET'} ${path}`, status: response.status });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    jar,
    request,
    json: (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
      request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    form: (path: string, fields: Record<string, string>) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }),
    /** Sign in through the API; returns the CSRF token. */
    async signIn(username = 'agent', password = 'agent-password-demo'): Promise<string> {
      const response = await this.json('/api/session', 'POST', { username, password });
      if (response.status !== 201) throw new Error(`sign-in failed: ${response.status}`);
      return ((await response.json()) as { csrfToken: string }).csrfToken;
    },
    /** The CSRF token embedded in an HTML page's forms. */
    async pageToken(path: string): Promise<string> {
      const html = await (await request(path)).text();
      const match = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!match) throw new Error(`no CSRF token on ${path}`);
      return match[1]!;
    },
  };
}

/** Assert-friendly read of a problem+json response. */
export async function problemOf(response: Response): Promise<{ type: string; status: number; title: string; errors?: unknown[] }> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}: ${await response.text()}`);
  return (await response.json()) as { type: string; status: number; title: string };
}
