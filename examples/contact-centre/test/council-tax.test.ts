import { MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, createClient, startApp } from './harness.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ seedResidents: 20, workers: false });
});
afterAll(async () => {
  await running.stop();
});

async function applyFor(fixture: { reference: string; postcode: string }) {
  const client = createClient(running.url);
  await client.signIn();
  const lookup = `/desktop/lookups?reference=${fixture.reference}&postcode=${encodeURIComponent(fixture.postcode)}`;
  const html = await (await client.request(lookup)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1]!;
  return client.form('/desktop/council-tax/single-person-discount', {
    _csrf: csrf,
    formKey,
    action: 'apply',
    reference: fixture.reference,
    postcode: fixture.postcode,
    'livingAloneSince-day': '1',
    'livingAloneSince-month': '9',
    'livingAloneSince-year': '2026',
  });
}

describe('single person discount from the look-up page', () => {
  it('applies for one adult living alone and refers it to council tax', async () => {
    const response = await applyFor(MOCK_REVENUES_FIXTURES.singleAdult);
    expect(response.status).toBe(303);
    const caseId = decodeURIComponent(response.headers.get('location')!.split('/').pop()!);
    expect(await running.app.services.store.getCase(caseId)).toMatchObject({ caseType: 'revenues.single-person-discount', state: 'referred' });
  });

  it('refuses two adults before anything is raised, with the sentence for the agent', async () => {
    const before = (await running.app.services.store.findCases({})).length;
    const response = await applyFor(MOCK_REVENUES_FIXTURES.twoAdults);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#spd-apply"');
    expect((await running.app.services.store.findCases({})).length).toBe(before);
  });
});
