import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createParkingClient } from './client.js';
import { parkingInterface } from './interface.js';
import { createMockParkingBackOffice } from './mock/index.js';

const document = parse(readFileSync(fileURLToPath(new URL('../openapi/parking.yaml', import.meta.url)), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters?: { $ref?: string; name?: string }[] }>>;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })),
);

describe('the OpenAPI contract, the client, the mock and the conformance description agree', () => {
  it('is OpenAPI 3.1 with unique operation ids', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
  });

  it('has a client method for every operation and no other', () => {
    const client = createParkingClient({ baseUrl: 'https://parking.example.gov.uk/v1' });
    expect(Object.keys(client).sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  it('describes every operation except the updates feed for the conformance suite, at the same method and path', () => {
    const described = Object.entries(parkingInterface.operations).map(([name, operation]) => [name, operation.method, operation.path]);
    const contract = operations.filter((operation) => operation.operationId !== 'listUpdates').map((operation) => [operation.operationId, operation.method, operation.path]);
    expect(described.sort()).toEqual(contract.sort());
  });

  it('requires an Idempotency-Key on every write, and the mock answers every path', async () => {
    const backOffice = createMockParkingBackOffice();
    for (const operation of operations) {
      const write = operation.method !== 'GET';
      expect(operation.parameters?.some((parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey') ?? false, operation.operationId).toBe(write);
      const path = `${operation.path.replace(/\{[^}]+\}/g, 'UNKNOWN1')}${operation.method === 'GET' ? '?vrm=AB12CDE' : ''}`;
      const response = await backOffice.fetch(`${backOffice.baseUrl}${path}`, { method: operation.method, headers: { 'content-type': 'application/json', 'idempotency-key': 'x' }, ...(operation.method === 'GET' ? {} : { body: '{}' }) });
      expect(response.status, `${operation.method} ${path}`).not.toBe(405);
      expect(response.status, `${operation.method} ${path}`).toBeLessThan(500);
    }
  });
});
