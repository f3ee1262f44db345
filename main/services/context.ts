import type { EventName, EventPayload } from '../../preload/contract';
import type { JobPool } from '../jobs/pool';
import type { Store } from '../store';

/** Everything a service needs, injected (clock and ids included, so tests can freeze them). */
export interface ServiceContext {
  store: Store;
  pool: JobPool;
  appVersion: string;
  dataDir: string;
  now: () => Date;
  newId: () => string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}
