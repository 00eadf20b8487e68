import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from './index.js';

const { singleAdult, withDiscount, mover, claim } = MOCK_REVENUES_FIXTURES;
const writes: [string, string][] = [
  ['POST', `/accounts/${mover.accountId}/moves`],
  ['POST', `/accounts/${singleAdult.accountId}/single-person-discount`],
  ['POST', `/accounts/${withDiscount.accountId}/single-person-discount/cancellation`],
  ['POST', `/accounts/${withDiscount.accountId}/single-person-discount/review`],
  ['PUT', `/accounts/${mover.accountId}/direct-debit`],
  ['POST', `/claims/${claim.claimId}/enquiries`],
  ['POST', '/accounts/lookup'],
  ['POST', '/claims/lookup'],
];

describe('the mock refuses any malformed body with a problem and changes nothing', () => {
  it('for random JSON', async () => {
    const backOffice = createMockRevenuesBackOffice({ now: () => new Date('2026-11-24T10:00:00Z'), secondFactor: { maxFailures: 100 } });
    const snapshot = () => JSON.stringify([singleAdult, withDiscount, mover].map((fixture) => backOffice.account(fixture.accountId)));
    const before = snapshot();
    let key = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 3 }), async ([method, path], body) => {
        const response = await backOffice.fetch(`${backOffice.baseUrl}${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'idempotency-key': `fuzz-${(key += 1)}` },
          body: JSON.stringify(body),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }),
      { numRuns: 300 },
    );
    expect(snapshot()).toBe(before);
  });
});
