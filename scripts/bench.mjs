#!/usr/bin/env node
// pnpm bench [name ...]: run bench/<name>.bench.ts (all of them with no name).
// Each benchmark runs its baseline or competitor in the same process and writes
// bench/results/<name>.json. Benchmarks run against source, like the tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== bench ${name}`);
  const run = spawnSync(
    process.execPath,
    ['--conditions=@councilkit/source', '--expose-gc', '--import', 'tsx', `bench/${name}.bench.ts`],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
