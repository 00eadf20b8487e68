// pnpm bench app: the contact-centre example under load.
//
// 1. Citizen search latency (p50/p95) over 100k seeded synthetic residents in
//    the SQL resident directory (createCitizenDirectory) on PGlite with
//    pg_trgm and on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL;
//    skipped when neither is set), with a realistic query mix: exact names,
//    typo'd names, postcodes and UPRNs. In the same run, the in-memory
//    createCitizenIndex over the same residents is the baseline.
// 2. Requests/s for raising a case through the example's JSON API under 50
//    concurrent clients (a bounded number of requests, loopback only),
//    against a bare JSON endpoint on the same server in the same run (ratio).
//
// BENCH_RESIDENTS overrides the resident count (default 100,000).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Citizen } from '../packages/citizen/src/index.js';
import { createCitizenIndex, type CitizenSearch, type CitizenSearchQuery } from '../packages/citizen/src/search/index.js';
import { createResidentGenerator } from '../packages/citizen/src/synthetic/index.js';
import { createCitizenDirectory, createPGliteDriver, createPostgresStore } from '../packages/store-postgres/src/index.js';
import { createApp } from '../examples/contact-centre/src/app.js';
// The workspace root depends on none of these; use the exact copies store-postgres and the example resolve.
import { PGlite } from '../packages/store-postgres/node_modules/@electric-sql/pglite/dist/index.js';
import { pg_trgm } from '../packages/store-postgres/node_modules/@electric-sql/pglite/dist/contrib/pg_trgm.js';
import { serve } from '../examples/contact-centre/node_modules/@hono/node-server/dist/index.mjs';
import { writeResult } from './lib.js';


const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const QUERIES = 400;
const CLIENTS = 50;
const REQUESTS = 2_000;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

console.log(`generating ${RESIDENTS.toLocaleString('en-GB')} synthetic residents...`);
const residents: Citizen[] = createResidentGenerator({ seed: 'bench-app-v1' }).residents(RESIDENTS);

// A deterministic query mix: a quarter each of exact names, typo'd names, postcodes and UPRNs.
function dropLetter(word: string): string {
  const i = Math.floor(word.length / 2);
  return word.length > 3 ? word.slice(0, i) + word.slice(i + 1) : word;
}
const queries: Array<{ kind: string; query: CitizenSearchQuery }> = [];
for (let i = 0; queries.length < QUERIES; i += 1) {
  const resident = residents[(i * 7919) % residents.length]!;
  const home = resident.addresses[0]?.address;
  const given = resident.name.given ?? '';
  const family = resident.name.family ?? '';
  switch (i % 4) {
    case 0:
      queries.push({ kind: 'exact name', query: { text: `${given} ${family}`, limit: 20 } });
      break;
    case 1:
      queries.push({ kind: "typo'd name", query: { text: `${given} ${dropLetter(family)}`, limit: 20 } });
      break;
    case 2:
      if (home?.postcode) queries.push({ kind: 'postcode', query: { text: home.postcode, limit: 20 } });
      break;
    default:
      if (home?.uprn) queries.push({ kind: 'uprn', query: { text: home.uprn, limit: 20 } });
  }
}

async function timeSearches(search: CitizenSearch) {
  for (const { query } of queries.slice(0, 20)) await search.search(query); // warm up
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  let found = 0;
  for (const { kind, query } of queries) {
    const start = performance.now();
    const { hits } = await search.search(query);
    const ms = performance.now() - start;
    if (hits.length > 0) found += 1;
    all.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { queries: list.length, p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) };
  };
  return { ...summary(all), queriesWithHits: found, byKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, summary(list)])) };
}

async function seed(put: (batch: Citizen[]) => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < residents.length; i += 5_000) await put(residents.slice(i, i + 5_000));
  return round((performance.now() - start) / 1000, 1);
}

// ---- 1a. in-memory baseline
console.log('in-memory createCitizenIndex...');
let start = performance.now();
const memory = createCitizenIndex({ citizens: residents });
const memoryLoad = round((performance.now() - start) / 1000, 1);
const memoryResult = { loadSeconds: memoryLoad, ...(await timeSearches(memory)) };
console.log('  ', JSON.stringify(memoryResult));

// ---- 1b. PGlite with pg_trgm
console.log('PGlite (pg_trgm)...');
const db = await PGlite.create({ extensions: { pg_trgm } });
const liteDirectory = await createCitizenDirectory({ driver: createPGliteDriver({ db }) });
const liteSeed = await seed((batch) => liteDirectory.putMany(batch));
const pgliteResult = { trigramIndex: liteDirectory.trigramIndex, seedSeconds: liteSeed, ...(await timeSearches(liteDirectory)) };
console.log('  ', JSON.stringify(pgliteResult));
await db.close();

// ---- 1c. PostgreSQL
let postgresResult: Record<string, unknown> = { skipped: 'set BENCH_DATABASE_URL or TEST_DATABASE_URL to include PostgreSQL' };
if (serverUrl) {
  console.log('PostgreSQL (pg_trgm)...');
  const schema = `ck_bench_app_${Date.now().toString(36)}`;
  const store = await createPostgresStore({ connectionString: serverUrl, schema });
  try {
    const directory = await createCitizenDirectory({ driver: store.driver, schema });
    const seconds = await seed((batch) => directory.putMany(batch));
    await store.driver.query(`ANALYZE "${schema}".citizen_directory`);
    postgresResult = { trigramIndex: directory.trigramIndex, seedSeconds: seconds, ...(await timeSearches(directory)) };
  } finally {
    await store.driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
  }
  console.log('  ', JSON.stringify(postgresResult));
} else {
  console.log(`PostgreSQL: ${String(postgresResult.skipped)}`);
}

// ---- 2. raising a case through the JSON API vs a bare endpoint on the same server
console.log(`contact-centre API: ${REQUESTS} requests from ${CLIENTS} concurrent clients...`);
const dataDir = await mkdtemp(join(tmpdir(), 'ck-bench-app-'));
const app = await createApp({ dataDir, seedResidents: 2_000, workers: false, sessionSecret: 'bench-secret-that-is-at-least-32-characters' });
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve(
    {
      // The bare endpoint shares the server, the sockets and the clients; it skips the app only.
      fetch: (request: Request) => (new URL(request.url).pathname === '/bench/bare' ? Response.json({ ok: true }) : app.fetch(request)),
      port: 0,
      hostname: '127.0.0.1',
    },
    () => resolve(s),
  );
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Client {
  cookie: string;
  csrf: string;
}
async function signIn(): Promise<Client> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent', password: 'agent-password-demo' }),
  });
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const body = (await response.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error('sign-in gave no csrfToken');
  return { cookie, csrf: body.csrfToken };
}

const citizenIds = app.services.residents.all().map((r) => r.id);
let keyCounter = 0;
async function load(name: string, one: (client: Client, n: number) => Promise<number>, clients: Client[]) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (next < REQUESTS) {
        const n = next++;
        const status = await one(client, n);
        if (status >= 300) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { name, requests: REQUESTS, clients: clients.length, seconds: round(seconds, 3), perSecond: round(REQUESTS / seconds, 1), failures };
}

const clients = await Promise.all(Array.from({ length: CLIENTS }, signIn));
const bare = (client: Client) =>
  fetch(`${base}/bench/bare`, { headers: { cookie: client.cookie } }).then(async (r) => (await r.arrayBuffer(), r.status));
const raise = (client: Client, n: number) =>
  fetch(`${base}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrf, 'idempotency-key': `bench-${process.pid}-${keyCounter++}` },
    body: JSON.stringify({
      caseType: 'contact-centre.general-enquiry',
      channel: 'phone',
      citizenId: citizenIds[n % citizenIds.length],
      data: { topic: 'waste', question: 'Which day is my bin collected?' },
    }),
  }).then(async (r) => (await r.arrayBuffer(), r.status));

await load('warm-up', raise, clients.slice(0, 10)).catch(() => undefined);
const bareResult = await load('bare endpoint', bare, clients);
const raiseResult = await load('raise a case (POST /api/cases)', raise, clients);
console.log('  ', JSON.stringify(bareResult));
console.log('  ', JSON.stringify(raiseResult));
await new Promise<void>((resolve) => server.close(() => resolve()));
await app.close();
await rm(dataDir, { recursive: true, force: true });

writeResult('app', {
  residents: RESIDENTS,
  queryMix: "400 queries: a quarter each of exact full names, typo'd names (a letter dropped from the surname), postcodes and UPRNs, through the text box",
  citizenSearch: {
    pglite: pgliteResult,
    postgresql: postgresResult,
    inMemoryBaseline: memoryResult,
    pgliteP95VsInMemory: round(pgliteResult.p95Ms / Math.max(memoryResult.p95Ms, 0.001)),
  },
  raiseCase: {
    storage: 'PGlite in a temporary data directory (the example default), 2,000 residents, workers off',
    bare: bareResult,
    raise: raiseResult,
    ratioOfBare: round(raiseResult.perSecond / bareResult.perSecond, 3),
  },
});
