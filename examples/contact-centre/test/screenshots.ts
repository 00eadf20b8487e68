// Take the screenshots in docs/screenshots/ with the same browser the tests use:
//   node --conditions=@councilkit/source --import tsx test/screenshots.ts
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { hasChromium, launchBrowser } from './browser-harness.js';
import { startApp } from './harness.js';

if (!hasChromium) {
  console.error('Install chromium first: apt-get install -y chromium');
  process.exit(1);
}
const out = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
await mkdir(out, { recursive: true });
const running = await startApp();
const browser = await launchBrowser();
const { page } = browser;
try {
  await page.goto(`${running.url}/sign-in`);
  await page.getByLabel('Username').fill('supervisor');
  await page.getByLabel('Password', { exact: true }).fill('supervisor-password-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/desktop');
  const someone = running.app.services.residents.all()[3]!;
  await page.goto(`${running.url}/desktop?q=${encodeURIComponent(someone.name.family ?? '')}`);
  await page.screenshot({ path: `${out}agent-desktop-search.png`, fullPage: true });
  await page.goto(`${running.url}/residents/${someone.id}`);
  await page.screenshot({ path: `${out}agent-desktop-resident.png`, fullPage: true });
  await page.goto(`${running.url}/dashboard`);
  await page.screenshot({ path: `${out}dashboard.png`, fullPage: true });
  await page.goto(`${running.url}/portal`);
  await page.screenshot({ path: `${out}portal-start.png`, fullPage: true });
  console.log(`Screenshots written to ${out}`);
} finally {
  await browser.close();
  await running.stop();
}
