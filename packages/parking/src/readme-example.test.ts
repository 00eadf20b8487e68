// The README's example, run as written (with the package's own names), so it cannot rot.
import { createWorkingDayCalendar } from '@councilkit/cases';
import { createParkingClient, derivePcnStatus } from '@councilkit/parking';
import { createMockParkingBackOffice, MOCK_PARKING_FIXTURES } from '@councilkit/parking/mock';
import { expect, it } from 'vitest';

it('runs the README example', async () => {
  const backOffice = createMockParkingBackOffice();
  const parking = createParkingClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
  const pcn = await parking.findPcn(MOCK_PARKING_FIXTURES.discount);
  const receipt = await parking.payPcn(pcn.pcnNumber, { vrm: pcn.vrm, amount: pcn.amountDue, paymentReference: 'pay_8f2k' });
  expect(receipt).toMatchObject({ stage: 'paid', amount: 3500 });
  const status = derivePcnStatus({ issuedOn: '2026-12-24', serviceMethod: 'postal', amountFull: 7000, events: [] }, { today: '2026-12-29', calendar: createWorkingDayCalendar() });
  expect([status.stage, status.servedOn, status.dueBy]).toEqual(['issued', '2026-12-30', '2027-01-19']);
});
