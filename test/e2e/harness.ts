// End-to-end harness (toolchain.md "Chromium for end-to-end tests"): the BUILT renderer served from
// http://127.0.0.1:<random port>, opened in Debian Chromium through playwright-core, with
// window.api wired to the REAL main-process handlers (real store in a temp dir, real core, real
// worker threads) through the same buildApi() the preload uses.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApi } from '../../preload/contract/buildApi';
import { CHANNELS, EVENTS } from '../../preload/contract/channels';
import { dispatch } from '../../main/ipc/dispatch';
import { openWorkbench, type Workbench } from '../../main/workbench';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = resolve(here, '../..');

/**
 * The built renderer: out/renderer from `npm run build` (what `npm run test:e2e` runs), or a private
 * build named by MWB_E2E_RENDERER_DIR (`npx vite build --config test/e2e/renderer.vite.config.mts`
 * writes test-results/e2e-renderer without racing a concurrent build of out/).
 */
export function rendererDir(): string {
  const dir = resolve(repoRoot, process.env.MWB_E2E_RENDERER_DIR ?? 'out/renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`no built renderer at ${dir}: run \`npm run build\` (or the private build in test/e2e/renderer.vite.config.mts)`);
  }
  return dir;
}

/** Worker entry for the job pool: tasks from source via tsx, unless MWB_E2E_WORKER_FILE names a built one. */
export function workerFile(): string {
  return process.env.MWB_E2E_WORKER_FILE ? resolve(repoRoot, process.env.MWB_E2E_WORKER_FILE) : join(here, '..', 'helpers', 'worker-shim.cjs');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves `root` read-only on 127.0.0.1 at a random port; /favicon.ico gets 204; nothing outside root. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export function chromiumPath(): string {
  for (const p of ['/usr/lib/chromium/chromium', '/usr/bin/chromium']) if (existsSync(p)) return p;
  throw new Error('Chromium is not installed: apt-get install -y chromium');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * The page-side bridge, injected before any app script runs: window.api built by the preload's own
 * buildApi() source over Playwright's exposed __mwbInvoke, plus __mwbEmit for forwarded events.
 */
function initScript(): string {
  return `(() => {
  const listeners = new Map();
  // JSON text both ways: Playwright's structured bridge is slow for large results (100k rows: ~60 s).
  const invoke = async (channel, input) => JSON.parse(await window.__mwbInvoke(channel, input === undefined ? undefined : JSON.stringify(input)));
  const subscribe = (event, callback) => {
    const set = listeners.get(event) ?? new Set();
    set.add(callback);
    listeners.set(event, set);
    return () => { set.delete(callback); };
  };
  Object.defineProperty(window, '__mwbEmit', {
    value: (event, payload) => { for (const cb of listeners.get(event) ?? []) cb(payload); },
  });
  const buildApi = ${buildApi.toString()};
  window.api = buildApi(${JSON.stringify(CHANNELS)}, ${JSON.stringify(EVENTS)}, invoke, subscribe);
})();`;
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  workbench: Workbench;
  /** Console errors, uncaught page errors and failed requests (a CSP violation lands here). */
  problems: string[];
  /** Channels the page invoked, in order. */
  invoked: string[];
  close(): Promise<void>;
}

/** A fresh workbench (new temp data dir and database) wired into a new page at the app's URL. */
export async function openApp(browser: Browser, baseUrl: string, route = '/data'): Promise<AppSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mwb-e2e-'));
  const workbench = openWorkbench({ dataDir, dbPath: join(dataDir, 'workbench.db'), workerFile: workerFile(), maxThreads: 2 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  const invoked: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));

  await page.exposeFunction('__mwbInvoke', async (channel: unknown, input: unknown) => {
    invoked.push(String(channel));
    const payload = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
    return JSON.stringify(await dispatch(workbench.handlers, channel, payload));
  });
  const stopEvents = workbench.onEvent((event, payload) => {
    // The page may be navigating or closed; a lost progress event must not fail the run.
    page.evaluate(([e, p]) => (globalThis as unknown as { __mwbEmit(e: unknown, p: unknown): void }).__mwbEmit(e, p), [event, payload] as const)
      .catch(() => undefined);
  });
  await page.addInitScript({ content: initScript() });
  await page.goto(`${baseUrl}/index.html#${route}`);

  return {
    page, context, workbench, problems, invoked,
    async close() {
      stopEvents();
      await context.close();
      await workbench.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for the Data view's job to end (succeeded, failed or cancelled) and returns its phase and
 * the alert text, so a failing import reports why instead of timing out on a chart.
 */
export async function waitForJobEnd(page: Page, timeoutMs = 120_000): Promise<{ phase: string; alert: string }> {
  await page.waitForSelector('.job[data-phase]:not([data-phase="running"]):not([data-phase="queued"])', { timeout: timeoutMs });
  return {
    phase: (await page.locator('.job').getAttribute('data-phase')) ?? '',
    alert: await page.getByRole('alert').innerText(),
  };
}

/** Waits until every chart matching `selector` has drawn (ECharts 'finished' → data-ready="true"). */
export async function waitForCharts(page: Page, selector = '[data-chart]'): Promise<void> {
  await page.waitForSelector(selector);
  // A function predicate: Playwright re-evaluates string predicates with eval, which the app's CSP forbids.
  await page.waitForFunction((sel) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document;
    const charts = Array.from(doc.querySelectorAll(sel));
    return charts.length > 0 && charts.every((c) => c.getAttribute('data-ready') === 'true');
  }, selector);
}
