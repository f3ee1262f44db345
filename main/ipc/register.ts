// Electron glue: one ipcMain.handle per contract channel, each refusing senders that are not the
// app's own page. Kept thin and obviously right: nothing in this file can run on our CI machines, so
// the per-call decision lives in ./guard.ts (tested under plain Node in test/ipc/guard.test.ts).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, EVENTS } from '../../preload/contract/channels';
import type { Workbench } from '../workbench';
import { handleInvoke } from './guard';

export function registerIpc(workbench: Workbench, appUrl: string, target: () => WebContents | undefined): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => handleInvoke(workbench, appUrl, event.senderFrame, channel, payload));
  }
  const unsubscribe = workbench.onEvent((event, payload) => {
    if ((EVENTS as readonly string[]).includes(event)) target()?.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
