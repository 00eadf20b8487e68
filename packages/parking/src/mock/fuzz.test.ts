import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from './index.js';

const f = MOCK_PARKING_FIXTURES;
const writes: string[] = [
  `/pcns/${f.discount.pcnNumber}/payments`,
  `/pcns/${f.challengeable.pcnNumber}/challenges`,
  '/permits',
  `/permits/${f.activePermit.permitId}/vehicle`,
  '/visitor-sessions',
];

describe('the mock refuses any malformed body with a problem and changes nothing', () => {
  it('for random JSON', async () => {
    const backOffice = createMockParkingBackOffice({ now: () => new Date('2026-11-24T10:00:00Z') });
    const snapshot = () => JSON.stringify([f.discount, f.challengeable].map((fixture) => backOffice.pcn(fixture.pcnNumber)));
    const before = snapshot();
    let key = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 3 }), async (path, body) => {
        const response = await backOffice.fetch(`${backOffice.baseUrl}${path}`, {
          method: 'POST',
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
    expect((await (await backOffice.fetch(`${backOffice.baseUrl}/updates`)).json()) as unknown).toMatchObject({ updates: [] });
  });
});
