import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentAddress } from '../src/residents/resident-directory.js';
import { type RunningApp, createClient, startApp } from './harness.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ seedResidents: 30, workers: false });
});
afterAll(async () => {
  await running.stop();
});

describe('when a back office is down', () => {
  it('the resident page says so in words and still lets the agent raise a case', async () => {
    const resident = running.app.services.residents.all().find((r) => currentAddress(r)?.address.uprn)!;
    running.app.services.waste.mock!.faults.inject({ operation: 'getPropertyServices', kind: 'error', status: 503, times: 5 });
    const client = createClient(running.url);
    await client.signIn();
    const response = await client.request(`/residents/${resident.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('The waste system is not answering just now, so bin days cannot be shown. You can still raise a case.');
    expect(html).toContain('Raise a case');
  });

  it('the portal journey stops with a clear page instead of an error', async () => {
    const property = running.app.services.waste.mock!.properties()[5]!;
    running.app.services.waste.mock!.faults.inject({ operation: 'getPropertyServices', kind: 'timeout', times: 10 });
    const client = createClient(running.url);
    let token = await client.pageToken('/portal/missed-bin/postcode');
    expect((await client.form('/portal/missed-bin/postcode', { _csrf: token, postcode: property.postcode })).status).toBe(303);
    token = await client.pageToken('/portal/missed-bin/address');
    expect((await client.form('/portal/missed-bin/address', { _csrf: token, uprn: String(property.uprn) })).status).toBe(303);
    const page = await client.request('/portal/missed-bin/bin');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('We cannot check your collections right now');
  }, 30_000);
});

describe('HTML forms refuse what they cannot read', () => {
  it('answers a non-form POST with 415 and an oversized form with 413', async () => {
    const client = createClient(running.url);
    const token = await client.pageToken('/sign-in');
    const json = await client.json('/sign-in', 'POST', { _csrf: token, username: 'agent', password: 'x' });
    expect(json.status).toBe(415);
    const huge = await client.form('/sign-in', { _csrf: token, username: 'agent', password: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Your request was too large');
  });

  it('refuses a portal answer with a forged token and keeps nothing', async () => {
    const client = createClient(running.url);
    await client.pageToken('/portal/missed-bin/postcode');
    const forged = await client.form('/portal/missed-bin/postcode', { _csrf: 'forged', postcode: 'AT1 1AA' });
    expect(forged.status).toBe(403);
    // The postcode was not kept: the next step sends the resident back to the first.
    const next = await client.request('/portal/missed-bin/address');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/portal/missed-bin/postcode');
  });
});
