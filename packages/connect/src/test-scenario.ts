// Test-only (not exported, not published): the missed-bin case type, a waste
// back office declared for it, and a small msw waste back office, shared by
// the end-to-end tests on every store.
import { createCaseEngine, defineCaseType } from '@councilkit/cases';
import { http, HttpResponse } from 'msw';
import type { SetupServerApi } from 'msw/node';
import { z } from 'zod';
import { defineBackOffice } from './back-office.js';
import type { StatusUpdate } from './status.js';

export const base = 'https://waste.test/api';

export const missedBin = defineCaseType({
  name: 'waste.missed-collection',
  version: 1,
  title: 'Missed bin collection',
  schema: z.object({ uprn: z.string(), bins: z.array(z.string()).min(1) }),
  initial: 'received',
  states: {
    received: { owner: { team: 'contact-centre' } },
    referred: { owner: { team: 'waste', queue: 'missed' } },
    resolved: { resolved: true },
    closed: { terminal: true },
  },
  transitions: {
    refer: { from: 'received', to: 'referred', effects: ['tellCrew'] },
    collected: { from: 'referred', to: 'resolved' },
    withdraw: { from: ['received', 'referred'], to: 'closed' },
  },
  effects: {
    tellCrew: {
      kind: 'refer',
      destination: 'waste',
      operation: 'reportMissedCollection',
      payload: (ctx) => ({ uprn: Number(ctx.data.uprn), serviceId: ctx.data.bins[0] ?? 'refuse', caseId: ctx.case.id }),
    },
  },
});

export const waste = defineBackOffice({
  name: 'waste',
  title: 'the waste system',
  baseUrl: base,
  caseTypes: ['waste.missed-collection'],
  operations: {
    reportMissedCollection: {
      method: 'POST',
      path: '/missed-collections',
      request: z.object({ uprn: z.number().int(), serviceId: z.string(), caseId: z.string() }),
      response: z.object({ reference: z.string(), status: z.string() }),
    },
  },
  outbox: { reportMissedCollection: { operation: 'reportMissedCollection', reference: (response) => response.reference } },
  statusSync: { polling: { path: '/updates' }, push: true },
});

export const statusMap = { 'waste.missed-collection': { fixed: 'collected', not_councils_responsibility: 'withdraw', action_scheduled: null } };

/** A small waste back office: de-duplicates by Idempotency-Key, can be told to fail, serves an updates feed. */
export function wasteBackOffice(server: SetupServerApi, prefix = 'WM') {
  const jobs = new Map<string, { reference: string; body: unknown }>();
  const hits: string[] = [];
  const feed: StatusUpdate[] = [];
  let failures: Array<() => Response> = [];
  server.use(
    http.post(`${base}/missed-collections`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? '';
      hits.push(key);
      const fail = failures.shift();
      if (fail) return fail();
      const existing = jobs.get(key);
      if (existing) return HttpResponse.json({ reference: existing.reference, status: 'open' }, { status: 201 });
      const reference = `${prefix}-${jobs.size + 1}`;
      jobs.set(key, { reference, body: await request.json() });
      return HttpResponse.json({ reference, status: 'open' }, { status: 201 });
    }),
    http.get(`${base}/updates`, ({ request }) => {
      const since = Number(new URL(request.url).searchParams.get('since') ?? '0');
      return HttpResponse.json({ updates: feed.slice(since), cursor: String(feed.length) });
    }),
  );
  return {
    hits,
    jobs,
    feed,
    failNext: (...responses: Array<() => Response>) => {
      failures = responses;
    },
  };
}

export const agent = { id: 'agent-1', teams: ['contact-centre'] };
export const supervisor = { id: 'sup-1', teams: ['waste'], roles: ['supervisor'] };

export async function openAndRefer(engine: ReturnType<typeof createCaseEngine>, key: string): Promise<string> {
  const opened = await engine.open({ actor: agent, idempotencyKey: `${key}-open`, caseType: 'waste.missed-collection', channel: 'phone', data: { uprn: '100023336956', bins: ['refuse'] } });
  await engine.transition({ actor: agent, idempotencyKey: `${key}-refer`, caseId: opened.caseId, transition: 'refer' });
  return opened.caseId;
}
