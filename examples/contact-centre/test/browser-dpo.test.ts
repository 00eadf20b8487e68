// The data protection desk in Chromium: every page the officer goes through
// (resident, desk, subject access document, restriction, the erasure check
// and its outcome, an error summary) passes axe with no violations.
import { describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, useBrowserApp } from './browser-harness.js';

if (!hasChromium) {
  console.warn(`[contact-centre] Browser tests SKIPPED: ${chromiumPath} is not installed (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('the data protection desk in a real browser', () => {
  const journey = useBrowserApp({ seedResidents: 60, workers: false });
  const { expectAccessible, signIn } = journey;

  it('the officer exports, restricts, lifts and erases a resident, every page accessible', async () => {
    const { page } = journey.browser;
    const resident = journey.running.app.services.residents.all().find((r) => r.name.given)!;
    const name = `${resident.name.given} ${resident.name.family}`;
    await signIn(page, 'dpo');
    await page.goto(`${journey.running.url}/residents/${resident.id}`);
    await expectAccessible();
    await page.getByRole('link', { name: 'Data protection: export, restrict or erase' }).click();
    await page.waitForURL(`**/dpo/residents/${resident.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
    await expectAccessible();

    await page.getByRole('link', { name: 'Read the subject access document' }).click();
    await page.waitForURL('**/subject-access');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('holds about you');
    await expectAccessible();
    await page.goBack();

    // A missing reference: the GOV.UK error summary, accessible too.
    await page.getByRole('button', { name: 'Restrict processing' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await page.getByLabel('Request reference', { exact: true }).fill('DPR-BROWSER');
    await page.getByRole('button', { name: 'Restrict processing' }).click();
    await expect.poll(() => page.getByText('Processing restricted').count()).toBeGreaterThan(0);
    await expectAccessible();

    await page.goto(`${journey.running.url}/dpo`);
    expect(await page.getByRole('link', { name }).count()).toBe(1);
    await expectAccessible();
    await page.getByRole('link', { name }).click();
    await page.getByLabel('Why is the restriction lifted?').fill('Checked');
    await page.getByRole('button', { name: 'Lift the restriction' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Restrict processing' }).count()).toBe(1);

    await page.getByLabel('Erasure request reference').fill('ERA-BROWSER');
    await page.getByRole('button', { name: 'Check what erasure will do' }).click();
    await page.waitForURL('**/erase?reference=ERA-BROWSER');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Check before erasing');
    await expectAccessible();
    await page.getByRole('button', { name: 'Erase now' }).click();
    await expect.poll(() => page.locator('.govuk-panel__title').textContent()).toMatch(/Erasure complete|Partly erased/);
    await expectAccessible();
  }, 90_000);
});
