import { MOCK_PARKING_FIXTURES } from '@councilkit/parking/mock';
import { MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentAddress } from '../src/residents/resident-directory.js';
import { type RunningApp, createClient, seenStatuses, startApp } from './harness.js';

let running: RunningApp;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  running = await startApp({ seedResidents: 20, workers: false });
  client = createClient(running.url);
  await client.signIn();
});
afterAll(async () => {
  await running.stop();
  expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
});

const store = () => running.app.services.store;
const caseCount = async () => (await store().findCases({})).length;
const caseIdFrom = (response: Response) => decodeURIComponent(new URL(response.headers.get('location')!, running.url).pathname.split('/').pop()!);

/** Load a page, then post one of its forms as an agent would, with the page's CSRF token and form key. */
async function submit(pagePath: string, action: string, fields: Record<string, string>) {
  const html = await (await client.request(pagePath)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1]!;
  return client.form(action, { _csrf: csrf, formKey, ...fields });
}

/** A seeded resident whose home the waste system knows. */
function residentAtHome() {
  const known = new Set(running.app.services.waste.properties.map((p) => p.uprn));
  const resident = running.app.services.residents.all().find((r) => {
    const uprn = currentAddress(r)?.address.uprn;
    return uprn !== undefined && known.has(uprn);
  });
  expect(resident, 'a resident at a property the waste system knows').toBeDefined();
  return resident!;
}

describe('the choose page offers only what can be raised there, and links to the rest', () => {
  it('lists the record-based case types as links to where they are raised, never as a form', async () => {
    const citizen = residentAtHome();
    const html = await (await client.request(`/cases/new?citizenId=${encodeURIComponent(citizen.id)}`)).text();
    for (const name of ['waste.bulky-booking', 'revenues.single-person-discount', 'parking.pcn', 'waste.missed-collection']) {
      expect(html).not.toContain(`value="${name}"`);
    }
    expect(html).toContain(`href="/residents/${citizen.id}/bulky-collection"`);
    expect(html).toContain(`href="/desktop/lookups?citizenId=${citizen.id}#spd"`);
    expect(html).toContain(`href="/desktop/lookups?citizenId=${citizen.id}#pcn"`);
    expect(html).toContain(`href="/residents/${citizen.id}#bins"`);
    expect((await client.request('/cases/new?type=waste.bulky-booking')).status).toBe(422);
  });
});

describe('bulky waste collection, booked for the resident\'s home', () => {
  async function slotAndItem(citizenId: string) {
    const html = await (await client.request(`/residents/${encodeURIComponent(citizenId)}/bulky-collection`)).text();
    const slotId = /name="slotId" type="radio" value="([^"]+)"/.exec(html)?.[1];
    expect(slotId, 'a free slot on the page').toBeDefined();
    return { html, slotId: slotId! };
  }

  it('books: the slot is held, the case raised with the catalogue price and referred through the outbox, on the resident\'s timeline', async () => {
    const citizen = residentAtHome();
    const path = `/residents/${encodeURIComponent(citizen.id)}/bulky-collection`;
    const { html, slotId } = await slotAndItem(citizen.id);
    expect(html).toContain('name="items.0.itemId"');
    expect(html).toContain('name="items.4.quantity"');
    const response = await submit(path, path, {
      channel: 'phone',
      slotId,
      'items.0.itemId': 'sofa-2-seat',
      'items.0.quantity': '1',
      'items.1.itemId': 'fridge-freezer',
      'items.1.quantity': '2',
      location: 'Front garden',
      paymentReference: 'PAY-BULKY-1',
    });
    expect(response.status).toBe(303);
    const caseId = caseIdFrom(response);
    const record = await store().getCase(caseId);
    expect(record).toMatchObject({ caseType: 'waste.bulky-booking', state: 'booked', citizenId: citizen.id, channel: 'phone' });
    expect(record!.data).toMatchObject({ items: [{ itemId: 'sofa-2-seat', quantity: 1 }, { itemId: 'fridge-freezer', quantity: 2 }], price: 1800 + 2 * 2500, location: 'Front garden' });
    expect((await store().listOutbox({ caseId })).map((m) => m.operation)).toEqual(['bookBulkyCollection']);
    const residentPage = await (await client.request(`/residents/${encodeURIComponent(citizen.id)}`)).text();
    expect(residentPage).toContain(caseId);
  });

  it('refuses too many of one item, and no items at all, before a slot is held or a case written', async () => {
    const citizen = residentAtHome();
    const path = `/residents/${encodeURIComponent(citizen.id)}/bulky-collection`;
    const { slotId } = await slotAndItem(citizen.id);
    const slotsBefore = await running.app.services.waste.client.listBulkySlots({ uprn: Number(currentAddress(citizen)!.address.uprn) });
    const before = await caseCount();
    const tooMany = await submit(path, path, { channel: 'phone', slotId, 'items.0.itemId': 'fridge-freezer', 'items.0.quantity': '3', location: 'Drive', paymentReference: 'PAY-BULKY-2' });
    expect(tooMany.status).toBe(422);
    const html = await tooMany.text();
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('at most 2 of fridge or freezer');
    const none = await submit(path, path, { channel: 'phone', slotId, location: 'Drive', paymentReference: 'PAY-BULKY-3' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('href="#items-0-itemId"');
    expect(await caseCount()).toBe(before);
    // Nothing was held at the waste system either: the same places are free.
    expect(await running.app.services.waste.client.listBulkySlots({ uprn: Number(currentAddress(citizen)!.address.uprn) })).toEqual(slotsBefore);
  });
});
