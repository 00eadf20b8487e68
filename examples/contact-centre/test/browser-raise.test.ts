import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { chromiumPath, hasChromium, useBrowserApp } from './browser-harness.js';
import { currentAddress, displayName } from '../src/residents/resident-directory.js';

if (!hasChromium) {
  console.warn(`[contact-centre] Browser raise tests SKIPPED: ${chromiumPath} is not installed (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('raising record-based case types in a real browser', () => {
  const journey = useBrowserApp({ seedResidents: 50, workers: false });
  const { expectAccessible, signIn, signOut } = journey;

  const caseCount = async () => (await journey.running.app.services.store.findCases({})).length;
  const caseIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  it('an agent books a bulky collection from the choose page: too many of one item is refused, then it is booked and on the timeline', async () => {
    const { page } = journey.browser;
    const known = new Set(journey.running.app.services.waste.properties.map((p) => p.uprn));
    const citizen = journey.running.app.services.residents.all().find((r) => known.has(currentAddress(r)?.address.uprn ?? ''));
    expect(citizen, 'a resident at a property the waste system knows').toBeDefined();
    await signIn(page, 'agent');

    await page.goto(`${journey.running.url}/residents/${citizen!.id}`);
    await page.getByRole('button', { name: 'Raise a case' }).click();
    await page.waitForURL('**/cases/new?citizenId=*');
    await expectAccessible();
    await page.getByRole('link', { name: 'Bulky waste collection' }).click();
    await page.waitForURL(`**/residents/${citizen!.id}/bulky-collection`);
    await expectAccessible();

    await page.getByLabel('Phone').check();
    await page.locator('input[name="slotId"]').first().check();
    await page.getByLabel('Item 1', { exact: true }).selectOption('fridge-freezer');
    await page.getByLabel('Quantity 1', { exact: true }).fill('3');
    await page.getByLabel('Where the items will be left').fill('By the front gate');
    await page.getByLabel('Card payment reference').fill('PAY-BROWSER-1');
    const before = await caseCount();
    await page.getByRole('button', { name: 'Book the collection' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('at most 2 of fridge or freezer');
    expect(await caseCount()).toBe(before);
    await expectAccessible();
    // The summary links to the question in error.
    await page.locator('.govuk-error-summary a').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^items-0-/);

    await page.getByLabel('Quantity 1', { exact: true }).fill('1');
    await page.getByLabel('Item 2', { exact: true }).selectOption('armchair');
    await page.getByLabel('Quantity 2', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Book the collection' }).click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible();
    const caseId = caseIdOf(page);
    expect(await journey.running.app.services.store.getCase(caseId)).toMatchObject({
      caseType: 'waste.bulky-booking',
      state: 'booked',
      citizenId: citizen!.id,
      data: { items: [{ itemId: 'fridge-freezer', quantity: 1 }, { itemId: 'armchair', quantity: 2 }], price: 2500 + 2 * 1200 },
    });
    expect((await journey.running.app.services.store.listOutbox({ caseId })).map((m) => m.operation)).toEqual(['bookBulkyCollection']);
    await page.getByRole('link', { name: `Back to ${displayName(citizen!)}` }).click();
    expect(await page.getByRole('link', { name: new RegExp(caseId) }).count()).toBe(1);
    await expectAccessible();
    await signOut(page);
  }, 90_000);

  it('an agent answers a single person discount review from the account look-up, after being asked what it needs', async () => {
    const { page } = journey.browser;
    const account = MOCK_REVENUES_FIXTURES.withDiscount;
    await signIn(page, 'agent');
    await page.goto(`${journey.running.url}/desktop/lookups?reference=${account.reference}&postcode=${encodeURIComponent(account.postcode)}`);
    await expectAccessible();
    const review = page.locator('#spd-review');
    const before = await caseCount();
    await review.getByRole('button', { name: 'Send the review answer' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Say whether the resident still lives alone');
    expect(await caseCount()).toBe(before);
    await expectAccessible();

    await page.locator('#spd-review').getByLabel('No').check();
    await page.locator('#spd-review').getByLabel('Day').fill('2');
    await page.locator('#spd-review').getByLabel('Month').fill('11');
    await page.locator('#spd-review').getByLabel('Year').fill('2026');
    await page.locator('#spd-review').getByRole('button', { name: 'Send the review answer' }).click();
    await page.waitForURL(/\/cases\/[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible();
    const caseId = caseIdOf(page);
    expect(await journey.running.app.services.store.getCase(caseId)).toMatchObject({
      caseType: 'revenues.single-person-discount',
      state: 'referred',
      data: { action: 'review', stillLivingAlone: false, otherAdultSince: '2026-11-02', hasDiscount: true },
    });
    expect((await journey.running.app.services.store.listOutbox({ caseId })).map((m) => m.operation)).toEqual(['reviewSinglePersonDiscount']);
  }, 60_000);
});
