// The crash test of issue 4: dispatchers as separate processes share the real
// PostgreSQL store and deliver referrals to a toy back office that fails 20% of
// calls (503, some with Retry-After, some after acting) and is slow 10% of the
// time. Dispatcher processes are killed with SIGKILL mid-delivery and replaced.
// At the end every referral had exactly one effect at the back office, none was
// lost and none is stuck. Runs only with TEST_DATABASE_URL (CI sets it).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCaseEngine } from '@councilkit/cases';
import type { OutboxMessage } from '@councilkit/cases';
import { createPostgresStore } from '@councilkit/store-postgres';
import type { SqlCaseStore } from '@councilkit/store-postgres';
import { describe, expect, it } from 'vitest';
import { startFlakyBackOffice } from '../test/crash-back-office.js';
import type { FlakyBackOffice } from '../test/crash-back-office.js';
import { referralCaseType } from '../test/crash-scenario.js';

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl) {
  console.log('[connect] TEST_DATABASE_URL is not set: the crash test (dispatcher processes killed with SIGKILL against PostgreSQL) is SKIPPED.');
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const workerScript = join(packageDir, 'test', 'crash-worker.ts');

const REFERRALS = 200;
const STARTING_WORKERS = 3;
/** Kill a dispatcher once this share of referrals is delivered (and it is holding a call the back office has acted on). */
const KILL_AT = [0.15, 0.4, 0.65] as const;
/** From the first dispatcher starting to the last referral delivered. */
const BOUND_MS = 45_000;

interface WorkerEvent {
  worker: string;
  type: string;
  key?: string;
  reason?: string;
  error?: string;
}

interface Worker {
  id: string;
  child: ChildProcess;
  ready: boolean;
  events: WorkerEvent[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Kill {
  victim: string;
  deliveredAtKill: number;
  /** Keys the back office had already acted on while still holding the victim's call. */
  actedOnInFlight: string[];
  /** Outbox rows still leased to the victim just after it died. */
  leasedAtKill: string[];
  signal: NodeJS.Signals | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function startWorker(id: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--conditions=@councilkit/source', '--import', 'tsx', workerScript], {
    cwd: packageDir,
    env: { ...process.env, ...env, CRASH_WORKER_ID: id },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: Worker = {
    id,
    child,
    ready: false,
    events: [],
    stderr: [],
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const event = JSON.parse(line) as WorkerEvent;
      if (event.type === 'ready') worker.ready = true;
      worker.events.push(event);
    } catch {
      worker.stderr.push(line);
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => worker.stderr.push(line));
  return worker;
}

async function deliveredCount(store: SqlCaseStore): Promise<number> {
  return (await store.listOutbox({ destination: 'office', statuses: ['delivered'] })).length;
}

describe.skipIf(!databaseUrl)('crash test: dispatcher processes killed with SIGKILL on PostgreSQL', () => {
  it(`delivers ${REFERRALS} referrals exactly once in effect through faults and ${KILL_AT.length} kills, none lost, none stuck`, async () => {
    const schema = `connect_crash_${process.pid}_${Date.now().toString(36)}`;
    const seed = Date.now() % 2 ** 31;
    const store = await createPostgresStore({ connectionString: databaseUrl ?? '', schema, poolSize: 8 });
    let office: FlakyBackOffice | undefined;
    const workers: Worker[] = [];
    try {
      office = await startFlakyBackOffice({
        failRate: 0.2,
        slowRate: 0.1,
        failAfterEffectShare: 0.25,
        retryAfterShare: 0.3,
        slowMs: [400, 900],
        normalMs: [10, 30],
        seed,
      });

      // Open and refer the cases through the real engine: each refer writes its outbox message in the case's commit.
      const engine = createCaseEngine({ store, caseTypes: [referralCaseType] });
      const actor = { id: 'agent-crash', teams: ['contact-centre'] };
      const caseIds: string[] = [];
      for (let start = 0; start < REFERRALS; start += 8) {
        const batch = Array.from({ length: Math.min(8, REFERRALS - start) }, async (_, offset) => {
          const index = start + offset;
          const opened = await engine.open({ actor, idempotencyKey: `crash-${index}-open`, caseType: 'crash.referral', channel: 'phone', data: { uprn: 100_000 + index } });
          await engine.transition({ actor, idempotencyKey: `crash-${index}-refer`, caseId: opened.caseId, transition: 'refer' });
          return opened.caseId;
        });
        caseIds.push(...(await Promise.all(batch)));
      }
      const written = await store.listOutbox({ destination: 'office' });
      expect(written).toHaveLength(REFERRALS);
      expect(written.every((message) => message.status === 'pending' && message.attempts === 0)).toBe(true);

      const env = { CRASH_DATABASE_URL: databaseUrl ?? '', CRASH_SCHEMA: schema, CRASH_OFFICE_URL: office.url };
      let spawned = 0;
      const spawnWorker = () => {
        spawned += 1;
        const worker = startWorker(`dispatcher-${spawned}`, env);
        workers.push(worker);
        return worker;
      };
      const began = Date.now();
      for (let index = 0; index < STARTING_WORKERS; index += 1) spawnWorker();
      const live = new Set(workers);

      const kills: Kill[] = [];
      for (const share of KILL_AT) {
        const threshold = Math.ceil(REFERRALS * share);
        for (;;) {
          if (Date.now() - began > BOUND_MS) throw new Error(`Timed out waiting to kill at ${threshold} delivered`);
          const delivered = await deliveredCount(store);
          if (delivered >= REFERRALS) throw new Error(`All ${REFERRALS} referrals were delivered before kill ${kills.length + 1}: the run is too fast to test a crash`);
          const victim = delivered >= threshold ? [...live].find((worker) => worker.ready && office!.inFlightWithEffect(worker.id).length > 0) : undefined;
          if (victim) {
            // Snapshot and kill in the same tick: the back office runs in this process, so none of the victim's held calls can be answered in between.
            const actedOnInFlight = office.inFlightWithEffect(victim.id).map((call) => call.key);
            victim.child.kill('SIGKILL');
            const leasedAtKill = (await store.listOutbox({ destination: 'office', statuses: ['pending'] }))
              .filter((message) => message.leaseOwner === victim.id)
              .map((message) => message.id);
            const { signal } = await victim.exited;
            live.delete(victim);
            kills.push({ victim: victim.id, deliveredAtKill: delivered, actedOnInFlight, leasedAtKill, signal });
            live.add(spawnWorker());
            break;
          }
          await sleep(10);
        }
      }

      let delivered = await deliveredCount(store);
      while (delivered < REFERRALS && Date.now() - began < BOUND_MS) {
        await sleep(100);
        delivered = await deliveredCount(store);
      }
      const elapsedMs = Date.now() - began;

      for (const worker of live) worker.child.kill('SIGTERM');
      const stops = await Promise.all([...live].map((worker) => worker.exited));

      const calls = office.calls;
      const failures = calls.filter((call) => call.outcome.startsWith('fail'));
      const summary = {
        seed,
        elapsedMs,
        calls: calls.length,
        failed503: failures.length,
        withRetryAfter: failures.filter((call) => call.retryAfter).length,
        failedAfterActing: failures.filter((call) => call.outcome === 'fail-after-effect').length,
        slow: calls.filter((call) => call.slow).length,
        replays: calls.filter((call) => call.outcome === 'replay').length,
        kills: kills.map((kill) => ({ victim: kill.victim, deliveredAtKill: kill.deliveredAtKill, actedOnInFlight: kill.actedOnInFlight.length, leased: kill.leasedAtKill.length })),
        processes: spawned,
      };
      console.log(`[connect] crash test: ${JSON.stringify(summary)}`);
      const diagnostics = workers.flatMap((worker) => [...worker.stderr, ...worker.events.filter((event) => event.type === 'error' || event.type === 'incident').map((event) => JSON.stringify(event))]);

      // Bounded: everything delivered well within the bound, and the survivors stopped cleanly.
      expect(delivered, `delivered ${delivered} of ${REFERRALS} in ${elapsedMs} ms; worker output:\n${diagnostics.slice(0, 20).join('\n')}`).toBe(REFERRALS);
      expect(stops.every((stop) => stop.code === 0)).toBe(true);

      // The kills really happened, mid-run, while the victim was holding calls the back office had acted on.
      expect(kills).toHaveLength(KILL_AT.length);
      for (const kill of kills) {
        expect(kill.signal).toBe('SIGKILL');
        expect(kill.deliveredAtKill).toBeGreaterThan(0);
        expect(kill.deliveredAtKill).toBeLessThan(REFERRALS);
        expect(kill.actedOnInFlight.length).toBeGreaterThan(0);
        expect(kill.leasedAtKill.length).toBeGreaterThan(0);
      }

      // Faults were really injected, near the planned rates.
      expect(calls.length).toBeGreaterThan(REFERRALS);
      expect(failures.length / calls.length).toBeGreaterThan(0.1);
      expect(failures.length / calls.length).toBeLessThan(0.3);
      expect(summary.withRetryAfter).toBeGreaterThan(0);
      expect(summary.failedAfterActing).toBeGreaterThan(0);
      expect(summary.slow / calls.length).toBeGreaterThan(0.04);
      expect(calls.filter((call) => call.outcome === 'conflict' || call.outcome === 'bad-request')).toEqual([]);

      // Exactly once in effect: one effect per referral, none for any case twice.
      expect(office.effects.size).toBe(REFERRALS);
      const effectsPerCase = new Map<string, number>();
      for (const effect of office.effects.values()) effectsPerCase.set(effect.caseId, (effectsPerCase.get(effect.caseId) ?? 0) + 1);
      expect(effectsPerCase.size).toBe(REFERRALS);
      expect([...effectsPerCase.values()].every((count) => count === 1)).toBe(true);
      expect(new Set(effectsPerCase.keys())).toEqual(new Set(caseIds));

      // A call cut off by a kill was redelivered with the same key and answered from the first effect.
      for (const kill of kills) {
        for (const key of kill.actedOnInFlight) expect(office.hitsByKey.get(key) ?? 0).toBeGreaterThanOrEqual(2);
      }

      // None lost, none stuck: every message delivered, no lease left, nothing pending or parked.
      const final = await store.listOutbox({ destination: 'office' });
      expect(final).toHaveLength(REFERRALS);
      const notDelivered = final.filter((message: OutboxMessage) => message.status !== 'delivered');
      expect(notDelivered).toEqual([]);
      expect(final.filter((message) => message.leaseOwner !== undefined || message.leaseExpiresAt !== undefined)).toEqual([]);
      expect(await store.listIncidents()).toEqual([]);
      const leasedByVictims = new Set(kills.flatMap((kill) => kill.leasedAtKill));
      expect(final.filter((message) => leasedByVictims.has(message.id) && message.attempts < 2)).toEqual([]);

      // Each case carries the back office's one reference for its referral.
      const byKey = new Map(final.map((message) => [message.caseId, message.idempotencyKey]));
      for (const caseId of caseIds) {
        const record = await store.getCase(caseId);
        const effect = office.effects.get(byKey.get(caseId) ?? '');
        expect(record?.externalReferences.map((found) => found.reference)).toEqual([effect?.reference]);
      }
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((worker) => worker.exited));
      await office?.close();
      await store.driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
    }
  }, 120_000);
});
