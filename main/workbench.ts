import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../preload/contract';
import { createHandlers } from './ipc/handlers';
import type { Handlers } from './ipc/dispatch';
import { createJobPool } from './jobs/pool';
import { createServices, type Services } from './services';
import { openStore, type Store } from './store';
import { APP_VERSION } from './version';
import { DB_FILE } from './paths';
import type { PdfPrinter } from './services/reports/pdf';

export interface WorkbenchOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/workbench.db`. */
  dbPath?: string;
  /** The worker entry: out/main/worker.js in builds; tests pass a tsx shim. */
  workerFile: string;
  maxThreads?: number;
  now?: () => Date;
  newId?: () => string;
  /** PDF printer for report exports; the desktop app passes Electron's (main/ipc/pdf.ts). */
  printPdf?: PdfPrinter;
  /** Opens a folder in the system file manager (the desktop app passes Electron's shell.openPath). */
  openPath?: (dir: string) => Promise<void>;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Workbench {
  store: Store;
  services: Services;
  handlers: Handlers;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** The composition root shared by the Electron main process, the CLI and the e2e harness. */
export function openWorkbench(options: WorkbenchOptions): Workbench {
  const now = options.now ?? (() => new Date());
  const store = openStore(options.dbPath ?? join(options.dataDir, DB_FILE), { appVersion: APP_VERSION, now });
  const pool = createJobPool({ workerFile: options.workerFile, maxThreads: options.maxThreads, now });
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const services = createServices({
    store, pool, appVersion: APP_VERSION, dataDir: options.dataDir, now, newId: options.newId ?? randomUUID,
    emit: (event, payload) => bus.emit('event', event, payload),
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
    ...(options.openPath ? { openPath: options.openPath } : {}),
  });
  return {
    store,
    services,
    handlers: createHandlers(services),
    onEvent(listener) {
      const l = (event: EventName, payload: unknown): void => (listener as (e: EventName, p: unknown) => void)(event, payload);
      bus.on('event', l);
      return () => bus.off('event', l);
    },
    async close() {
      await pool.close();
      store.close();
    },
  };
}
