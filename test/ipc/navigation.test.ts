// The pure decisions behind main/index.ts's will-navigate, setWindowOpenHandler and
// webRequest.onBeforeRequest handlers (main/ipc/navigation.ts).
import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedRequest, windowOpenAction } from '../../main/ipc/navigation';

const APP = 'file:///opt/mwb/resources/app.asar/out/renderer/index.html';
const WIN_APP = 'file:///C:/Program%20Files/Margin%20Workbench/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';
const HARNESS = 'http://127.0.0.1:41234/index.html';

describe('isAllowedNavigation (will-navigate)', () => {
  it.each([
    [APP, APP, true],
    [`${APP}#/books`, APP, true],
    ['https://example.com/', APP, false],
    ['http://example.com/', APP, false],
    ['file:///etc/passwd', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer/other.html', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer/index.html?x=1', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer/../renderer/index.html', APP, true], // the parser resolves ../ to the same file
    ['file:///opt/mwb/resources/app.asar/out/renderer/index.html.evil', APP, false],
    ['file://attacker/opt/mwb/resources/app.asar/out/renderer/index.html', APP, false],
    ['javascript:alert(1)', APP, false],
    ['data:text/html,<script>alert(1)</script>', APP, false],
    ['about:blank', APP, false],
    ['not a url', APP, false],
    [`${WIN_APP}#/data`, WIN_APP, true],
    ['http://localhost:5173/#/data', DEV, true],
    ['http://localhost:5173/other', DEV, false],
    ['http://localhost:5173.evil.com/', DEV, false],
    ['http://user:pw@localhost:5173/', DEV, false],
    ['https://localhost:5173/', DEV, false],
    ['http://example.com/', HARNESS, false],
    [`${HARNESS}#/books`, HARNESS, true],
  ])('%s from %s → %s', (target, app, allowed) => expect(isAllowedNavigation(target, app)).toBe(allowed));
});

describe('windowOpenAction (setWindowOpenHandler)', () => {
  it('always denies the window; only a plain https URL goes to the system browser', () => {
    expect(windowOpenAction('https://www.binance.com/en/futures/trading-rules')).toEqual({ action: 'deny', openExternally: 'https://www.binance.com/en/futures/trading-rules' });
    for (const url of [
      'http://example.com/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'data:text/html,x', 'ms-msdt:/id PCWDiagnostic',
      'https://user:pw@example.com/', 'https://', APP, 'not a url', '',
    ]) {
      expect(windowOpenAction(url), url).toEqual({ action: 'deny', openExternally: null });
    }
  });

  it('hands on the parsed URL, not the raw string', () => {
    expect(windowOpenAction('HTTPS://Example.COM/a b').openExternally).toBe('https://example.com/a%20b');
  });
});

describe('isAllowedRequest (webRequest.onBeforeRequest)', () => {
  it.each([
    // The built app: its own folder only.
    ['file:///opt/mwb/resources/app.asar/out/renderer/assets/index-abc.js', APP, true],
    ['file:///opt/mwb/resources/app.asar/out/renderer/index.html', APP, true],
    ['file:///opt/mwb/resources/app.asar/out/renderer/assets/../../main/index.js', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer/assets/..%2F..%2Fmain/index.js', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer/assets/%2e%2e/%2e%2e/main/index.js', APP, false],
    ['file:///opt/mwb/resources/app.asar/out/renderer-evil/x.js', APP, false],
    ['file:///etc/passwd', APP, false],
    ['file:///home/u/.config/Margin%20Workbench/workbench.db', APP, false],
    ['file://attacker/opt/mwb/resources/app.asar/out/renderer/x.js', APP, false],
    ['data:image/png;base64,iVBORw0KGgo=', APP, true],
    ['devtools://devtools/bundled/inspector.html', APP, true],
    ['https://example.com/x.js', APP, false],
    ['http://127.0.0.1:8080/', APP, false],
    ['ws://localhost:5173/', APP, false],
    ['blob:file:///abc', APP, false],
    [`${WIN_APP.replace('index.html', 'assets/index.css')}`, WIN_APP, true],
    ['file:///C:/Windows/win.ini', WIN_APP, false],
    // The development server (and the e2e harness): its own host, http and ws.
    ['http://localhost:5173/src/main.ts', DEV, true],
    ['ws://localhost:5173/', DEV, true],
    ['wss://localhost:5173/', DEV, false],
    ['http://localhost:5174/', DEV, false],
    ['http://localhost:5173.evil.com/x.js', DEV, false],
    ['http://user:pw@localhost:5173/', DEV, false],
    ['file:///etc/passwd', DEV, false],
    ['http://example.com/', HARNESS, false],
    ['http://127.0.0.1:41234/assets/index.js', HARNESS, true],
    ['not a url', APP, false],
  ])('%s from %s → %s', (url, app, allowed) => expect(isAllowedRequest(url, app)).toBe(allowed));

  it('other windows (the report printer) may read local files and data:, never the network', () => {
    expect(isAllowedRequest('file:///tmp/mwb-print-x1y2/report.html', APP, false)).toBe(true);
    expect(isAllowedRequest('data:image/svg+xml,<svg/>', APP, false)).toBe(true);
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'ws://localhost:5173/', 'file://attacker/share/x']) {
      expect(isAllowedRequest(url, DEV, false), url).toBe(false);
    }
  });
});
