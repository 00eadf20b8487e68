import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, startApp } from './harness.js';

let running: RunningApp;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  running = await startApp({ seedResidents: 20, workers: false });
  client = createClient(running.url);
  await client.signIn();
});
afterAll(async () => {
  await running.stop();
});

/** A London calendar date `days` from today, as the guards read it. */
function londonDay(days: number): { iso: string; day: string; month: string; year: string } {
  const date = new Date(Date.now() + days * 86_400_000);
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { iso, day: String(Number(day)), month: String(Number(month)), year };
}
const dateFields = (name: string, days: number) => {
  const d = londonDay(days);
  return { [`${name}-day`]: d.day, [`${name}-month`]: d.month, [`${name}-year`]: d.year };
};

/** Fill the generated form for a case type, as an agent would, and submit it. */
async function raise(caseType: string, answers: Record<string, string>) {
  const html = await (await client.request(`/cases/new?type=${encodeURIComponent(caseType)}`)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1]!;
  return client.form('/cases/new', { _csrf: csrf, formKey, caseType, channel: 'phone', ...answers });
}

async function caseCount() {
  return (await running.app.services.store.findCases({})).length;
}

async function expectRefused(caseType: string, answers: Record<string, string>, reason: string) {
  const before = await caseCount();
  const response = await raise(caseType, answers);
  expect(response.status).toBe(422);
  const html = await response.text();
  expect(html).toContain('govuk-error-summary');
  expect(html).toContain(reason);
  expect(await caseCount()).toBe(before);
}

async function expectReferred(caseType: string, answers: Record<string, string>, operation: string) {
  const response = await raise(caseType, { ...answers, outcome: 'refer' });
  expect(response.status).toBe(303);
  const caseId = decodeURIComponent(response.headers.get('location')!.split('/').pop()!);
  expect(await running.app.services.store.getCase(caseId)).toMatchObject({ caseType, status: 'open', channel: 'phone' });
  const messages = await running.app.services.store.listOutbox({ caseId });
  expect(messages.map((m) => m.operation)).toEqual([operation]);
  return caseId;
}

const directDebit = { accountId: 'ACC-00000001', sortCode: '309430', accountNumber: '00733445', accountHolder: 'A Resident', paymentDay: '15' };
const benefit = { claimId: 'CLM-000001', claimReference: 'HB123456', question: 'Have you had my payslips?' };
const pcn = { pcnNumber: 'AT10000002', vrm: 'AB12CDE', statement: 'The bay markings were worn away.' };

describe('every case type can be raised from its generated form', () => {
  it('offers every registered case type except those raised from a looked-up record', async () => {
    const html = await (await client.request('/cases/new')).text();
    for (const name of ['revenues.direct-debit-change', 'revenues.benefit-enquiry', 'revenues.moving-home', 'parking.challenge', 'parking.representation', 'parking.permit-application']) {
      expect(html).toContain(`value="${name}"`);
    }
    const form = await (await client.request('/cases/new?type=revenues.moving-home')).text();
    expect(form).toContain('What happens to the case now?');
  });

  it('direct debit change: valid details are referred with the mandate', async () => {
    await expectReferred('revenues.direct-debit-change', directDebit, 'setDirectDebit');
  });
  it('direct debit change: a payment day the council does not offer is refused before anything is raised', async () => {
    await expectRefused('revenues.direct-debit-change', { ...directDebit, outcome: 'refer', paymentDay: '9' }, 'Choose a payment day: 1, 15, 28');
  });

  it('benefit enquiry: evidence still outstanding is referred to the benefits team', async () => {
    await expectReferred('revenues.benefit-enquiry', { ...benefit, topic: 'evidence', outstandingEvidence: 'Payslips\nBank statement' }, 'raiseBenefitEnquiry');
  });
  it('benefit enquiry: nothing outstanding is refused for referral, and can be resolved on the call instead', async () => {
    await expectRefused('revenues.benefit-enquiry', { ...benefit, topic: 'evidence', outcome: 'refer', outstandingEvidence: '' }, 'Nothing is outstanding on this claim');
    const response = await raise('revenues.benefit-enquiry', { ...benefit, topic: 'evidence', outcome: 'resolve', outstandingEvidence: '' });
    expect(response.status).toBe(303);
    const caseId = decodeURIComponent(response.headers.get('location')!.split('/').pop()!);
    expect(await running.app.services.store.getCase(caseId)).toMatchObject({ status: 'resolved', resolvedAtFirstContact: true });
    expect(await running.app.services.store.listOutbox({ caseId })).toEqual([]);
  });

  const move = { accountId: 'ACC-00000001', accountReference: '12345678', kind: 'in' };
  it('moving home: a move today is referred to council tax', async () => {
    await expectReferred('revenues.moving-home', { ...move, ...dateFields('moveDate', 0) }, 'reportMove');
  });
  it('moving home: a move too far ahead is refused with the reason', async () => {
    const before = await caseCount();
    const response = await raise('revenues.moving-home', { ...move, outcome: 'refer', ...dateFields('moveDate', 200) });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/govuk-error-summary[\s\S]*days/);
    expect(await caseCount()).toBe(before);
  });
  it('moving home: moving out needs a forwarding address, linked from the error summary', async () => {
    const response = await raise('revenues.moving-home', { ...move, kind: 'out', outcome: 'refer', ...dateFields('moveDate', 0) });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Enter a forwarding address for the final bill');
    expect(html).toContain('href="#forwardingAddress-');
  });

  it('parking challenge: an informal challenge at the discount stage is referred', async () => {
    await expectReferred('parking.challenge', { ...pcn, serviceMethod: 'affixed', stage: 'discount' }, 'challengePcn');
  });
  it('parking challenge: a postal PCN is refused with the advice to make a representation', async () => {
    await expectRefused('parking.challenge', { ...pcn, serviceMethod: 'postal', stage: 'discount', outcome: 'refer' }, 'make a formal representation instead');
  });

  it('parking representation: at notice to owner it is referred', async () => {
    await expectReferred('parking.representation', { ...pcn, serviceMethod: 'affixed', stage: 'notice-to-owner', ground: 'contravention-did-not-occur' }, 'challengePcn');
  });
  it('parking representation: a paid PCN is refused', async () => {
    await expectRefused('parking.representation', { ...pcn, serviceMethod: 'affixed', stage: 'paid', ground: 'contravention-did-not-occur', outcome: 'refer' }, 'This PCN is paid; there is nothing to challenge.');
  });

  const permit = { zone: 'A1', vrm: 'AB12CDE', uprn: '100000000001', holderName: 'A Resident' };
  it('permit application: a start date from tomorrow is referred', async () => {
    await expectReferred('parking.permit-application', { ...permit, ...dateFields('startDate', 1) }, 'applyForPermit');
  });
  it('permit application: a start date in the past is refused', async () => {
    await expectRefused('parking.permit-application', { ...permit, outcome: 'refer', ...dateFields('startDate', -10) }, 'Choose a start date from');
  });

  it('asks what happens next when the agent does not say', async () => {
    const before = await caseCount();
    const response = await raise('parking.permit-application', { ...permit, ...dateFields('startDate', 1) });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Select what happens to the case now');
    expect(await caseCount()).toBe(before);
  });
});
