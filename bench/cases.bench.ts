// Case engine throughput: in memory against xstate v5's pure transition() on an
// equivalent machine (same states, same guard), in the same process.
//
//   pnpm bench cases
//
// Subjects (see packages/cases/bench/in-memory.ts, which lives in the package so
// xstate and zod resolve from its dependencies):
// - xstate transition(): pure, no persistence, no audit.
// - cases pure move: the engine's state move (guards, effects, next record), no store.
// - cases engine (memory store, no copies): a full command: validation, idempotency
//   lookup, access check, version check, audit event, idempotency record, commit.
// - cases engine (memory store, copying): the same with defensive copies, as shipped.
//
// The PostgreSQL/PGlite figures live in bench/cases-stores.ts (owned by
// @councilkit/store-postgres): when that file exists this benchmark calls its
// exported runCaseStoreBenchmarks(), which writes bench/results/cases-stores.json;
// its per-row figures are also written into bench/results/cases.json.
// Set CASES_BENCH_SKIP_STORES=1 to skip it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInMemoryBenchmarks } from '../packages/cases/bench/in-memory.js';
import { measure, writeResult } from './lib.js';

const operations = Number(process.env.CASES_BENCH_OPS ?? 30_000);
const inMemory = await runInMemoryBenchmarks(measure, operations);

let stores: unknown;
const storesFile = join(process.cwd(), 'bench', 'cases-stores.ts');
if (process.env.CASES_BENCH_SKIP_STORES !== '1' && existsSync(storesFile)) {
  const mod = (await import(pathToFileURL(storesFile).href)) as { runCaseStoreBenchmarks?: () => Promise<unknown> };
  if (typeof mod.runCaseStoreBenchmarks === 'function') stores = await mod.runCaseStoreBenchmarks();
}

writeResult('cases', {
  target: 'in-memory engine transitions at least as fast as xstate v5 pure transition() (ratio >= 1)',
  ...inMemory,
  // The persisted figures (each backend and concurrency: raw INSERT ceiling, transitions, ratios) are
  // repeated here so one file answers the question; every round and measurement is in cases-stores.json.
  ...(stores === undefined ? {} : { persisted: { details: 'bench/results/cases-stores.json', rows: stores } }),
});
