import { runConformance } from '@councilkit/connect/conformance';
import { describe, expect, it } from 'vitest';
import { describeRevenuesInterface, revenuesInterface } from './interface.js';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from './mock/index.js';

describe('conformance', () => {
  it('the mock back office passes the connect conformance suite', async () => {
    const backOffice = createMockRevenuesBackOffice();
    const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: revenuesInterface, fetch: backOffice.fetch });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.length).toBeGreaterThan(30);
  });

  it('fails a back office that ignores the contract', async () => {
    const backOffice = createMockRevenuesBackOffice();
    backOffice.faults.inject({ operation: 'getAccount', kind: 'malformed' });
    const report = await runConformance({
      baseUrl: backOffice.baseUrl,
      interface: describeRevenuesInterface({ ...MOCK_REVENUES_FIXTURES, today: '2026-11-24' }),
      fetch: backOffice.fetch,
    });
    expect(report.passed).toBe(false);
    expect(report.checks.find((check) => check.id === 'getAccount.responds')?.ok).toBe(false);
  });
});
