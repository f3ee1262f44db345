import type { EventName, EventPayload } from '../../preload/contract';
import type { JobPool } from '../jobs/pool';
import type { Store } from '../store';
import type { PdfPrinter } from './reports/pdf';

/** Everything a service needs, injected (clock and ids included, so tests can freeze them). */
export interface ServiceContext {
  store: Store;
  pool: JobPool;
  appVersion: string;
  dataDir: string;
  now: () => Date;
  newId: () => string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The desktop app prints PDFs with its own Chromium (main/ipc/pdf.ts); headless runs spawn one. */
  printPdf?: PdfPrinter;
  /** Opens a folder in the system file manager: the desktop app passes Electron's shell.openPath; headless runs have none. */
  openPath?: (dir: string) => Promise<void>;
}
