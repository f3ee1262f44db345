import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../main/ipc/sender';

describe('isTrustedSenderUrl', () => {
  const app = 'file:///opt/mwb/resources/app/out/renderer/index.html';
  it.each([
    [app, true],
    [`${app}#/data`, true],
    ['file:///opt/mwb/resources/app/out/renderer/index.html.evil', false],
    ['file:///tmp/evil/index.html', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:5173/', false],
    ['', false],
    [undefined, false],
    ['not a url', false],
  ])('file app: %s → %s', (url, ok) => expect(isTrustedSenderUrl(url, app)).toBe(ok));

  it.each([
    ['http://localhost:5173/#/data', true],
    ['http://localhost:5174/', false],
    ['http://localhost:5173.evil.com/', false],
    ['https://localhost:5173/', false],
  ])('dev server app: %s → %s', (url, ok) => expect(isTrustedSenderUrl(url, 'http://localhost:5173/')).toBe(ok));
});
