import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AppOptions } from '../src/app.js';
import { type RunningApp, startApp } from './harness.js';

/** Debian's chromium: `.ci/run` installs it when missing. */
export const chromiumPath = '/usr/bin/chromium';
/** Whether the browser tests can run here. */
export const hasChromium = existsSync(chromiumPath);

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** A fresh headless Chromium with its own throwaway profile. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launch Chromium with a fresh --user-data-dir and no background network chatter. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'councilkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // axe is injected as a script tag, which the app's strict CSP would refuse.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** One axe-core violation, trimmed to what a failing test should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Run axe-core (WCAG 2.2 A/AA and best practice) on the current page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** What {@link useBrowserApp} gives a browser journey: the app, the browser, and the steps every journey takes. */
export interface BrowserApp {
  /** The app on its real HTTP server (set once `beforeAll` has run). */
  readonly running: RunningApp;
  /** Chromium with its first page (set once `beforeAll` has run). */
  readonly browser: Browser;
  /** Every page a journey visits must pass axe with no violations. */
  expectAccessible(page?: Page): Promise<void>;
  /** Sign in as a seeded user; the password defaults to the seeded `<username>-password-demo`. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  signOut(page: Page): Promise<void>;
}

/**
 * Start the app and Chromium before the enclosing `describe`'s tests and stop
 * both after them, so each browser test file declares only its journeys.
 */
export function useBrowserApp(options: AppOptions): BrowserApp {
  let running: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    running = await startApp(options);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });
  const app: BrowserApp = {
    get running() {
      if (!running) throw new Error('the app starts in beforeAll');
      return running;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    async expectAccessible(page = app.browser.page) {
      expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
    },
    async signIn(page, username, password = `${username}-password-demo`) {
      await page.goto(`${app.running.url}/sign-in`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/desktop');
    },
    async signOut(page) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/signed-out');
    },
  };
  return app;
}
