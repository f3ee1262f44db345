import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS, contract, events } from '../../preload/contract';
import { buildApi } from '../../preload/contract/buildApi';
import { createHandlers } from '../../main/ipc/handlers';
import { dispatch, type Handlers } from '../../main/ipc/dispatch';
import type { Services } from '../../main/services';

const handlers = createHandlers({} as Services);
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('contract', () => {
  it('every channel has a schema and a handler, and every handler has a channel', () => {
    expect(sorted(Object.keys(contract))).toEqual(sorted(CHANNELS));
    expect(sorted(Object.keys(handlers))).toEqual(sorted(CHANNELS));
    for (const c of CHANNELS) {
      expect(contract[c].input, c).toBeDefined();
      expect(contract[c].output, c).toBeDefined();
      expect(typeof handlers[c], c).toBe('function');
    }
  });

  it('every push event has a schema', () => {
    expect(sorted(Object.keys(events))).toEqual(sorted(EVENTS));
  });

  it('channel names are domain:verb and the api exposes exactly them plus on()', () => {
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    const calls: [string, unknown][] = [];
    const api = buildApi(CHANNELS, EVENTS, async (ch, input) => { calls.push([ch, input]); return { ok: true, data: null }; }, () => () => undefined) as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>;
    const exposed = Object.entries(api).flatMap(([d, g]) => (d === 'on' ? [] : Object.keys(g).map((v) => `${d}:${v}`)));
    expect(sorted(exposed)).toEqual(sorted(CHANNELS));
    void api.dataset!.list!();
    expect(calls).toEqual([['dataset:list', {}]]);
    expect(() => (api.on as unknown as (e: string, cb: () => void) => void)('ipc:raw', () => undefined)).toThrow(/unknown event/);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('dispatch', () => {
  const fake: Handlers = { ...handlers, 'job:cancel': async (input) => ({ cancelled: input.jobId === 'abcdefgh-1' }) };

  it('refuses an unknown channel', async () => {
    expect(await dispatch(fake, 'fs:readFile', { path: '/etc/passwd' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('unknown channel') } });
  });

  it('rejects malformed payloads with BAD_INPUT naming the field', async () => {
    const r1 = await dispatch(fake, 'job:cancel', { jobId: 42 });
    expect(r1).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!r1.ok && r1.error.message).toContain('jobId');
    const r2 = await dispatch(fake, 'job:cancel', { jobId: 'abcdefgh-1', extra: true });
    expect(!r2.ok && r2.error.message).toMatch(/extra/);
    const r3 = await dispatch(fake, 'dataset:import', { files: [{ fileName: 'a.csv' }] });
    expect(!r3.ok && r3.error.message).toContain('files.0.text');
    const r4 = await dispatch(fake, 'dataset:series', { datasetId: 'x', asset: 'btc' });
    expect(!r4.ok && r4.error.message).toContain('asset');
  });

  it('passes valid input to the handler and validates its output', async () => {
    expect(await dispatch(fake, 'job:cancel', { jobId: 'abcdefgh-1' })).toEqual({ ok: true, data: { cancelled: true } });
    const broken: Handlers = { ...handlers, 'job:list': async () => ({ jobs: [{ jobId: 'x' }] }) as never };
    expect(await dispatch(broken, 'job:list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('invalid result') } });
  });

  it('maps thrown errors to codes without leaking stack traces', async () => {
    const { InputError, NotFoundError } = await import('../../main/core/errors');
    const throwing = (e: Error): Handlers => ({ ...handlers, 'job:list': async () => { throw e; } });
    expect(await dispatch(throwing(new InputError('bad x')), 'job:list', {})).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: 'bad x' } });
    expect(await dispatch(throwing(new NotFoundError('no y')), 'job:list', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no y' } });
    const r = await dispatch(throwing(new TypeError('oops')), 'job:list', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error: oops' } });
  });
});
