// Test-only (not published): the case type and back-office declaration the
// crash test's parent process and its dispatcher child processes share.
import { defineCaseType } from '@councilkit/cases';
import { z } from 'zod';
import { defineBackOffice } from '../src/back-office.js';

/** Header a dispatcher process sends so the toy back office knows whose request it is holding when that process is killed. */
export const WORKER_HEADER = 'x-crash-worker';

export const referralCaseType = defineCaseType({
  name: 'crash.referral',
  version: 1,
  title: 'Referral under fire',
  schema: z.object({ uprn: z.number().int() }),
  initial: 'received',
  states: {
    received: { owner: { team: 'contact-centre' } },
    referred: { owner: { team: 'back-office' } },
    closed: { terminal: true },
  },
  transitions: {
    refer: { from: 'received', to: 'referred', effects: ['report'] },
    close: { from: 'referred', to: 'closed' },
  },
  effects: {
    report: { kind: 'refer', destination: 'office', operation: 'report', payload: (ctx) => ({ uprn: ctx.data.uprn, caseId: ctx.case.id }) },
  },
});

export function officeBackOffice(baseUrl: string, workerId: string) {
  return defineBackOffice({
    name: 'office',
    title: 'the flaky back office',
    baseUrl,
    caseTypes: ['crash.referral'],
    headers: () => ({ [WORKER_HEADER]: workerId }),
    operations: {
      report: {
        method: 'POST',
        path: '/reports',
        request: z.object({ uprn: z.number().int(), caseId: z.string() }),
        response: z.object({ reference: z.string(), status: z.literal('open') }),
      },
    },
    outbox: { report: { operation: 'report', reference: (response) => response.reference } },
  });
}

/** Dispatcher tuning for the crash run: short leases so a killed worker's messages come back within seconds. */
export const crashDispatcherTuning = {
  batchSize: 4,
  concurrency: 2,
  leaseMs: 3000,
  // 20% failures make 30 failures in a row vanishingly unlikely, so no message should become an incident.
  retry: { maxAttempts: 30, baseMs: 50, maxMs: 800 },
  // The breaker may open on a run of failures; keep the pause short so the run stays bounded.
  circuitBreaker: { failureThreshold: 8, openMs: 300 },
} as const;
