import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runConformance } from '@councilkit/connect/conformance';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasteInterface } from './interface.js';
import { createWasteBackOffice, wasteHandlers } from './mock/index.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

describe('conformance suite against the mock back office', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('passes every check through msw', async () => {
    const backOffice = createWasteBackOffice({ seed: 3 });
    server.resetHandlers(...wasteHandlers(backOffice, { baseUrl: 'https://waste.test/v1' }));
    const report = await runConformance({ baseUrl: 'https://waste.test/v1', interface: wasteInterface, runId: 'msw' });
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed, report.text).toEqual([]);
    // responds + idempotency + not-found + invalid-body checks all ran
    expect(report.checks.filter((c) => c.id.endsWith('.idempotency-conflict'))).toHaveLength(14);
    expect(report.checks.some((c) => c.id === 'updates.since' && c.ok)).toBe(true);
  });

  it('fails when the back office is broken, so the suite is not a rubber stamp', async () => {
    const backOffice = createWasteBackOffice({ seed: 3 });
    backOffice.faults.inject({ operation: 'getPropertyServices', kind: 'malformed' });
    server.resetHandlers(...wasteHandlers(backOffice, { baseUrl: 'https://waste.test/v1' }));
    const report = await runConformance({ baseUrl: 'https://waste.test/v1', interface: wasteInterface, operations: ['getPropertyServices'] });
    expect(report.passed).toBe(false);
  });
});

describe('toFetchHandler over a real node:http server', () => {
  let close: () => Promise<void>;
  let baseUrl: string;

  beforeAll(async () => {
    const handle = createWasteBackOffice({ seed: 5 }).toFetchHandler({ basePath: '/waste/v1' });
    const httpServer = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(body.length > 0 ? { body } : {}),
      });
      const response = await handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/waste/v1`;
    close = () => new Promise((resolve) => httpServer.close(() => resolve()));
  });
  afterAll(() => close());

  it('passes the conformance suite', async () => {
    const report = await runConformance({ baseUrl, interface: wasteInterface });
    expect(report.checks.filter((c) => !c.ok), report.text).toEqual([]);
  });
});

describe('the description matches the OpenAPI contract', () => {
  it('describes every operation in openapi/waste.yaml with the same method and path', () => {
    const spec = parse(readFileSync(new URL('../openapi/waste.yaml', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const fromSpec = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [op.operationId, `${method.toUpperCase()} ${path}`] as const),
    );
    const described = Object.entries(wasteInterface.operations).map(([name, op]) => [name, `${op.method} ${op.path}`] as const);
    expect(Object.fromEntries(described)).toEqual(Object.fromEntries(fromSpec));
  });
});
