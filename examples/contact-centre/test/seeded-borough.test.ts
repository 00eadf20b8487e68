import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Citizen } from '@councilkit/citizen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcnNumbersOf, vehicleOf } from '../src/residents/resident-directory.js';
import type { Services } from '../src/services.js';
import { axeViolations, hasChromium, launchBrowser } from './browser-harness.js';
import { type RunningApp, createClient, startApp } from './harness.js';

const pounds = (pence: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
const ctaxOf = (citizen: Citizen) => citizen.identifiers.find((i) => i.scheme === 'council-tax-account')?.value;
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

/** Everything the mocks hold for the borough's residents, keyed by resident. */
function boroughRecords(services: Services) {
  return services.residents.all().map((citizen) => {
    const reference = ctaxOf(citizen);
    return {
      id: citizen.id,
      account: reference ? services.revenues.mock!.account(`ac-${reference.toLowerCase()}`) : undefined,
      vehicle: vehicleOf(citizen),
      pcns: pcnNumbersOf(citizen).map((pcnNumber) => services.parking.mock!.pcn(pcnNumber)),
    };
  });
}

describe('a seeded borough in the back-office mocks', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ seedResidents: 300, workers: false });
  });
  afterAll(async () => {
    await running.stop();
  });

  const services = () => running.app.services;
  const openPcnsOf = (citizen: Citizen) => pcnNumbersOf(citizen).map((n) => services().parking.mock!.pcn(n)!).filter((pcn) => pcn.stage !== 'paid' && pcn.stage !== 'cancelled');
  /** A household head with a council tax account and at least one open PCN. */
  const target = () => services().residents.all().find((citizen) => ctaxOf(citizen) && openPcnsOf(citizen).length > 0)!;

  it('says at start what it seeded, and every council tax reference has an account in the revenues mock', () => {
    const notes = services().startupNotes.join('\n');
    expect(notes).toMatch(/Revenues mock: seeded \d+ council tax accounts \(\d+ with a single person discount, \d+ in arrears\)/);
    expect(notes).toMatch(/Parking mock: seeded \d+ PCNs for \d+ of the \d+ residents who keep a vehicle/);
    const records = boroughRecords(services());
    const holders = services().residents.all().filter(ctaxOf);
    expect(holders.length).toBeGreaterThan(50);
    expect(records.filter((r) => r.account).length).toBe(holders.length);
    const accounts = records.flatMap((r) => (r.account ? [r.account] : []));
    // A mix, as a real borough has: discounts, arrears, direct debits and other ways to pay.
    expect(accounts.some((a) => a.discounts.some((d) => d.code === 'single-person'))).toBe(true);
    expect(accounts.some((a) => a.instalments.some((i) => i.status === 'overdue'))).toBe(true);
    expect(accounts.some((a) => a.paymentMethod.kind === 'direct-debit')).toBe(true);
    expect(accounts.some((a) => a.paymentMethod.kind !== 'direct-debit')).toBe(true);
    const stages = new Set(records.flatMap((r) => r.pcns.map((p) => p!.stage)));
    expect([...stages]).toEqual(expect.arrayContaining(['discount', 'notice-to-owner', 'paid']));
  });

  it("shows a resident's council tax balance and instalments and their open PCNs on their page", async () => {
    const citizen = target();
    const account = services().revenues.mock!.account(`ac-${ctaxOf(citizen)!.toLowerCase()}`)!;
    const client = createClient(running.url);
    await client.signIn();
    const response = await client.request(`/residents/${encodeURIComponent(citizen.id)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('has no record');
    expect(html).toMatch(/<dt class="govuk-summary-list__key">\s*Band\s*<\/dt>/);
    expect(html).toContain(account.balance < 0 ? `${pounds(-account.balance)} in credit` : pounds(account.balance));
    const next = account.instalments.find((i) => i.status !== 'paid')!;
    expect(html).toContain(`${pounds(next.amount)} (${next.status})`);
    expect(html).toContain('Parking penalty charges');
    for (const pcn of openPcnsOf(citizen)) {
      expect(html).toContain(`PCN ${pcn.pcnNumber}`);
      expect(html).toContain(pounds(pcn.amountDue));
      expect(html).toContain(`/desktop/lookups?pcnNumber=${pcn.pcnNumber}&amp;vrm=${pcn.vrm}`);
      if (pcn.discountUntil) expect(html).toContain(`${pounds(pcn.amountDiscounted)} until`);
    }
  });

  it.skipIf(!hasChromium)('the resident page with council tax and PCN panels passes axe in Chromium', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await page.goto(`${running.url}/sign-in`);
      await page.getByLabel('Username').fill('agent');
      await page.getByLabel('Password', { exact: true }).fill('agent-password-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/desktop');
      await page.goto(`${running.url}/residents/${encodeURIComponent(target().id)}`);
      await page.getByRole('heading', { name: 'Parking penalty charges' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('shows missed instalments as overdue', async () => {
    const citizen = services().residents.all().find((c) => {
      const reference = ctaxOf(c);
      return reference && services().revenues.mock!.account(`ac-${reference.toLowerCase()}`)?.instalments.some((i) => i.status === 'overdue');
    })!;
    const client = createClient(running.url);
    await client.signIn();
    expect(await (await client.request(`/residents/${encodeURIComponent(citizen.id)}`)).text()).toContain('(overdue)');
  });

  it('finds the resident by council tax reference, by PCN number and by vehicle registration', async () => {
    const citizen = target();
    const client = createClient(running.url);
    await client.signIn();
    for (const query of [ctaxOf(citizen)!, pcnNumbersOf(citizen)[0]!, vehicleOf(citizen)!]) {
      const hits = await services().residents.search(query, 5);
      expect(hits[0], query).toMatchObject({ id: citizen.id, matchedOn: 'reference' });
      const page = await (await client.request(`/desktop?q=${encodeURIComponent(query)}`)).text();
      expect(page).toContain(`/residents/${encodeURIComponent(citizen.id)}`);
    }
  });

  it('says the parking system is down, still shows council tax, and never answers 500', async () => {
    const citizen = target();
    services().parking.mock!.faults.inject({ operation: 'findPcn', kind: 'error', status: 503, times: 20 });
    try {
      const client = createClient(running.url);
      await client.signIn();
      const response = await client.request(`/residents/${encodeURIComponent(citizen.id)}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(escaped('The parking system is not answering just now, so the penalty charge cannot be shown. You can still raise a case.'));
      expect(html.match(/The parking system is not answering/g)).toHaveLength(1);
      expect(html).not.toContain(`PCN ${openPcnsOf(citizen)[0]!.pcnNumber}`);
      expect(html).toContain(ctaxOf(citizen)!);
      expect(html).toContain('Raise a case');
    } finally {
      services().parking.mock!.faults.clear();
    }
  });
});

describe('seeding with a real back office configured', () => {
  it('seeds nothing into a mock that is not used and gives no resident a PCN the real system does not hold', async () => {
    // Nothing listens on these addresses: the point is only that no mock is seeded.
    const running = await startApp({ seedResidents: 40, workers: false, revenuesBaseUrl: 'http://127.0.0.1:9/revenues', parkingBaseUrl: 'http://127.0.0.1:9/parking' });
    try {
      const { startupNotes, residents, revenues, parking } = running.app.services;
      expect(revenues.mock).toBeUndefined();
      expect(parking.mock).toBeUndefined();
      expect(startupNotes.join('\n')).not.toMatch(/Revenues mock|Parking mock/);
      expect(residents.all().some((citizen) => vehicleOf(citizen) || pcnNumbersOf(citizen).length)).toBe(false);
    } finally {
      await running.stop();
    }
  });
});

describe('seeding is deterministic', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('gives the same accounts and PCNs on the first start and on a later one that loads the residents', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cc-borough-'));
    const options = { inMemory: false, dataDir, seedResidents: 120, workers: false };
    const first = await startApp(options);
    let before: ReturnType<typeof boroughRecords>;
    try {
      expect(first.app.services.residents.seeded).toBe(true);
      before = boroughRecords(first.app.services);
    } finally {
      await first.stop();
    }
    const second = await startApp(options);
    try {
      expect(second.app.services.residents.seeded).toBe(false);
      const after = boroughRecords(second.app.services);
      expect(after).toEqual(before);
      expect(after.filter((r) => r.account).length).toBeGreaterThan(20);
      expect(after.flatMap((r) => r.pcns).length).toBeGreaterThan(5);
      // The PCN numbers came back from the data folder: the resident directory there finds them too.
      const withPcn = after.find((r) => r.pcns.length)!;
      expect((await second.app.services.residents.search(withPcn.pcns[0]!.pcnNumber))[0]).toMatchObject({ id: withPcn.id, matchedOn: 'reference' });
    } finally {
      await second.stop();
    }
  }, 120_000);
});
