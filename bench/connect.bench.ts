// Referrals delivered per second through the outbox dispatcher against a plain
// fetch loop, both to the same local node:http back office, in the same run.
//
//   pnpm bench connect
//
// The outbox does more per referral (claim with a lease, request validation,
// Idempotency-Key, response validation, recording the reference on the case
// through the engine, marking the message delivered); the ratio says what that
// reliability costs against fire-and-forget HTTP.
import { runConnectBenchmarks } from '../packages/connect/bench/throughput.js';
import { writeResult } from './lib.js';

const referrals = Number(process.env.CONNECT_BENCH_REFERRALS ?? 2000);
const concurrency = Number(process.env.CONNECT_BENCH_CONCURRENCY ?? 8);
const result = await runConnectBenchmarks(referrals, concurrency);
console.table([result.outbox, result.plainFetch]);
console.log(`ratio outbox / plain fetch: ${result.ratio.toFixed(2)}`);
writeResult('connect', {
  target: 'reliable delivery through the outbox keeps a useful share of plain fetch throughput (ratio reported, higher is better)',
  referrals,
  concurrency,
  subjects: [result.outbox, result.plainFetch],
  ratio: result.ratio,
});
