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
    const unknown = await submit(path, path, { channel: 'phone', slotId, 'items.2.itemId': 'grand-piano', 'items.2.quantity': '1', location: 'Drive', paymentReference: 'PAY-BULKY-4' });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('href="#items-2-itemId"');
    const none = await submit(path, path, { channel: 'phone', slotId, location: 'Drive', paymentReference: 'PAY-BULKY-3' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('href="#items-0-itemId"');
    expect(await caseCount()).toBe(before);
    // Nothing was held at the waste system either: the same places are free.
    expect(await running.app.services.waste.client.listBulkySlots({ uprn: Number(currentAddress(citizen)!.address.uprn) })).toEqual(slotsBefore);
  });
});

describe('single person discount, raised from the council tax account', () => {
  const lookup = (f: { reference: string; postcode: string }, citizenId?: string) =>
    `/desktop/lookups?reference=${f.reference}&postcode=${encodeURIComponent(f.postcode)}${citizenId ? `&citizenId=${encodeURIComponent(citizenId)}` : ''}`;
  const spd = '/desktop/council-tax/single-person-discount';

  it('offers ending and reviewing where the account has the discount, applying where it has not', async () => {
    const withDiscount = await (await client.request(lookup(MOCK_REVENUES_FIXTURES.withDiscount))).text();
    expect(withDiscount).toContain('value="cancel"');
    expect(withDiscount).toContain('value="review"');
    expect(withDiscount).not.toContain('value="apply"');
    const without = await (await client.request(lookup(MOCK_REVENUES_FIXTURES.singleAdult))).text();
    expect(without).toContain('value="apply"');
    expect(without).not.toContain('value="cancel"');
  });

  it('ends the discount: the adults and the discount come from the account, and it is referred to council tax', async () => {
    const f = MOCK_REVENUES_FIXTURES.withDiscount;
    const response = await submit(lookup(f), spd, { action: 'cancel', reference: f.reference, postcode: f.postcode, 'endDate-day': '1', 'endDate-month': '12', 'endDate-year': '2026', reason: 'Partner moved in' });
    expect(response.status).toBe(303);
    const caseId = caseIdFrom(response);
    expect(await store().getCase(caseId)).toMatchObject({
      caseType: 'revenues.single-person-discount',
      state: 'referred',
      data: { accountId: f.accountId, action: 'cancel', hasDiscount: true, residents: [{ name: 'Grace Hopper', adult: true }], endDate: '2026-12-01', reason: 'Partner moved in' },
    });
    expect((await store().listOutbox({ caseId })).map((m) => m.operation)).toEqual(['cancelSinglePersonDiscount']);
  });

  it('answers the annual review and refers it', async () => {
    const f = MOCK_REVENUES_FIXTURES.withDiscount;
    const response = await submit(lookup(f), spd, { action: 'review', reference: f.reference, postcode: f.postcode, stillLivingAlone: 'true' });
    expect(response.status).toBe(303);
    const caseId = caseIdFrom(response);
    expect(await store().getCase(caseId)).toMatchObject({ state: 'referred', data: { action: 'review', stillLivingAlone: true } });
    expect((await store().listOutbox({ caseId })).map((m) => m.operation)).toEqual(['reviewSinglePersonDiscount']);
  });

  it('refuses to end a discount the account does not have, with the guard\'s sentence, and writes nothing', async () => {
    const f = MOCK_REVENUES_FIXTURES.singleAdult;
    const before = await caseCount();
    const response = await submit(lookup(f), spd, { action: 'cancel', reference: f.reference, postcode: f.postcode, 'endDate-day': '1', 'endDate-month': '12', 'endDate-year': '2026', reason: 'Moved out' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/govuk-error-summary[\s\S]*This account has no single person discount\./);
    expect(await caseCount()).toBe(before);
  });

  it('asks for what the action needs, in the schema\'s words, linked from the error summary', async () => {
    const f = MOCK_REVENUES_FIXTURES.withDiscount;
    const before = await caseCount();
    const response = await submit(lookup(f), spd, { action: 'cancel', reference: f.reference, postcode: f.postcode, 'endDate-day': '1', 'endDate-month': '12', 'endDate-year': '2026' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Say why the discount is ending');
    expect(html).toContain('href="#cancel-reason"');
    expect(await caseCount()).toBe(before);
  });

  it('from a resident\'s page: their account is looked up, and the case lands on their timeline', async () => {
    const candidates = running.app.services.residents.all().filter((r) => r.identifiers.some((i) => i.scheme === 'council-tax-account'));
    let raised: { citizenId: string; caseId: string } | undefined;
    for (const citizen of candidates.slice(0, 10)) {
      const path = `/desktop/lookups?citizenId=${encodeURIComponent(citizen.id)}`;
      const html = await (await client.request(path)).text();
      const action = /name="action" value="(apply|review)"/.exec(html)?.[1];
      if (!action) continue;
      const reference = /name="reference" value="([^"]+)"/.exec(html)![1]!;
      const postcode = /name="postcode" value="([^"]+)"/.exec(html)![1]!;
      const answers: Record<string, string> = action === 'review' ? { stillLivingAlone: 'true' } : { 'livingAloneSince-day': '1', 'livingAloneSince-month': '4', 'livingAloneSince-year': '2026' };
      const response = await submit(path, spd, { action, reference, postcode, citizenId: citizen.id, ...answers });
      if (response.status !== 303) continue; // more than one adult: refused, which other tests cover
      raised = { citizenId: citizen.id, caseId: caseIdFrom(response) };
      break;
    }
    expect(raised, 'a seeded resident whose account can take a discount action').toBeDefined();
    expect(await store().getCase(raised!.caseId)).toMatchObject({ citizenId: raised!.citizenId, state: 'referred' });
    const residentPage = await (await client.request(`/residents/${encodeURIComponent(raised!.citizenId)}`)).text();
    expect(residentPage).toContain(raised!.caseId);
    expect(residentPage).toContain(`href="/desktop/lookups?citizenId=${raised!.citizenId}#spd"`);
  });
});

describe('a PCN payment, raised from the PCN look-up', () => {
  const lookup = (f: { pcnNumber: string; vrm: string }) => `/desktop/lookups?pcnNumber=${f.pcnNumber}&vrm=${f.vrm}`;
  const pay = '/desktop/parking/pcn-payment';

  it('records the PCN from the parking system\'s letters and payments and refers the payment for the amount due now', async () => {
    const f = MOCK_PARKING_FIXTURES.noticeToOwner;
    const html = await (await client.request(lookup(f))).text();
    expect(html).toContain('Record the payment');
    const response = await submit(lookup(f), pay, { pcnNumber: f.pcnNumber, vrm: f.vrm, paymentReference: 'PAY-PCN-1' });
    expect(response.status).toBe(303);
    const caseId = caseIdFrom(response);
    const record = await store().getCase(caseId);
    expect(record).toMatchObject({ caseType: 'parking.pcn', state: 'paid', data: { pcnNumber: f.pcnNumber, serviceMethod: 'affixed' } });
    expect((record!.data as { events: Array<{ type: string }> }).events.map((e) => e.type)).toEqual(['notice-to-owner-sent', 'payment']);
    const [message] = await store().listOutbox({ caseId });
    expect(message).toMatchObject({ operation: 'payPcn', payload: { pcnNumber: f.pcnNumber, amount: 7000, paymentReference: 'PAY-PCN-1' } });
  });

  it('refuses a PCN already paid with the case type\'s sentence, and writes nothing', async () => {
    const f = MOCK_PARKING_FIXTURES.paid;
    expect(await (await client.request(lookup(f))).text()).not.toContain('Record the payment');
    const before = await caseCount();
    // The page offers no payment for it; a crafted post (with another page's form key) still meets the guard.
    const response = await submit(lookup(MOCK_PARKING_FIXTURES.discount), pay, { pcnNumber: f.pcnNumber, vrm: f.vrm, paymentReference: 'PAY-PCN-2' });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/govuk-error-summary[\s\S]*Nothing is due on this PCN: it is paid or cancelled\./);
    expect(await caseCount()).toBe(before);
  });

  it('asks for a usable payment reference before looking anything up', async () => {
    const f = MOCK_PARKING_FIXTURES.discount;
    const before = await caseCount();
    const response = await submit(lookup(f), pay, { pcnNumber: f.pcnNumber, vrm: f.vrm, paymentReference: 'not a reference!' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('href="#paymentReference"');
    expect(await caseCount()).toBe(before);
  });
});
