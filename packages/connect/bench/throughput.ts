// Referral delivery throughput through the outbox, against a plain fetch loop,
// both posting to the same local node:http back office in the same process.
// Lives in the package so zod and @councilkit/cases resolve from its dependencies;
// bench/connect.bench.ts runs it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCaseEngine, createMemoryStore, defineCaseType } from '@councilkit/cases';
import { z } from 'zod';
import { createDispatcher, defineBackOffice } from '../src/index.js';

/** One measured subject. */
export interface Subject {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
}

const caseType = defineCaseType({
  name: 'bench.referral',
  version: 1,
  schema: z.object({ uprn: z.number() }),
  initial: 'received',
  states: { received: {}, referred: {}, closed: { terminal: true } },
  transitions: { refer: { from: 'received', to: 'referred', effects: ['send'] }, close: { from: 'referred', to: 'closed' } },
  effects: { send: { kind: 'refer', destination: 'bench', operation: 'report', payload: (ctx) => ({ uprn: ctx.data.uprn, caseId: ctx.case.id }) } },
});

/** A local back office that de-duplicates by Idempotency-Key, like a real one should. */
async function startBackOffice() {
  const seen = new Map<string, string>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      JSON.parse(body);
      const key = String(request.headers['idempotency-key'] ?? '');
      const reference = seen.get(key) ?? `REF-${seen.size + 1}`;
      seen.set(key, reference);
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ reference }));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function median(rounds: number, run: () => Promise<{ seconds: number }>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) times.push((await run()).seconds);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/**
 * Time `referrals` deliveries each way with the same concurrency:
 * - outbox: cases referred through the engine (untimed), then dispatchers drain the outbox
 *   (claim with lease, validate, POST with Idempotency-Key, record the reference on the case, mark delivered).
 * - plain fetch: the same POSTs from a loop with no store, no validation, no bookkeeping.
 */
export async function runConnectBenchmarks(referrals: number, concurrency: number): Promise<{ outbox: Subject; plainFetch: Subject; ratio: number }> {
  const office = await startBackOffice();
  const backOffice = defineBackOffice({
    name: 'bench',
    baseUrl: office.url,
    caseTypes: ['bench.referral'],
    operations: {
      report: { method: 'POST', path: '/reports', request: z.object({ uprn: z.number(), caseId: z.string() }), response: z.object({ reference: z.string() }) },
    },
    outbox: { report: { operation: 'report', reference: (response) => response.reference } },
  });
  const actor = { id: 'bench', teams: [] };
  let runCounter = 0;

  try {
    const outboxSeconds = await median(3, async () => {
      runCounter += 1;
      const store = createMemoryStore();
      const engine = createCaseEngine({ store, caseTypes: [caseType] });
      for (let index = 0; index < referrals; index += 1) {
        const opened = await engine.open({ actor, idempotencyKey: `${runCounter}-${index}-o`, caseType: 'bench.referral', channel: 'web', data: { uprn: index + 1 } });
        await engine.transition({ actor, idempotencyKey: `${runCounter}-${index}-r`, caseId: opened.caseId, transition: 'refer' });
      }
      const dispatcher = createDispatcher({ store, engine, backOffices: [backOffice], workerId: 'bench', batchSize: 200, concurrency });
      const start = process.hrtime.bigint();
      let delivered = 0;
      for (;;) {
        const report = await dispatcher.dispatchOnce();
        delivered += report.delivered;
        if (report.claimed === 0) break;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (delivered !== referrals) throw new Error(`delivered ${delivered} of ${referrals}`);
      return { seconds };
    });

    const plainSeconds = await median(3, async () => {
      runCounter += 1;
      const start = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < referrals) {
            const index = next;
            next += 1;
            const response = await fetch(`${office.url}/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': `plain-${runCounter}-${index}` },
              body: JSON.stringify({ uprn: index + 1, caseId: `case-${index}` }),
            });
            await response.json();
          }
        }),
      );
      return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    });

    const outbox = { name: `outbox dispatcher (memory store, concurrency ${concurrency})`, operations: referrals, seconds: outboxSeconds, perSecond: referrals / outboxSeconds };
    const plainFetch = { name: `plain fetch loop (concurrency ${concurrency})`, operations: referrals, seconds: plainSeconds, perSecond: referrals / plainSeconds };
    return { outbox, plainFetch, ratio: outbox.perSecond / plainFetch.perSecond };
  } finally {
    await office.close();
  }
}
