// The renderer reaches the app only through window.api (preload/contract); this file names the
// contract types the views use and is the single place that reads window.api.
import type { Api, ApiError, EventPayload, OutputOf } from '../../preload/contract';

export type { Api, ApiError };
export type AppInfo = OutputOf<'app:info'>;
export type DatasetInfo = OutputOf<'dataset:list'>['datasets'][number];
export type SeriesInfo = DatasetInfo['series'][number];
export type GapReport = SeriesInfo['report'];
export type SeriesData = OutputOf<'dataset:series'>;
export type ImportOutput = OutputOf<'dataset:import'>;
export type SampleOutput = OutputOf<'workspace:createSample'>;
export type JobProgress = EventPayload<'job:progress'>;
export type JobFinished = EventPayload<'job:finished'>;

/**
 * An error to show the analyst. Contract errors are shown verbatim with their code; a call that
 * throws instead of returning a result (the bridge itself failed) is shown with source 'renderer'.
 */
export interface ShownError {
  source: 'app' | 'renderer';
  code: string;
  message: string;
}

export function fromApiError(error: ApiError): ShownError {
  return { source: 'app', code: error.code, message: error.message };
}

export function fromThrown(err: unknown): ShownError {
  const message = err instanceof Error ? err.message : String(err);
  return { source: 'renderer', code: 'CALL_FAILED', message };
}

export function api(): Api {
  const a = (window as Window & { api?: Api }).api;
  if (!a) throw new Error('window.api is missing: the preload did not expose the app contract');
  return a;
}
