// The README's example, run as written (with the package's own names), so it cannot rot.
import { apportionCharge, createRevenuesClient } from '@councilkit/revenues';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { expect, it } from 'vitest';

it('runs the README example', async () => {
  const backOffice = createMockRevenuesBackOffice({ now: () => new Date('2026-11-24T10:00:00Z') });
  const revenues = createRevenuesClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
  const { reference, postcode } = MOCK_REVENUES_FIXTURES.mover;
  const account = await revenues.findAccount({ reference, postcode });
  const moved = await revenues.reportMove(account.accountId, { kind: 'out', moveDate: '2026-12-01', forwardingAddress: { lines: ['1 New Street'], postcode: 'EL1 1AA' } });
  expect(moved.decision).toBe('applied');
  expect(moved.charges).toMatchObject([{ from: '2026-04-01', to: '2026-12-01' }]);
  expect(apportionCharge({ annualCharge: 228_000, from: '2026-10-01' }).amount).toBe(113688);
});
