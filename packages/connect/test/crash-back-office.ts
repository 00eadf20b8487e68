// Test-only (not published): a toy back office on node:http for the crash
// test. It fails a share of calls with 503 (some with Retry-After, some after
// it has already acted, as a gateway that times out would), answers a share
// slowly, and honours Idempotency-Key: the same key and body give the first
// answer and never a second effect. It records everything the test asserts on.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WORKER_HEADER } from './crash-scenario.js';

export interface FaultPlan {
  /** Share of calls answered 503. */
  failRate: number;
  /** Share of calls answered slowly. */
  slowRate: number;
  /** Of the failures, the share that happen after the effect (the caller never hears it worked). */
  failAfterEffectShare: number;
  /** Of the failures, the share that carry `Retry-After: 1`. */
  retryAfterShare: number;
  /** Slow answers take this long, in ms (uniform). */
  slowMs: readonly [number, number];
  /** Every other answer takes this long, in ms (uniform); paces the run so kills land mid-run. */
  normalMs: readonly [number, number];
  /** PRNG seed. */
  seed: number;
}

export interface Effect {
  key: string;
  reference: string;
  caseId: string;
  body: string;
}

export interface CallRecord {
  id: number;
  key: string;
  worker: string;
  caseId: string;
  outcome: 'effect' | 'replay' | 'fail-before-effect' | 'fail-after-effect' | 'conflict' | 'bad-request';
  slow: boolean;
  retryAfter: boolean;
  /** True once the effect for this key exists (at arrival for effects and fail-after-effect). */
  effectDone: boolean;
  finished: boolean;
}

/** mulberry32: small, seedable, good enough to spread faults. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFlakyBackOffice(plan: FaultPlan) {
  const random = seeded(plan.seed);
  const between = ([low, high]: readonly [number, number]) => low + Math.floor(random() * (high - low + 1));
  const effects = new Map<string, Effect>();
  const calls: CallRecord[] = [];
  const hitsByKey = new Map<string, number>();

  const problem = (response: ServerResponse, status: number, title: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    response.end(JSON.stringify({ type: `https://office.test/problems/${status}`, title, status }));
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    const key = String(request.headers['idempotency-key'] ?? '');
    const worker = String(request.headers[WORKER_HEADER] ?? '');
    let caseId = '';
    try {
      caseId = String((JSON.parse(body) as { caseId?: unknown }).caseId ?? '');
    } catch {
      // left empty: answered 400 below
    }
    const record: CallRecord = { id: calls.length + 1, key, worker, caseId, outcome: 'effect', slow: false, retryAfter: false, effectDone: false, finished: false };
    calls.push(record);
    hitsByKey.set(key, (hitsByKey.get(key) ?? 0) + 1);
    response.on('close', () => {
      record.finished = true;
    });
    if (request.method !== 'POST' || request.url !== '/reports' || key === '' || caseId === '') {
      record.outcome = 'bad-request';
      record.finished = true;
      return problem(response, 400, 'Bad request');
    }

    // Decide the faults for this call up front, all in one synchronous step, so two calls never interleave a decision.
    const fails = random() < plan.failRate;
    const afterEffect = fails && random() < plan.failAfterEffectShare;
    record.retryAfter = fails && random() < plan.retryAfterShare;
    record.slow = random() < plan.slowRate;
    const delay = record.slow ? between(plan.slowMs) : between(plan.normalMs);

    const existing = effects.get(key);
    if (existing && existing.body !== body) {
      record.outcome = 'conflict';
      await sleep(delay);
      return problem(response, 422, 'Idempotency-Key reused with a different body');
    }
    if (fails && !afterEffect) {
      record.outcome = 'fail-before-effect';
      record.effectDone = existing !== undefined;
      await sleep(delay);
      return problem(response, 503, 'Unavailable', record.retryAfter ? { 'retry-after': '1' } : {});
    }
    // The effect happens on arrival, before any slowness: a killed caller may never hear that it happened.
    let effect = existing;
    if (!effect) {
      effect = { key, reference: `OFF-${effects.size + 1}`, caseId, body };
      effects.set(key, effect);
      record.outcome = fails ? 'fail-after-effect' : 'effect';
    } else {
      record.outcome = fails ? 'fail-after-effect' : 'replay';
    }
    record.effectDone = true;
    await sleep(delay);
    if (fails) return problem(response, 503, 'Unavailable', record.retryAfter ? { 'retry-after': '1' } : {});
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ reference: effect.reference, status: 'open' }));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) problem(response, 500, 'Toy back office failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    effects,
    calls,
    hitsByKey,
    /** Calls from this worker the office is still holding, whose effect has already happened. */
    inFlightWithEffect: (worker: string) => calls.filter((call) => call.worker === worker && !call.finished && call.effectDone),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FlakyBackOffice = Awaited<ReturnType<typeof startFlakyBackOffice>>;
