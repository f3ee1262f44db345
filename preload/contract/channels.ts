/**
 * The channel and event names, with no schema library attached, so the sandboxed preload can build
 * `window.api` from this list without bundling zod. `test/ipc/contract.test.ts` proves this list, the
 * schema map (./index.ts) and the handler map (main/ipc/handlers.ts) hold exactly the same names.
 * Channels are `domain:verb`; events are `domain:event`.
 */
export const CHANNELS = [
  'app:info',
  'dataset:import',
  'dataset:list',
  'dataset:series',
  'dataset:delete',
  'workspace:createSample',
  'book:import',
  'book:list',
  'book:get',
  'model:list',
  'model:get',
  'model:save',
  'model:delete',
  'margin:compute',
  'margin:accounts',
  'margin:explain',
  'run:list',
  'run:get',
  'job:list',
  'job:cancel',
  'calibration:var',
  'calibration:backtest',
  'calibration:diagnose',
  'calibration:calibrate',
  'calibration:sweep',
  'calibration:qq',
  'calibration:lookback',
  'calibration:saveModel',
  'report:preview',
  'report:export',
  'audit:exportBundle',
  'compare:runs',
  'compare:accounts',
  'app:openExportsFolder',
  'scenario:list',
  'scenario:get',
  'scenario:save',
  'scenario:validate',
  'scenario:delete',
  'episode:list',
  'episode:replay',
  'stress:stressedPeriod',
  'correlation:build',
  'correlation:shock',
  'stress:run',
  'stress:get',
  'stress:accounts',
  'stress:reverse',
  'stress:penaltySweep',
] as const;

export type Channel = (typeof CHANNELS)[number];

export const EVENTS = ['job:progress', 'job:finished'] as const;
export type EventName = (typeof EVENTS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}
