// The typed waste client's per-call overhead against raw fetch, both calling
// the same waste mock served over node:http in the same process, in the same
// run. Lives in the package so zod, openapi-fetch and the mock resolve from its
// dependencies; bench/connect.bench.ts runs it.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWasteClient } from '../src/index.js';
import { createWasteBackOffice } from '../src/mock/index.js';

/** One measured subject: the median of many individually timed sequential calls. */
export interface CallSubject {
  name: string;
  calls: number;
  /** Median time of one call, in microseconds. */
  medianMicros: number;
  /** Mean of the middle 80% of calls, in microseconds (less sensitive to a busy machine than the plain mean). */
  trimmedMeanMicros: number;
}

/** What {@link runClientOverhead} found. */
export interface ClientOverheadResult {
  operation: string;
  rawFetch: CallSubject;
  /** Raw fetch with the per-call timeout signal the client must keep: the share of the overhead that is the timeout. */
  rawFetchWithTimeout: CallSubject;
  client: CallSubject;
  /** Median client call / median raw fetch-with-timeout call. */
  ratioAgainstRawWithTimeout: number;
  /** Median client call / median raw fetch call (target at most 1.15). */
  ratio: number;
  /** The same ratio on trimmed means. */
  trimmedMeanRatio: number;
  /** Extra microseconds per call the client spends (medians). */
  overheadMicros: number;
  /** The same comparison with no network at all (a canned Response), to show the client's own CPU cost. */
  inProcess: { rawMicros: number; clientMicros: number; overheadMicros: number };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serve a `(Request) => Promise<Response>` handler on node:http, on 127.0.0.1 and an ephemeral port. */
async function serve(handle: (request: Request) => Promise<Response>) {
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : await readBody(incoming);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) for (const one of value) headers.append(name, one);
      }
      const request = new Request(`http://${incoming.headers.host ?? '127.0.0.1'}${incoming.url ?? '/'}`, {
        method: incoming.method ?? 'GET',
        headers,
        body: body ? body.toString('utf8') : null,
      });
      const response = await handle(request);
      const text = Buffer.from(await response.arrayBuffer());
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(text);
    })().catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? 0;
const trimmedMean = (sorted: number[]) => {
  const cut = Math.floor(sorted.length / 10);
  const middle = sorted.slice(cut, sorted.length - cut);
  return middle.reduce((sum, value) => sum + value, 0) / Math.max(1, middle.length);
};

async function once(call: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - start) / 1e3;
}

/**
 * Time `calls` sequential calls of each subject, round-robin one call at a
 * time (reversing the order every round), so a busy machine slows all alike.
 * Returns each subject's single-call times, sorted.
 */
async function compare<K extends string>(calls: number, subjects: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const entries = Object.entries(subjects) as Array<[K, () => Promise<unknown>]>;
  const warm = Math.min(calls, 500);
  for (let index = 0; index < warm; index += 1) for (const [, call] of entries) await call();
  const times = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  const reversed = [...entries].reverse();
  for (let index = 0; index < calls; index += 1) {
    for (const [name, call] of index % 2 === 0 ? entries : reversed) times[name].push(await once(call));
  }
  for (const [name] of entries) times[name].sort((a, b) => a - b);
  return times;
}

/**
 * `getProperty(uprn)` through the typed client against the same GET through
 * raw `fetch(url).then((r) => r.json())` (and raw fetch with a timeout signal),
 * on the waste mock served over node:http, then the same with no network.
 */
export async function runClientOverhead(calls = 5000): Promise<ClientOverheadResult> {
  const backOffice = createWasteBackOffice({ seed: 1 });
  const [property] = backOffice.properties();
  if (!property) throw new Error('the waste mock holds no properties');
  const uprn = property.uprn;
  const handle = backOffice.toFetchHandler({ basePath: '/v1' });
  const server = await serve(handle);
  const accept = 'application/json, application/problem+json';
  try {
    const client = createWasteClient({ baseUrl: `${server.url}/v1` });
    const url = `${server.url}/v1/properties/${uprn}`;
    const raw = () => fetch(url, { headers: { accept } }).then((response) => response.json());
    const typed = () => client.getProperty(uprn);

    // Both must give the same property, or the comparison means nothing.
    const fromRaw = await raw();
    const fromClient = await typed();
    if (JSON.stringify(fromRaw) !== JSON.stringify(fromClient)) throw new Error('raw fetch and the client disagree about the property');

    // Raw fetch with the same per-call timeout the client keeps (an AbortController and a timer): what a careful hand-written call costs.
    const rawWithTimeout = () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      return fetch(url, { headers: { accept }, signal: controller.signal })
        .then((response) => response.json())
        .finally(() => clearTimeout(timer));
    };
    const overHttp = await compare(calls, { raw, rawWithTimeout, typed });

    // No network: the same body from a canned Response, so only the client's own work differs.
    const cannedBody = JSON.stringify(fromRaw);
    const canned = () => Promise.resolve(new Response(cannedBody, { status: 200, headers: { 'content-type': 'application/json' } }));
    const offline = createWasteClient({ baseUrl: 'http://127.0.0.1:1/v1', fetch: canned });
    const inProcess = await compare(calls, { raw: () => canned().then((response) => response.json()), typed: () => offline.getProperty(uprn) });

    const subject = (name: string, sorted: number[]): CallSubject => ({ name, calls, medianMicros: median(sorted), trimmedMeanMicros: trimmedMean(sorted) });
    const rawFetch = subject('raw fetch(url).then((r) => r.json())', overHttp.raw);
    const rawFetchWithTimeout = subject('raw fetch with a timeout signal (AbortController + timer)', overHttp.rawWithTimeout);
    const typedClient = subject('createWasteClient(...).getProperty(uprn): input check, typed request, timeout, zod validation', overHttp.typed);
    const rawMicros = median(inProcess.raw);
    const clientMicros = median(inProcess.typed);
    return {
      operation: `GET /v1/properties/{uprn} (getProperty) on the waste mock's toFetchHandler over node:http on 127.0.0.1, ${calls} sequential calls each way, alternating`,
      rawFetch,
      rawFetchWithTimeout,
      client: typedClient,
      ratioAgainstRawWithTimeout: typedClient.medianMicros / rawFetchWithTimeout.medianMicros,
      ratio: typedClient.medianMicros / rawFetch.medianMicros,
      trimmedMeanRatio: typedClient.trimmedMeanMicros / rawFetch.trimmedMeanMicros,
      overheadMicros: typedClient.medianMicros - rawFetch.medianMicros,
      inProcess: { rawMicros, clientMicros, overheadMicros: clientMicros - rawMicros },
    };
  } finally {
    await server.close();
  }
}
