// In-memory part of the case benchmark, kept inside the package so that xstate
// and zod resolve from @councilkit/cases' own dependencies. Run through
// bench/cases.bench.ts (`pnpm bench cases`).
import { createMachine, initialTransition, transition } from 'xstate';
import { z } from 'zod';
import { applyTransition } from '../src/engine/transition.js';
import { createCaseEngine, createMemoryStore, createWorkingDayCalendar, defineCaseType } from '../src/index.js';
import type { CaseRecord } from '../src/index.js';

/** One measured subject (same shape as bench/lib.ts Measurement). */
export interface Measured {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
}

/** Subjects and ratios against xstate. */
export interface InMemoryBenchResult {
  operations: number;
  rounds: number;
  route: readonly string[];
  ratios: { pureMoveVsXstate: number; engineNoCopyVsXstate: number; engineWithCopiesVsXstate: number };
  measurements: Measured[];
}

type Measure = (name: string, operations: number, fn: () => unknown) => Promise<Measured>;

/** Run the in-memory comparison with the caller's measure() (bench/lib.ts). */
export async function runInMemoryBenchmarks(measure: Measure, operations = 30_000, rounds = 5): Promise<InMemoryBenchResult> {
  const OPS = operations;
  const ROUTE = ['refer', 'collected', 'again'] as const;

  const caseType = defineCaseType({
    name: 'bench.cycle',
    version: 1,
    schema: z.object({ bins: z.array(z.string()) }),
    initial: 'received',
    states: { received: {}, referred: {}, resolved: { resolved: true } },
    transitions: {
      refer: { from: 'received', to: 'referred', guards: ['hasBins'] },
      collected: { from: 'referred', to: 'resolved' },
      again: { from: 'resolved', to: 'received' },
    },
    guards: { hasBins: (ctx) => ctx.data.bins.length > 0 || 'Choose at least one bin' },
  });

  const machine = createMachine({
    id: 'bench.cycle',
    initial: 'received',
    context: { bins: ['green'] },
    states: {
      received: { on: { refer: { target: 'referred', guard: ({ context }) => context.bins.length > 0 } } },
      referred: { on: { collected: 'resolved' } },
      resolved: { on: { again: 'received' } },
    },
  });

  async function xstateRun(): Promise<void> {
    let [snapshot] = initialTransition(machine);
    for (let i = 0; i < OPS; i += 1) {
      [snapshot] = transition(machine, snapshot, { type: ROUTE[i % 3] as string });
    }
    if (typeof snapshot.value !== 'string') throw new Error('unexpected xstate state');
  }

  const calendar = createWorkingDayCalendar();
  const actor = { id: 'bench', teams: ['contact-centre'] };

  async function pureRun(): Promise<void> {
    let record: CaseRecord = {
      id: 'c1',
      caseType: caseType.name,
      caseTypeVersion: 1,
      state: 'received',
      status: 'open',
      version: 1,
      data: { bins: ['green'] },
      channel: 'phone',
      openedAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:00:00.000Z',
      reopenCount: 0,
      externalReferences: [],
      attachments: [],
    };
    let n = 0;
    const ctx = { caseType, calendar, actor, now: '2026-11-23T09:00:00.000Z', newId: () => `id-${(n += 1)}` };
    for (let i = 0; i < OPS; i += 1) {
      const draft = applyTransition(ctx, record, ROUTE[i % 3] as string, {});
      draft.record.version = record.version + 1;
      record = draft.record;
    }
  }

  function engineRun(copy: boolean) {
    return async () => {
      let n = 0;
      const engine = createCaseEngine({
        store: createMemoryStore({ copy }),
        caseTypes: [caseType],
        calendar,
        newId: () => `id-${(n += 1)}`,
      });
      const { caseId } = await engine.open({ actor, idempotencyKey: 'open', caseType: caseType.name, channel: 'phone', data: { bins: ['green'] } });
      for (let i = 0; i < OPS; i += 1) {
        await engine.transition({ actor, idempotencyKey: `t${i}`, caseId, transition: ROUTE[i % 3] as string });
      }
    };
  }

  // Shared CI machines are noisy: interleave the subjects round by round and keep each one's median.
  const subjects: [string, () => Promise<void>][] = [
    ['xstate v5 transition() (pure)', xstateRun],
    ['cases pure move (applyTransition)', pureRun],
    ['cases engine, memory store (copy: false)', engineRun(false)],
    ['cases engine, memory store (default copies)', engineRun(true)],
  ];
  const samples = new Map<string, Measured[]>(subjects.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, fn] of subjects) samples.get(name)?.push(await measure(name, OPS, fn));
  }
  const median = (name: string): Measured => {
    const list = [...(samples.get(name) ?? [])].sort((a, b) => a.perSecond - b.perSecond);
    return list[Math.floor(list.length / 2)] as Measured;
  };
  const [xstate, pure, engineNoCopy, engineCopy] = subjects.map(([name]) => median(name)) as [Measured, Measured, Measured, Measured];
  const measurements = [xstate, pure, engineNoCopy, engineCopy];
  for (const m of measurements) console.log(`${m.name.padEnd(48)} ${Math.round(m.perSecond).toLocaleString('en-GB').padStart(12)} /s`);

  const ratio = (m: { perSecond: number }) => Math.round((m.perSecond / xstate.perSecond) * 100) / 100;
  const ratios = {
    pureMoveVsXstate: ratio(pure),
    engineNoCopyVsXstate: ratio(engineNoCopy),
    engineWithCopiesVsXstate: ratio(engineCopy),
  };
  console.log(ratios);

  return {
    operations: OPS,
    rounds,
    route: ROUTE,
    ratios,
    measurements,
  };
}
