import { describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, useBrowserApp } from './browser-harness.js';
import { MOCK_PARKING_FIXTURES } from '@councilkit/parking/mock';
import { MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { binDaysFor } from '../src/back-offices/bin-days.js';
import { currentAddress } from '../src/residents/resident-directory.js';

if (!hasChromium) {
  console.warn(`[contact-centre] Browser tests SKIPPED: ${chromiumPath} is not installed (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('in a real browser', () => {
  const journey = useBrowserApp({ seedResidents: 300, workers: false });
  const { expectAccessible, signIn, signOut } = journey;

  const resident = () => journey.running.app.services.residents.all()[0]!;
  const nameOf = (r: ReturnType<typeof resident>) => [r.name.given, r.name.family].join(' ');

  it('an agent signs in, finds a resident, raises an enquiry and resolves it at first contact', async () => {
    const { page } = journey.browser;
    await page.goto(`${journey.running.url}/desktop`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible();

    await page.getByLabel('Username').fill('agent');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();

    await page.getByLabel('Password', { exact: true }).fill('agent-password-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/desktop');
    await expectAccessible();

    const someone = resident();
    const name = nameOf(someone);
    // A typo the way an agent might type it: the last two letters swapped.
    await page.getByLabel('Name, postcode, address or UPRN').fill(name.slice(0, -2) + name.slice(-1) + name.slice(-2, -1));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/desktop?q=*');
    await expectAccessible();
    await page.getByRole('link', { name }).first().click();
    await page.waitForURL(`**/residents/${someone.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
    await expectAccessible();

    await page.getByRole('button', { name: 'Raise a case' }).click();
    await page.waitForURL('**/cases/new?*');
    await expectAccessible();
    await page.getByLabel('General enquiry').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/cases/new?*type=*');
    await expectAccessible();

    // Submitting without answers shows GOV.UK errors, and they are accessible too.
    await page.getByRole('button', { name: 'Raise case' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();

    await page.getByLabel('Council tax').check();
    await page.getByLabel('Question', { exact: true }).fill('When is my next instalment due?');
    await page.getByRole('button', { name: 'Raise case' }).click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible();

    await page.getByRole('button', { name: 'Answered on the call' }).click();
    await expect.poll(() => page.getByText('Nothing more to do').count()).toBe(1);
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await journey.running.app.services.store.getCase(caseId);
    expect(stored).toMatchObject({ status: 'closed', resolvedAtFirstContact: true, citizenId: someone.id, channel: 'phone' });

    await page.goto(`${journey.running.url}/queues`);
    await expectAccessible();

    await page.goto(`${journey.running.url}/dashboard`);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(2);
    await expectAccessible();

    await page.goto(`${journey.running.url}/no-such-page`);
    await expectAccessible();
    await signOut(page);
    await expectAccessible();
  }, 90_000);

  it('a social care case is invisible to an ordinary agent', async () => {
    const { page } = journey.browser;
    const someone = journey.running.app.services.residents.all()[1]!;
    await signIn(page, 'socialcare', 'socialcare-password-demo');
    await page.goto(`${journey.running.url}/cases/new?citizenId=${encodeURIComponent(someone.id)}&type=social-care.adult-referral`);
    await page.getByLabel('Phone').check();
    await page.getByLabel('Falls').check();
    await page.getByLabel('Details', { exact: true }).fill('Neighbour reports two falls this week.');
    await page.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Raise case' }).click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const caseUrl = page.url();
    await expectAccessible();
    await signOut(page);

    await signIn(page, 'agent', 'agent-password-demo');
    await page.goto(`${journey.running.url}/residents/${someone.id}`);
    expect(await page.getByText('Adult social care referral').count()).toBe(0);
    expect(await page.getByText('1 restricted case is held by another team.').count()).toBe(1);
    await expectAccessible();
    const response = await page.goto(caseUrl);
    expect(response?.status()).toBe(403);
    await expectAccessible();
    await signOut(page);
  }, 60_000);

  it('a supervisor sees incidents and the queues of every team', async () => {
    const { page } = journey.browser;
    await signIn(page, 'supervisor', 'supervisor-password-demo');
    await page.goto(`${journey.running.url}/incidents`);
    expect(await page.getByRole('heading', { level: 1, name: 'Incidents' }).count()).toBe(1);
    await expectAccessible();
    await page.goto(`${journey.running.url}/queues`);
    await expectAccessible();

    // Live back-office answers for a caller who quotes a reference and a second detail.
    const account = MOCK_REVENUES_FIXTURES.singleAdult;
    const pcn = MOCK_PARKING_FIXTURES.discount;
    await page.goto(`${journey.running.url}/desktop/lookups?reference=${account.reference}&postcode=${encodeURIComponent(account.postcode)}`);
    expect(await page.getByText('Balance').count()).toBe(1);
    await expectAccessible();
    // A discount refused by the revenues rule is shown in the error summary (the form posts to the page).
    const couple = MOCK_REVENUES_FIXTURES.twoAdults;
    await page.goto(`${journey.running.url}/desktop/lookups?reference=${couple.reference}&postcode=${encodeURIComponent(couple.postcode)}`);
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Apply for the discount' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await page.goto(`${journey.running.url}/desktop/lookups?pcnNumber=${pcn.pcnNumber}&vrm=${pcn.vrm}`);
    expect(await page.getByText('Due now').count()).toBe(1);
    await expectAccessible();
    await page.goto(`${journey.running.url}/desktop/lookups?pcnNumber=${pcn.pcnNumber}&vrm=WRONG1`);
    expect(await page.getByText('has no record').count()).toBe(1);
    await signOut(page);
  }, 30_000);

  it('a resident requests a replacement bin on the portal', async () => {
    const { page } = journey.browser;
    const property = journey.running.app.services.waste.mock!.properties()[3]!;
    await page.goto(`${journey.running.url}/portal`);
    await page.getByRole('link', { name: 'Request a bin or box' }).click();
    await page.getByLabel('What is your postcode?').fill(property.postcode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel([...property.address.lines, property.address.town, property.postcode].join(', ')).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/request-a-container/container');
    await expectAccessible();
    await page.locator('input[name="containerType"]').first().check();
    await page.getByLabel('Damaged: it is broken').check();
    await page.getByLabel('How many?').fill('1');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState();
    if (page.url().endsWith('/container')) {
      // The limit rule refused it: the reason is on the page, accessibly.
      expect(await page.locator('.govuk-error-summary').count()).toBe(1);
      await expectAccessible();
      return;
    }
    await page.waitForURL('**/request-a-container/name');
    await page.getByLabel('What is your name?').fill('Pat Resident');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/request-a-container/check');
    await expectAccessible();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/request-a-container/confirmation');
    await expectAccessible();
    const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(await journey.running.app.services.store.getCase(reference)).toMatchObject({ caseType: 'waste.container-request', channel: 'web', state: 'referred' });
  }, 60_000);

  it('a resident checks a parking fine by PCN and registration and challenges it', async () => {
    const { page } = journey.browser;
    const { pcnNumber, vrm } = MOCK_PARKING_FIXTURES.challengeable;
    await page.goto(`${journey.running.url}/portal`);
    await page.getByRole('link', { name: 'Check or challenge a parking fine' }).click();
    await page.waitForURL('**/portal/parking-fine/pcn');
    await page.getByLabel('Penalty charge notice number').fill(pcnNumber);
    await page.getByLabel('Vehicle registration number').fill('ZZ99ZZZ');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/parking-fine/action');
    expect(await page.getByRole('heading', { name: 'We could not find that penalty charge notice' }).count()).toBe(1);
    await expectAccessible();
    await page.goBack();
    await page.getByLabel('Vehicle registration number').fill(vrm.toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/parking-fine/action');
    expect(await page.getByText('Amount due now').count()).toBe(1);
    await expectAccessible();
    await page.getByLabel('Challenge the penalty charge').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/parking-fine/statement');
    await expectAccessible();
    await page.getByLabel('Why should the penalty charge be cancelled?').fill('The signs were covered by scaffolding.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/parking-fine/check');
    await expectAccessible();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/portal/parking-fine/confirmation');
    await expectAccessible();
    const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(await journey.running.app.services.store.getCase(reference)).toMatchObject({ caseType: 'parking.challenge', channel: 'web', state: 'referred' });
    await journey.running.app.services.runWorkersOnce();
    const delivered = await journey.running.app.services.store.getCase(reference);
    expect(delivered?.externalReferences.some((r) => r.system === 'parking')).toBe(true);
  }, 60_000);

  it('a resident tells the council they are moving home', async () => {
    const { page } = journey.browser;
    const { reference, postcode } = MOCK_REVENUES_FIXTURES.mover;
    await page.goto(`${journey.running.url}/portal/moving-home`);
    await page.waitForURL('**/portal/moving-home/account');
    await page.getByLabel('Council tax account number').fill(reference);
    await page.getByLabel('Postcode').fill(postcode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/moving-home/move');
    await expectAccessible();
    await page.getByLabel('I am leaving the area').check();
    const soon = new Date(Date.now() + 10 * 86_400_000);
    await page.getByLabel('Day').fill(String(soon.getUTCDate()));
    await page.getByLabel('Month').fill(String(soon.getUTCMonth() + 1));
    await page.getByLabel('Year').fill(String(soon.getUTCFullYear()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/moving-home/address');
    await expectAccessible();
    await page.getByLabel('Address line 1', { exact: false }).first().fill('1 New Street');
    await page.getByLabel('Town or city').fill('Elsewhere');
    await page.getByLabel('Postcode').fill('EL1 1AA');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/moving-home/check');
    await expectAccessible();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/portal/moving-home/confirmation');
    const caseRef = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(await journey.running.app.services.store.getCase(caseRef)).toMatchObject({ caseType: 'revenues.moving-home', channel: 'web', state: 'referred' });
    await expectAccessible();
  }, 60_000);

  /** Residents whose home has a bin collection that can be reported as missed right now. */
  async function residentsWithReportableBins(count: number) {
    const found: Array<{ resident: ReturnType<typeof resident>; serviceName: string; uprn: number }> = [];
    const seen = new Set<string>();
    for (const r of journey.running.app.services.residents.all()) {
      const uprn = currentAddress(r)?.address.uprn;
      if (!uprn || seen.has(uprn)) continue;
      seen.add(uprn);
      const bins = await binDaysFor(journey.running.app.services.waste, Number(uprn));
      const service = bins.status === 'ok' ? bins.data.services.find((s) => s.reportable) : undefined;
      if (service) found.push({ resident: r, serviceName: service.name, uprn: Number(uprn) });
      if (found.length === count) break;
    }
    return found;
  }

  it('an agent reports a missed bin, it is referred, the back office completes it and the status flows back', async () => {
    const { page } = journey.browser;
    const [target] = await residentsWithReportableBins(1);
    expect(target, 'a resident with a reportable collection').toBeDefined();
    await signIn(page, 'agent', 'agent-password-demo');
    await page.goto(`${journey.running.url}/residents/${target!.resident.id}`);
    await expectAccessible();
    await page.getByRole('button', { name: /^Report missed/ }).first().click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible();
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await journey.running.app.services.store.getCase(caseId)).toMatchObject({ caseType: 'waste.missed-collection', state: 'referred', citizenId: target!.resident.id });

    // The dispatcher delivers the referral through the outbox; the back office's reference is recorded.
    await journey.running.app.services.runWorkersOnce();
    const referred = await journey.running.app.services.store.getCase(caseId);
    const reference = referred?.externalReferences.find((r) => r.system === 'waste')?.reference;
    expect(reference).toBeTruthy();

    // The crew goes back; status sync polls the update and moves the case on.
    journey.running.app.services.waste.mock!.complete(reference!, 'Collected on the return visit');
    await journey.running.app.services.runWorkersOnce();
    const done = await journey.running.app.services.store.getCase(caseId);
    expect(['resolved', 'closed']).toContain(done?.status);
    await page.reload();
    expect(await page.getByText(reference!).count()).toBeGreaterThan(0);
    await expectAccessible();
    if (done?.status === 'resolved') {
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await expect.poll(() => page.getByText('Nothing more to do').count()).toBe(1);
    }
    expect(await journey.running.app.services.store.getCase(caseId)).toMatchObject({ status: 'closed' });

    // A container request: a form generated from the back office's container types, checked by the waste rule.
    await page.goto(`${journey.running.url}/residents/${target!.resident.id}/container`);
    await expectAccessible();
    await page.getByRole('button', { name: 'Order container' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await page.locator('input[name="containerType"]').first().check();
    await page.getByLabel('Damaged').check();
    await page.getByRole('button', { name: 'Order container' }).click();
    await page.waitForLoadState();
    const ordered = /\/cases\//.test(page.url());
    if (ordered) expect(await journey.running.app.services.store.getCase(decodeURIComponent(page.url().split('/').pop()!))).toMatchObject({ caseType: 'waste.container-request', state: 'referred' });
    else expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await signOut(page);
  }, 60_000);

  it('a resident reports a missed bin on the portal and an agent sees it', async () => {
    const { page } = journey.browser;
    const [, target] = await residentsWithReportableBins(2);
    expect(target, 'a second resident with a reportable collection').toBeDefined();
    const property = await journey.running.app.services.waste.client.getProperty(target!.uprn);
    await page.goto(`${journey.running.url}/portal`);
    await expectAccessible();
    await page.getByRole('link', { name: 'Check bin days or report a missed bin' }).click();
    await page.waitForURL('**/portal/missed-bin/postcode');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await page.getByLabel('What is your postcode?').fill(property.postcode.toLowerCase().replace(' ', ''));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/missed-bin/address');
    await expectAccessible();
    await page.getByLabel([...property.address.lines, property.address.town, property.postcode].join(', ')).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/missed-bin/bin');
    await expectAccessible();
    await page.getByLabel(new RegExp(`${target!.serviceName} \\(due`)).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/missed-bin/name');
    await expectAccessible();
    await page.getByLabel('What is your name?').fill(nameOf(target!.resident));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/portal/missed-bin/check');
    await expectAccessible();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/portal/missed-bin/confirmation');
    await expectAccessible();
    const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
    expect(reference).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await journey.running.app.services.store.getCase(reference)).toMatchObject({ channel: 'web', state: 'referred', citizenId: target!.resident.id });

    await signIn(page, 'agent', 'agent-password-demo');
    await page.goto(`${journey.running.url}/residents/${target!.resident.id}`);
    expect(await page.getByRole('link', { name: new RegExp(reference) }).count()).toBe(1);
    await expectAccessible();
    await signOut(page);
  }, 60_000);
  it('an agent raises a PCN challenge: a refusal is read out from the error summary, then it is referred', async () => {
    const { page } = journey.browser;
    await signIn(page, 'agent', 'agent-password-demo');
    await page.goto(`${journey.running.url}/cases/new?type=parking.challenge`);
    await expectAccessible();
    await page.getByLabel('Phone').check();
    await page.getByLabel('PCN number').fill('AT10000002');
    await page.getByLabel('VRM').fill('AB12CDE');
    await page.getByLabel('Postal', { exact: true }).check();
    await page.getByLabel('Discount', { exact: true }).check();
    await page.getByLabel('Statement', { exact: true }).fill('The bay markings were worn away.');
    await page.getByLabel('Send the challenge').check();
    const before = (await journey.running.app.services.store.findCases({})).length;
    await page.getByRole('button', { name: 'Raise case' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('make a formal representation instead');
    expect((await journey.running.app.services.store.findCases({})).length).toBe(before);
    await expectAccessible();

    await page.getByLabel('Affixed', { exact: true }).check();
    await page.getByRole('button', { name: 'Raise case' }).click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible();
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await journey.running.app.services.store.getCase(caseId)).toMatchObject({ caseType: 'parking.challenge', state: 'referred' });
    expect((await journey.running.app.services.store.listOutbox({ caseId })).map((m) => m.operation)).toEqual(['challengePcn']);
    await signOut(page);
  }, 60_000);
});
