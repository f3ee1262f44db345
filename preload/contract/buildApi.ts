import type { Channel, EventName } from './channels';

/**
 * Builds the `window.api` object from the channel list: `dataset:import` becomes
 * `api.dataset.import(input)`. Shared by the preload (over ipcRenderer) and the e2e harness (over
 * Playwright's bridge) so both expose exactly the same surface. It is deliberately self-contained
 * (no imports used at run time) so the harness can inject its source text into the page.
 */
export function buildApi(
  channels: readonly Channel[],
  eventNames: readonly EventName[],
  invoke: (channel: Channel, input: unknown) => Promise<unknown>,
  subscribe: (event: EventName, callback: (payload: unknown) => void) => () => void,
): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string];
    const group = (api[domain] ??= {}) as Record<string, (input?: unknown) => Promise<unknown>>;
    group[verb] = (input?: unknown) => invoke(channel, input === undefined ? {} : input);
  }
  api.on = (event: unknown, callback: unknown) => {
    if (!(eventNames as readonly unknown[]).includes(event)) throw new Error(`unknown event "${String(event)}"`);
    if (typeof callback !== 'function') throw new Error('callback must be a function');
    return subscribe(event as EventName, callback as (payload: unknown) => void);
  };
  return Object.freeze(api);
}
