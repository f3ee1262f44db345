// Security checks on the BUILT renderer in Chromium (docs/security.md): the Content-Security-Policy
// of renderer/index.html stops injected script (inline <script>, inline event handlers, eval,
// javascript: URLs) and remote loads, with a securitypolicyviolation event for each; the same
// injections run on a page without the policy (so these assertions can fail); and the page cannot
// leave the app for http://example.com under the app's own navigation and request rules
// (main/ipc/navigation.ts), which the harness applies here the way main/index.ts applies them in Electron.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { isAllowedNavigation, isAllowedRequest } from '../../main/ipc/navigation';
import { launchBrowser, openApp, rendererDir, repoRoot, serveStatic, type AppSession, type StaticServer } from './harness';

const RESULTS = join(repoRoot, 'test-results');

let server: StaticServer;
let browser: Browser;
let app: AppSession | null = null;

beforeAll(async () => {
  server = await serveStatic(rendererDir());
  browser = await launchBrowser();
  mkdirSync(RESULTS, { recursive: true });
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation { directive: string; blocked: string }

/** Starts recording securitypolicyviolation events and clears the canary. */
const RECORD_VIOLATIONS = `(() => {
  window.__violations = [];
  window.__pwned = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
})()`;

/**
 * The injections an XSS would try, each setting a canary if it runs. Every one of them runs in a
 * page without a CSP (see the control test); an HTML-parser <script> (innerHTML) never runs by the
 * HTML spec, with or without a CSP, so it is here only to show the app gains nothing from it.
 */
const INJECT = `(async () => {
  const host = document.createElement('div');
  document.body.appendChild(host);
  host.innerHTML = '<script>window.__pwned.push("innerHTML script")<\\/script>';
  const s = document.createElement('script');
  s.textContent = 'window.__pwned.push("DOM-created inline script")';
  document.body.appendChild(s);
  const holder = document.createElement('div');
  holder.innerHTML = '<img src="/no-such-image.png" onerror="window.__pwned.push(\\'onerror attribute\\')">';
  document.body.appendChild(holder);
  // eval from a page task, not from the DevTools evaluation this script runs in: DevTools may
  // evaluate despite the CSP (Runtime.evaluate allowUnsafeEvalBlockedByCSP), a page script may not.
  const evalError = await new Promise((resolve) => setTimeout(() => {
    const errors = [];
    try { eval('window.__pwned.push("eval")'); } catch (e) { errors.push(e.name); }
    try { new Function('window.__pwned.push("new Function")')(); } catch (e) { errors.push(e.name); }
    resolve(errors.join('/'));
  }, 0));
  const a = document.createElement('a');
  a.href = 'javascript:window.__pwned.push("javascript: URL")';
  document.body.appendChild(a);
  a.click();
  // Let the image fail and the events arrive.
  await new Promise((r) => setTimeout(r, 300));
  return { pwned: window.__pwned.slice(), evalError };
})()`;

/** Remote loads an injected script would try: a frame, an image, a fetch, a script. */
const REMOTE = `(async () => {
  const f = document.createElement('iframe');
  f.src = 'http://example.com/';
  document.body.appendChild(f);
  const img = document.createElement('img');
  img.src = 'http://example.com/pixel.png';
  document.body.appendChild(img);
  const sc = document.createElement('script');
  sc.src = 'http://example.com/x.js';
  document.body.appendChild(sc);
  let fetchError = '';
  try { await fetch('http://example.com/'); } catch (e) { fetchError = e.name; }
  await new Promise((r) => setTimeout(r, 300));
  return { fetchError, frames: window.frames.length };
})()`;

const byDirective = (a: Violation, b: Violation): number => a.directive.localeCompare(b.directive) || a.blocked.localeCompare(b.blocked);

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate<Violation[]>('window.__violations.slice()');
}

describe('Content-Security-Policy of the built renderer', () => {
  it('blocks injected inline script, event-handler attributes, eval and javascript: URLs, reporting each violation', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    await page.getByRole('heading', { name: 'Data', exact: true }).waitFor();
    await page.evaluate(RECORD_VIOLATIONS);
    const result = await page.evaluate<{ pwned: string[]; evalError: string }>(INJECT);
    expect(result.pwned).toEqual([]);
    expect(result.evalError).toBe('EvalError/EvalError');
    const seen = (await violations(page)).sort(byDirective);
    // script-src 'self' without 'unsafe-inline' / 'unsafe-eval' (renderer/index.html): one event per attempt.
    expect(seen).toEqual([
      { directive: 'script-src-elem', blocked: 'inline' }, // the DOM-created inline script
      { directive: 'script-src', blocked: 'eval' }, // eval
      { directive: 'script-src', blocked: 'eval' }, // new Function
      { directive: 'script-src-elem', blocked: 'inline' }, // the javascript: URL
      { directive: 'script-src-attr', blocked: 'inline' }, // onerror= (fires once the image has failed)
    ].sort(byDirective));
    // The app still works: the bridge and the view are intact.
    expect(await page.evaluate('typeof window.api.app.info')).toBe('function');
    expect(await page.locator('h2').first().innerText()).toBe('Data');
    // Chromium logs each refusal as a console error; nothing else went wrong.
    const other = app.problems.filter((p) => !/Content Security Policy|no-such-image|404/.test(p));
    expect(other).toEqual([]);
  });

  it('blocks remote frames, images, scripts and fetches (default-src \'none\', connect-src \'self\')', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    await page.getByRole('heading', { name: 'Data', exact: true }).waitFor();
    await page.evaluate(RECORD_VIOLATIONS);
    const answered: string[] = [];
    const failed: string[] = [];
    page.on('response', (r) => answered.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    const result = await page.evaluate<{ fetchError: string; frames: number }>(REMOTE);
    expect(result.fetchError).toBe('TypeError');
    const seen = await violations(page);
    expect(seen).toEqual(expect.arrayContaining([
      { directive: 'frame-src', blocked: expect.stringMatching(/^http:\/\/example\.com\/?$/) },
      { directive: 'img-src', blocked: 'http://example.com/pixel.png' },
      { directive: 'script-src-elem', blocked: 'http://example.com/x.js' },
      { directive: 'connect-src', blocked: 'http://example.com/' },
    ]));
    // Refused by the policy itself (Chromium's "csp" block reason), never answered: nothing left the page.
    expect(answered.filter((u) => u.includes('example.com'))).toEqual([]);
    expect(failed.filter((f) => f.includes('example.com')).every((f) => f.endsWith(' csp'))).toBe(true);
  });

  it('control: the same injections run on a page without the policy', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The app's origin, but the server's plain "not found" page: no CSP.
      await page.goto(`${server.baseUrl}/no-such-page`);
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.evaluate(RECORD_VIOLATIONS);
      const result = await page.evaluate<{ pwned: string[]; evalError: string }>(INJECT);
      expect(result.pwned.sort()).toEqual(['DOM-created inline script', 'eval', 'javascript: URL', 'new Function', 'onerror attribute']);
      expect(result.evalError).toBe('');
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * The app's rules in the harness: main/index.ts cancels a will-navigate that isAllowedNavigation
 * refuses (the page stays where it is: here an ERR_ABORTED navigation, which Chromium drops without
 * an error page) and cancels any request isAllowedRequest refuses (webRequest; here ERR_BLOCKED_BY_CLIENT).
 */
async function applyAppRules(session: AppSession, appUrl: string): Promise<string[]> {
  const refused: string[] = [];
  await session.context.route('**/*', async (route: Route) => {
    const req = route.request();
    const url = req.url();
    // A navigation whose frame does not exist yet is a new window's first load (window.open).
    let topNavigation = false;
    if (req.isNavigationRequest()) {
      try {
        topNavigation = req.frame().parentFrame() === null;
      } catch {
        topNavigation = true;
      }
    }
    const allowed = topNavigation ? isAllowedNavigation(url, appUrl) : isAllowedRequest(url, appUrl);
    if (allowed) {
      await route.continue();
      return;
    }
    refused.push(`${topNavigation ? 'navigation' : req.resourceType()} ${url}`);
    await route.abort(topNavigation ? 'aborted' : 'blockedbyclient');
  });
  return refused;
}

describe('navigation away from the app', () => {
  it('cannot reach http://example.com by location, link, form or window.open; the app keeps working', async () => {
    app = await openApp(browser, server.baseUrl, '/data');
    const { page } = app;
    const appUrl = `${server.baseUrl}/index.html`;
    const refused = await applyAppRules(app, appUrl);
    // The rules let the app itself load: a full reload passes through them and the app mounts again.
    await page.reload();
    await page.getByRole('heading', { name: 'Data', exact: true }).waitFor();
    await page.evaluate(RECORD_VIOLATIONS);
    const start = page.url();
    expect(start).toBe(`${appUrl}#/data`);

    await page.evaluate(`location.href = 'http://example.com/'`);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(start);

    await page.evaluate(`(() => { const a = document.createElement('a'); a.href = 'https://example.com/'; a.textContent = 'x'; document.body.appendChild(a); a.click(); })()`);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(start);

    // window.open: Electron's setWindowOpenHandler denies the window (windowOpenAction); in the
    // harness a popup may open, but its load of example.com is refused by the same navigation rule.
    const popup = page.waitForEvent('popup', { timeout: 2000 }).catch(() => null);
    await page.evaluate(`window.open('http://example.com/', '_blank')`);
    const opened = await popup;
    if (opened) {
      await opened.waitForLoadState().catch(() => undefined);
      expect(opened.url()).not.toMatch(/^https?:\/\/example\.com/);
      await opened.close();
    }

    // location.href, the link, and the window's first load — each refused by the navigation rule, nothing else.
    expect(refused).toEqual(['navigation http://example.com/', 'navigation https://example.com/', 'navigation http://example.com/']);
    // Still the app, still talking to the real handlers, and its own routes still work.
    expect(page.url()).toBe(start);
    expect(await page.evaluate(`window.api.app.info().then((r) => r.ok && r.data.name)`)).toBe('Margin Workbench');
    await page.getByRole('link', { name: 'Books' }).click();
    await page.getByRole('heading', { name: 'Books', exact: true }).waitFor();
    expect(page.url()).toBe(`${appUrl}#/books`);
    await page.screenshot({ path: join(RESULTS, 'security-after-navigation-attempts.png') });

    // form-action 'none': the policy refuses the submission before any navigation starts. Last,
    // because Playwright then waits forever for the navigation the blocked submission never made.
    await page.evaluate(`(() => { const f = document.createElement('form'); f.action = 'http://example.com/'; f.method = 'post'; document.body.appendChild(f); f.submit(); })()`);
    // A function predicate: Playwright polls a string predicate with eval, which this very CSP refuses.
    await page.waitForFunction(() => (globalThis as unknown as { __violations: Violation[] }).__violations.some((v) => v.directive === 'form-action'));
    expect(await page.evaluate('location.href')).toBe(`${appUrl}#/books`);
    expect(await page.evaluate(`window.api.app.info().then((r) => r.ok)`)).toBe(true);
  });
});
