// Take the screenshots in docs/screenshots/ with the same browser the tests use:
//   pnpm --filter @councilkit/example-contact-centre screenshots
// It drives the real app: some contacts are raised and handled through the
// engine first, so the dashboard has something to measure.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Channel } from '@councilkit/cases';
import { MOCK_PARKING_FIXTURES } from '@councilkit/parking/mock';
import { MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
import { binDaysFor } from '../src/back-offices/bin-days.js';
import { currentAddress } from '../src/residents/resident-directory.js';
import { hasChromium, launchBrowser } from './browser-harness.js';
import { startApp } from './harness.js';

if (!hasChromium) {
  console.error('Install chromium first: apt-get install -y chromium');
  process.exit(1);
}
const out = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
await mkdir(out, { recursive: true });
const running = await startApp({ workers: false, seedResidents: 500 });
const { services } = running.app;
const agent = services.actorFor(running.app.users.list().find((u) => u.username === 'agent')!);

// A morning's contacts: enquiries on every channel, most answered on the call.
const channels: Channel[] = ['phone', 'phone', 'phone', 'web', 'web', 'face-to-face', 'email', 'web', 'phone', 'web'];
const residents = services.residents.all();
for (let i = 0; i < 40; i++) {
  const opened = await services.engine.open({
    actor: agent,
    idempotencyKey: `shot-${i}`,
    caseType: 'contact-centre.general-enquiry',
    channel: channels[i % channels.length]!,
    citizenId: residents[i]!.id,
    data: { topic: (['council-tax', 'waste', 'parking', 'housing'] as const)[i % 4], question: 'Resident question' },
  });
  if (i % 9 !== 0) await services.engine.transition({ actor: agent, idempotencyKey: `shot-answer-${i}`, caseId: opened.caseId, transition: 'answer' });
  else await services.engine.transition({ actor: agent, idempotencyKey: `shot-cb-${i}`, caseId: opened.caseId, transition: 'arrange-call-back' });
}

const browser = await launchBrowser();
const { page } = browser;
try {
  // A resident whose bins can be reported now, for the desktop and the portal;
  // one who also pays council tax and has a PCN first, so the page shows all three back offices.
  let target: { id: string; uprn: number; postcode: string } | undefined;
  const holds = (r: (typeof residents)[number], scheme: string, system?: string) =>
    r.identifiers.some((i) => i.scheme === scheme && (system === undefined || ('system' in i && i.system === system)));
  const ranked = [...residents].sort(
    (a, b) => Number(holds(b, 'council-tax-account')) + Number(holds(b, 'local', 'pcn')) - Number(holds(a, 'council-tax-account')) - Number(holds(a, 'local', 'pcn')),
  );
  for (const r of ranked) {
    const uprn = currentAddress(r)?.address.uprn;
    if (!uprn) continue;
    const bins = await binDaysFor(services.waste, Number(uprn));
    if (bins.status === 'ok' && bins.data.services.some((s) => s.reportable)) {
      target = { id: r.id, uprn: Number(uprn), postcode: bins.data.property.postcode };
      break;
    }
  }
  await page.goto(`${running.url}/sign-in`);
  await page.getByLabel('Username').fill('supervisor');
  await page.getByLabel('Password', { exact: true }).fill('supervisor-password-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/desktop');
  const someone = services.residents.get(target!.id)!;
  await page.goto(`${running.url}/desktop?q=${encodeURIComponent(`${someone.name.given} ${someone.name.family}`)}`);
  await page.screenshot({ path: `${out}agent-desktop-search.png`, fullPage: true });
  await page.goto(`${running.url}/residents/${someone.id}`);
  await page.screenshot({ path: `${out}agent-desktop-resident.png`, fullPage: true });
  await page.getByRole('button', { name: /^Report missed/ }).first().click();
  await page.waitForURL(/\/cases\//);
  await services.runWorkersOnce();
  await page.reload();
  await page.screenshot({ path: `${out}agent-desktop-case.png`, fullPage: true });
  await page.goto(`${running.url}/queues`);
  await page.screenshot({ path: `${out}agent-desktop-queues.png`, fullPage: true });
  await page.goto(`${running.url}/dashboard`);
  await page.screenshot({ path: `${out}dashboard.png`, fullPage: true });

  const account = MOCK_REVENUES_FIXTURES.singleAdult;
  await page.goto(`${running.url}/desktop/lookups?reference=${account.reference}&postcode=${encodeURIComponent(account.postcode)}&pcnNumber=${MOCK_PARKING_FIXTURES.discount.pcnNumber}&vrm=${MOCK_PARKING_FIXTURES.discount.vrm}`);
  await page.screenshot({ path: `${out}agent-desktop-lookups.png`, fullPage: true });

  await page.goto(`${running.url}/portal`);
  await page.screenshot({ path: `${out}portal-start.png`, fullPage: true });
  await page.getByRole('link', { name: 'Check bin days or report a missed bin' }).click();
  await page.getByLabel('What is your postcode?').fill(target!.postcode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('.govuk-radios__input').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/bin');
  await page.screenshot({ path: `${out}portal-bin-days.png`, fullPage: true });
  await page.locator('.govuk-radios__input').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What is your name?').fill('Sam Resident');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/check');
  await page.screenshot({ path: `${out}portal-check-answers.png`, fullPage: true });
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.waitForURL('**/confirmation');
  await page.screenshot({ path: `${out}portal-confirmation.png`, fullPage: true });
  console.log(`Screenshots written to ${out}`);
} finally {
  await browser.close();
  await running.stop();
}
