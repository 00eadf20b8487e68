// Engine-level workload for bench/cases-stores.ts, kept inside the package so
// zod and @councilkit/cases resolve from this package's dependencies.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createCaseEngine, createWorkingDayCalendar, defineCaseType } from '@councilkit/cases';
import type { CaseStore } from '@councilkit/cases';

const ROUTE = ['refer', 'collected', 'again'] as const;

const caseType = defineCaseType({
  name: 'bench.cycle',
  version: 1,
  schema: z.object({ uprn: z.string(), bins: z.array(z.string()) }),
  initial: 'received',
  states: { received: {}, referred: {}, resolved: { resolved: true } },
  transitions: {
    refer: { from: 'received', to: 'referred', guards: ['hasBins'] },
    collected: { from: 'referred', to: 'resolved' },
    again: { from: 'resolved', to: 'received' },
  },
  guards: { hasBins: (ctx) => ctx.data.bins.length > 0 || 'Choose at least one bin' },
});

/**
 * A ready engine with one open case per worker; `step(worker)` runs one transition command.
 * `threeReads` runs it as the engine did before `loadForCommand` and remembered
 * cases (idempotency read, case read, commit), as an in-run baseline.
 */
export async function prepareEngineWorkload(
  store: CaseStore,
  workers: number,
  options: { threeReads?: boolean } = {},
): Promise<(worker: number) => Promise<void>> {
  let used = store;
  if (options.threeReads) {
    used = Object.create(store) as CaseStore;
    Object.defineProperty(used, 'loadForCommand', { value: undefined });
  }
  const engine = createCaseEngine({ store: used, caseTypes: [caseType], calendar: createWorkingDayCalendar(), ...(options.threeReads ? { knownCases: 0 } : {}) });
  const actor = { id: 'bench-agent', teams: ['contact-centre'] };
  const cases: Array<{ caseId: string; n: number }> = [];
  for (let worker = 0; worker < workers; worker += 1) {
    const { caseId } = await engine.open({
      actor,
      idempotencyKey: randomUUID(),
      caseType: caseType.name,
      channel: 'phone',
      data: { uprn: '100023336956', bins: ['green'] },
    });
    cases.push({ caseId, n: 0 });
  }
  return async (worker) => {
    const mine = cases[worker]!;
    await engine.transition({ actor, idempotencyKey: randomUUID(), caseId: mine.caseId, transition: ROUTE[mine.n % 3]! });
    mine.n += 1;
  };
}
