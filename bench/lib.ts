import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** One measured subject: what ran, how many operations, how long. */
export interface Measurement {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
}

/** Run `fn` once to warm up, then time `rounds` runs and keep the median. */
export async function measure(name: string, operations: number, fn: () => unknown, rounds = 3): Promise<Measurement> {
  await fn();
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)] ?? 0;
  return { name, operations, seconds, perSecond: operations / seconds };
}

/** Write `bench/results/<name>.json` with the machine it ran on. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const body = {
    benchmark: name,
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return file;
}

/**
 * Run every subject once a round for `rounds` rounds, and answer each one's
 * results in the order run. Shared machines are noisy, so subjects are
 * interleaved rather than run one after another, and each round starts one
 * subject further on, so no subject always runs right after the same heavy one
 * (whose garbage, dirty pages or housekeeping it would otherwise always inherit).
 */
export async function interleave<T>(subjects: ReadonlyArray<readonly [string, () => Promise<T>]>, rounds: number): Promise<Map<string, T[]>> {
  const samples = new Map<string, T[]>(subjects.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < subjects.length; k += 1) {
      const [name, fn] = subjects[(round + k) % subjects.length]!;
      samples.get(name)!.push(await fn());
    }
  }
  return samples;
}
