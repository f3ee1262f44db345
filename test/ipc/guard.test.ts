// The per-call decision of main/ipc/register.ts (main/ipc/guard.ts), without Electron: a call runs a
// handler only when it comes from the app's own page in the window's top frame.
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../preload/contract';
import type { Handlers } from '../../main/ipc/dispatch';
import { handleInvoke, senderRefusal, type SenderFrame } from '../../main/ipc/guard';

const APP = 'file:///opt/mwb/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

/** Handlers that record every call; app:info answers with a contract-valid result. */
function recordingHandlers(): { handlers: Handlers; calls: [Channel, unknown][] } {
  const calls: [Channel, unknown][] = [];
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, async (input: unknown) => {
    calls.push([c, input]);
    if (c === 'app:info') return { name: 'Margin Workbench', version: '0.1.0', schemaVersion: 1, dataDir: '/home/u/.config/Margin Workbench' };
    return {};
  }])) as unknown as Handlers;
  return { handlers, calls };
}

const top = (url: string): SenderFrame => ({ url, parent: null });
const sub = (url: string): SenderFrame => ({ url, parent: top(APP) });

describe('handleInvoke', () => {
  it('serves the app page in the top frame (any #/route), through dispatch', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await handleInvoke({ handlers }, APP, top(`${APP}#/books`), 'app:info', {})).toEqual({
      ok: true, data: { name: 'Margin Workbench', version: '0.1.0', schemaVersion: 1, dataDir: '/home/u/.config/Margin Workbench' },
    });
    expect(calls).toEqual([['app:info', {}]]);
    // Still validated: a good sender with a bad payload gets BAD_INPUT, and no handler runs.
    expect(await handleInvoke({ handlers }, APP, top(APP), 'job:cancel', { jobId: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(calls).toHaveLength(1);
  });

  it.each<[string, SenderFrame | null | undefined, string]>([
    ['another origin', top('https://example.com/'), 'not the app'],
    ['the dev server origin while the app is the built file', top('http://localhost:5173/#/data'), 'not the app'],
    ['a file:// page outside the app', top('file:///tmp/evil/index.html'), 'not the app'],
    ['a file:// page next to the app', top('file:///opt/mwb/resources/app.asar/out/renderer/other.html'), 'not the app'],
    ['a file:// look-alike', top('file:///opt/mwb/resources/app.asar/out/renderer/index.html.evil'), 'not the app'],
    ['a file:// URL with a host', top('file://attacker/opt/mwb/resources/app.asar/out/renderer/index.html'), 'not the app'],
    ['about:blank', top('about:blank'), 'not the app'],
    ['a subframe showing the app URL', sub(APP), 'subframe'],
    ['a subframe of another origin', sub('https://example.com/'), 'subframe'],
    ['a frame without a parent field', { url: APP } as unknown as SenderFrame, 'subframe'],
    ['a frame that has gone away', null, 'gone'],
    ['no frame at all', undefined, 'gone'],
  ])('refuses %s with FORBIDDEN and runs no handler', async (_name, frame, why) => {
    const { handlers, calls } = recordingHandlers();
    for (const channel of ['app:info', 'report:export', 'dataset:delete'] as const) {
      const r = await handleInvoke({ handlers }, APP, frame, channel, { datasetId: 'x', runIds: ['r'], format: 'pdf' });
      expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(why) } });
      expect(!r.ok && r.error.message.startsWith(`${channel}: refused`)).toBe(true);
    }
    expect(calls).toEqual([]);
  });

  it('in development trusts the dev server origin only', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await handleInvoke({ handlers }, DEV, top('http://localhost:5173/#/models'), 'app:info', {})).toMatchObject({ ok: true });
    for (const url of ['http://localhost:5174/', 'http://localhost:5173.evil.com/', 'https://localhost:5173/', APP]) {
      expect(await handleInvoke({ handlers }, DEV, top(url), 'app:info', {}), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(calls).toHaveLength(1);
  });

  it('refuses before looking at the channel or the payload, and never throws', async () => {
    const { handlers, calls } = recordingHandlers();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(handleInvoke({ handlers }, APP, top('https://example.com/'), 'fs:readFile', cyclic)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A trusted sender naming an unknown channel still gets FORBIDDEN from dispatch.
    await expect(handleInvoke({ handlers }, APP, top(APP), 'fs:readFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });
});

describe('senderRefusal', () => {
  it('is null exactly for the app page in the top frame', () => {
    expect(senderRefusal(top(APP), APP)).toBeNull();
    expect(senderRefusal(top(`${APP}#/calibration`), APP)).toBeNull();
    expect(senderRefusal(top('https://example.com/'), APP)).toMatch(/not the app/);
    expect(senderRefusal(sub(APP), APP)).toMatch(/subframe/);
  });
});
