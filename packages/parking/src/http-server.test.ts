// The mock's fetch handler behind a real HTTP server, as a supplier's developer would run it, checked by the conformance suite over the network.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runConformance } from '@councilkit/connect/conformance';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parkingInterface } from './interface.js';
import { createMockParkingBackOffice } from './mock/index.js';

let handler: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
const server = createServer(async (incoming, outgoing) => {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const method = incoming.method ?? 'GET';
  const headers = new Headers();
  for (const name of ['content-type', 'accept', 'idempotency-key']) {
    const value = incoming.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const request = new Request(`http://${incoming.headers.host}${incoming.url}`, { method, headers, ...(method === 'GET' ? {} : { body: Buffer.concat(chunks) }) });
  const response = await handler(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('passes the conformance suite over real HTTP', async () => {
  const backOffice = createMockParkingBackOffice({ baseUrl });
  handler = backOffice.toFetchHandler();
  const report = await runConformance({ baseUrl, interface: parkingInterface });
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  expect(report.passed).toBe(true);
});
