import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Browser, axeViolations, chromiumPath, hasChromium, launchBrowser } from './browser-harness.js';
import { type RunningApp, startApp } from './harness.js';

if (!hasChromium) {
  console.warn(`[contact-centre] Browser tests SKIPPED: ${chromiumPath} is not installed (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('in a real browser', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startApp({ seedResidents: 300 });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Every page the journeys visit must pass axe with no violations. */
  async function expectAccessible(page: Page = browser.page): Promise<void> {
    expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${running.url}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/desktop');
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signed-out');
  }

  const resident = () => running.app.services.residents.all()[0]!;
  const nameOf = (r: ReturnType<typeof resident>) => [r.name.given, r.name.family].join(' ');

  it('an agent signs in, finds a resident, raises an enquiry and resolves it at first contact', async () => {
    const { page } = browser;
    await page.goto(`${running.url}/desktop`);
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
    const stored = await running.app.services.store.getCase(caseId);
    expect(stored).toMatchObject({ status: 'closed', resolvedAtFirstContact: true, citizenId: someone.id, channel: 'phone' });

    await page.goto(`${running.url}/queues`);
    await expectAccessible();

    await page.goto(`${running.url}/dashboard`);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(2);
    await expectAccessible();

    await page.goto(`${running.url}/no-such-page`);
    await expectAccessible();
    await signOut(page);
    await expectAccessible();
  }, 90_000);

  it('a social care case is invisible to an ordinary agent', async () => {
    const { page } = browser;
    const someone = running.app.services.residents.all()[1]!;
    await signIn(page, 'socialcare', 'socialcare-password-demo');
    await page.goto(`${running.url}/cases/new?citizenId=${encodeURIComponent(someone.id)}&type=social-care.adult-referral`);
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
    await page.goto(`${running.url}/residents/${someone.id}`);
    expect(await page.getByText('Adult social care referral').count()).toBe(0);
    expect(await page.getByText('1 restricted case is held by another team.').count()).toBe(1);
    await expectAccessible();
    const response = await page.goto(caseUrl);
    expect(response?.status()).toBe(403);
    await expectAccessible();
    await signOut(page);
  }, 60_000);

  it('the resident portal passes axe', async () => {
    const { page } = browser;
    await page.goto(`${running.url}/portal`);
    await expectAccessible();
  }, 30_000);
});
