import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, axeViolations, chromiumPath, hasChromium, launchBrowser } from './browser-harness.js';
import { type RunningApp, startApp } from './harness.js';

if (!hasChromium) {
  console.warn(`[contact-centre] Browser tests SKIPPED: ${chromiumPath} is not installed (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('in a real browser', () => {
  let running: RunningApp;
  let browser: Browser;
  const visited: string[] = [];

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Every page the journeys visit must pass axe with no violations. */
  async function expectAccessible(): Promise<void> {
    const { page } = browser;
    visited.push(new URL(page.url()).pathname);
    expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
  }

  it('an agent signs in, and every page passes axe', async () => {
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
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Find a resident');
    await expectAccessible();

    const someone = running.app.services.residents.all()[0]!;
    const name = [someone.name.given, someone.name.family].join(' ');
    // A typo the way an agent might type it: the last two letters swapped.
    await page.getByLabel('Name, postcode, address or UPRN').fill(name.slice(0, -2) + name.slice(-1) + name.slice(-2, -1));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/desktop?q=*');
    await expectAccessible();
    await page.getByRole('link', { name }).first().click();
    await page.waitForURL(`**/residents/${someone.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
    await expectAccessible();

    await page.goto(`${running.url}/dashboard`);
    await expectAccessible();

    await page.goto(`${running.url}/no-such-page`);
    await expectAccessible();

    await page.goto(`${running.url}/desktop`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signed-out');
    await expectAccessible();
  }, 60_000);

  it('the resident portal passes axe', async () => {
    const { page } = browser;
    await page.goto(`${running.url}/portal`);
    await expectAccessible();
  }, 30_000);
});
