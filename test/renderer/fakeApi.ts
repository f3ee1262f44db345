// A fake window.api for component tests: the same surface the preload builds (buildApi over the
// contract's channel list), answering each channel from a table of test handlers.
import { vi } from 'vitest';
import { buildApi } from '../../preload/contract/buildApi';
import { CHANNELS, EVENTS, type Channel, type EventName } from '../../preload/contract/channels';
import type { Api, Result } from '../../preload/contract';

export type FakeHandler = (input: Record<string, unknown>) => Promise<Result<unknown>> | Result<unknown>;

export interface FakeApi {
  api: Api;
  calls: { channel: Channel; input: Record<string, unknown> }[];
  emit(event: EventName, payload: unknown): void;
  listenerCount(event: EventName): number;
}

export function installFakeApi(handlers: Partial<Record<Channel, FakeHandler>>): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const invoke = vi.fn(async (channel: Channel, input: unknown) => {
    calls.push({ channel, input: input as Record<string, unknown> });
    const h = handlers[channel];
    if (!h) return { ok: false, error: { code: 'INTERNAL', message: `fake api: no handler for ${channel}` } };
    return h(input as Record<string, unknown>);
  });
  const subscribe = (event: EventName, cb: (p: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(cb);
    listeners.set(event, set);
    return () => {
      set.delete(cb);
    };
  };
  const api = buildApi(CHANNELS, EVENTS, invoke, subscribe) as unknown as Api;
  (window as unknown as { api: Api }).api = api;
  return {
    api,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((cb) => cb(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A deferred result, to hold a call open while the test sends progress events. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
