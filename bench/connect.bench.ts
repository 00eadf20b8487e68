// Two comparisons, each against plain fetch to the same local node:http server
// in the same run:
//
//   pnpm bench connect
//
// 1. Referrals delivered per second through the outbox dispatcher against a
//    plain fetch loop. The outbox does more per referral (claim with a lease,
//    request validation, Idempotency-Key, response validation, recording the
//    reference on the case through the engine, marking the message delivered);
//    the ratio says what that reliability costs against fire-and-forget HTTP.
// 2. The typed waste client's per-call overhead against raw fetch: getProperty
//    on the waste mock served over node:http through its toFetchHandler, many
//    sequential calls alternating client and raw fetch, medians. Target: the
//    client takes at most 1.15x the time of raw fetch.
import { runConnectBenchmarks } from '../packages/connect/bench/throughput.js';
import { runClientOverhead } from '../packages/waste/bench/client-overhead.js';
import { writeResult } from './lib.js';

const referrals = Number(process.env.CONNECT_BENCH_REFERRALS ?? 2000);
const concurrency = Number(process.env.CONNECT_BENCH_CONCURRENCY ?? 8);
const overheadCalls = Number(process.env.CONNECT_BENCH_CLIENT_CALLS ?? 5000);

const result = await runConnectBenchmarks(referrals, concurrency);
console.table([result.outbox, result.plainFetch]);
console.log(`ratio outbox / plain fetch: ${result.ratio.toFixed(2)}`);

const overhead = await runClientOverhead(overheadCalls);
console.table([overhead.rawFetch, overhead.rawFetchWithTimeout, overhead.client]);
console.log(
  `typed client / raw fetch: ${overhead.ratio.toFixed(3)}x on medians (${overhead.trimmedMeanRatio.toFixed(3)}x on trimmed means), ` +
    `+${overhead.overheadMicros.toFixed(1)} µs per call; ${overhead.ratioAgainstRawWithTimeout.toFixed(3)}x against raw fetch with the same timeout signal; with no network the client's own work is +${overhead.inProcess.overheadMicros.toFixed(1)} µs per call`,
);

writeResult('connect', {
  target: 'reliable delivery through the outbox keeps a useful share of plain fetch throughput (ratio reported, higher is better)',
  referrals,
  concurrency,
  subjects: [result.outbox, result.plainFetch],
  ratio: result.ratio,
  clientOverhead: {
    target: 'typed waste client per call at most 1.15x raw fetch to the same server (lower is better)',
    withinTarget: overhead.ratio <= 1.15,
    ...overhead,
  },
});
