// The mock's fetch handler behind a real HTTP server, as a supplier's developer would run it, checked by the conformance suite over the network.
import { runConformance } from '@councilkit/connect/conformance';
import { serveFetchHandler } from '@councilkit/connect/mock';
import type { ServedHandler } from '@councilkit/connect/mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parkingInterface } from './interface.js';
import { createMockParkingBackOffice } from './mock/index.js';

let handler: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
let served: ServedHandler;
let baseUrl = '';

beforeAll(async () => {
  served = await serveFetchHandler((request) => handler(request));
  baseUrl = `${served.origin}/v1`;
});
afterAll(() => served.close());

it('passes the conformance suite over real HTTP', async () => {
  const backOffice = createMockParkingBackOffice({ baseUrl });
  handler = backOffice.toFetchHandler();
  const report = await runConformance({ baseUrl, interface: parkingInterface });
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  expect(report.passed).toBe(true);
});
