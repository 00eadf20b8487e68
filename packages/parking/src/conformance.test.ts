import { runConformance } from '@councilkit/connect/conformance';
import { describe, expect, it } from 'vitest';
import { parkingInterface } from './interface.js';
import { createMockParkingBackOffice } from './mock/index.js';

describe('conformance', () => {
  it('the mock back office passes the connect conformance suite', async () => {
    const backOffice = createMockParkingBackOffice();
    const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: parkingInterface, fetch: backOffice.fetch });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.length).toBeGreaterThan(30);
  });

  it('fails a back office whose answers break the contract', async () => {
    const backOffice = createMockParkingBackOffice();
    backOffice.faults.inject({ operation: 'findPcn', kind: 'malformed' });
    const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: parkingInterface, fetch: backOffice.fetch, operations: ['findPcn'] });
    expect(report.passed).toBe(false);
  });
});
