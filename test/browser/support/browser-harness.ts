import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/**
 * What every browser test shares: Debian's Chromium via playwright-core (skipped when it is missing,
 * unless KOERS_REQUIRE_BROWSER=1), the built web client, screenshots in test-artifacts/browser/, and
 * axe-core failing on serious or critical violations.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.KOERS_CHROMIUM ?? '/usr/bin/chromium';
const WEB_INDEX = path.join(ROOT, 'apps', 'web', 'dist', 'index.html');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');

/** `describe`, or `describe.skip` with a warning when Chromium is missing (an error if it is required). */
export function describeWithBrowser(specFile: string): jest.Describe {
  if (fs.existsSync(CHROMIUM)) return describe;
  const message = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set KOERS_CHROMIUM.`;
  if (process.env.KOERS_REQUIRE_BROWSER === '1')
    throw new Error(`${message} KOERS_REQUIRE_BROWSER=1, so the browser test may not be skipped.`);
  console.warn(`Skipping the browser tests (${specFile}). ${message}`);
  return describe.skip;
}

/** A headless Chromium, after checking that the web client is built. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(WEB_INDEX)) {
    throw new Error(
      `The web client is not built: ${path.relative(ROOT, WEB_INDEX)} is missing. Run \`npm run build:web\` first (npm test does this).`,
    );
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh browser profile (no cookies), with the errors the page threw. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  pageErrors: Error[];
}

/**
 * The pages of one browser test file: each in its own profile (a separate user), Dutch locale and time
 * zone, all closed at the end. Every browser test logs in through the real form.
 */
export class BrowserPages {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    private readonly viewport = { width: 1100, height: 900 },
  ) {}

  async newPage(viewport = this.viewport): Promise<TestPage> {
    // bypassCSP only for injecting axe-core (an inline script, see expectAccessible); the app itself needs no exemption.
    const context = await this.browser.newContext({
      viewport,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      bypassCSP: true,
      acceptDownloads: true,
    });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    return { page, context, pageErrors };
  }

  /**
   * Logs in through the login form (the demo password unless given) and waits for the home page, or for
   * Mijn instellingen when `landing` says the account is led there to set up its required second factor.
   */
  async login(page: Page, email: string, password = 'koers-demo', landing = '/'): Promise<void> {
    await page.goto(this.baseUrl + '/');
    await page.waitForURL('**/inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === landing);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => undefined)));
    await this.browser.close();
  }
}

/**
 * Clicks into a block of the editor and puts the caret at its end. Not the End key: in a paragraph that
 * wraps, End goes to the end of the visual line, and text typed there splits the paragraph mid-sentence.
 */
export async function caretToEndOf(block: Locator): Promise<void> {
  await block.click();
  await block.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    // The editor reads the new selection in its selectionchange handler, a task queued before this one.
    return new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core on the current page and fails on serious or critical violations, listing them readably.
 * The page's context needs `bypassCSP: true`: axe is injected as an inline script, which the API's
 * Content-Security-Policy (rightly) forbids; the app itself needs no exemption.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context?: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      at ${JSON.stringify(n.target)}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`,
        )
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  if (blocking.length)
    throw new Error(
      `axe-core found ${blocking.length} serious/critical accessibility violation(s) on the ${name} page:\n${report}`,
    );
}

/**
 * On a phone the navigation and the account controls fold behind "Menu" (docs/web-client.md): opens it when
 * it is there and closed, so a test can reach the Hoofdmenu or "Uitloggen" at any width.
 */
export async function openMenuIfFolded(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
}
