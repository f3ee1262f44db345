/**
 * Where the app's window may go and what it may load: the pure decisions behind main/index.ts's
 * `will-navigate`, `setWindowOpenHandler` and `webRequest.onBeforeRequest` handlers (Electron
 * security checklist items 13, 14, 15 and 18), kept free of `electron` so they are unit-tested under
 * plain Node (test/ipc/navigation.test.ts) and mirrored by the e2e harness (test/e2e/security.test.ts).
 * URLs are compared after parsing with the WHATWG URL parser, never by string prefix
 * (`https://example.com.attacker.com` passes a `startsWith('https://example.com')` test).
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Escaped path separators: Chromium refuses them in file URLs; we refuse them before it has to. */
const ESCAPED_SEPARATOR = /%2f|%5c/i;

/**
 * May the window navigate to `target`? Only to the app's own document (any `#/route` fragment: the
 * router uses hash history, whose changes do not even raise will-navigate). Everything else — other
 * files, other origins, `javascript:`, `data:` — is prevented.
 */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  const to = parse(target);
  const app = parse(appUrl);
  if (!to || !app) return false;
  if (to.protocol !== app.protocol || to.username !== '' || to.password !== '') return false;
  if (app.protocol === 'file:') return to.host === '' && to.pathname === app.pathname && to.search === app.search;
  return to.origin === app.origin && to.pathname === app.pathname && to.search === app.search;
}

/** What `setWindowOpenHandler` answers: never a new app window; at most an https link handed to the system browser. */
export interface WindowOpenDecision {
  action: 'deny';
  /** The URL to pass to shell.openExternal, or null to open nothing. */
  openExternally: string | null;
}

/**
 * New windows are always denied. An `https:` URL with a host and no credentials may be opened in
 * the user's browser (checklist item 15: `shell.openExternal` would otherwise hand any scheme —
 * `file:`, `smb:`, custom protocol handlers — to the operating system). The app itself shows no
 * external links; this only decides what a stray `window.open` or `target=_blank` may do.
 */
export function windowOpenAction(url: string): WindowOpenDecision {
  const u = parse(url);
  const safe = u !== null && u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  return { action: 'deny', openExternally: safe ? u.href : null };
}

/** The folder of the app page's URL path, with a trailing slash: `/opt/mwb/out/renderer/`. */
function folderOf(pathname: string): string {
  return pathname.slice(0, pathname.lastIndexOf('/') + 1);
}

/**
 * May `url` be loaded (webRequest.onBeforeRequest)? The app is offline. Requests of the app window
 * (`fromAppWindow`):
 * - the built app (a `file:` page): only files inside the renderer folder the page itself lives in,
 *   so an injected script cannot read `file:///etc/passwd` or the user's database (mitigates
 *   checklist item 18, the extra powers of `file:` pages);
 * - the development server or the e2e harness (an `http:` page): its own host over http/ws (Vite's
 *   live reload uses a WebSocket on the same host);
 * - `data:` (images inlined by the build) and `devtools:`.
 * Any other window of the session — the hidden, JavaScript-less window that prints a report from a
 * temporary file (main/ipc/pdf.ts) — may load local files and `data:`, never the network.
 * Every other request — any remote host — is cancelled.
 */
export function isAllowedRequest(url: string, appUrl: string, fromAppWindow = true): boolean {
  const req = parse(url);
  const app = parse(appUrl);
  if (!req || !app) return false;
  if (req.protocol === 'data:' || req.protocol === 'devtools:') return true;
  if (!fromAppWindow) return req.protocol === 'file:' && req.host === '';
  if (app.protocol === 'file:') {
    return req.protocol === 'file:' && req.host === '' && !ESCAPED_SEPARATOR.test(req.pathname) && req.pathname.startsWith(folderOf(app.pathname));
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    const secure = app.protocol === 'https:';
    const sameScheme = req.protocol === app.protocol || req.protocol === (secure ? 'wss:' : 'ws:');
    return sameScheme && req.host === app.host && req.username === '' && req.password === '';
  }
  return false;
}
