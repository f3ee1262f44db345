// The sandboxed preload: exposes exactly the contract's channels as window.api, never raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './contract/buildApi';
import { CHANNELS, EVENTS } from './contract/channels';

const api = buildApi(
  CHANNELS,
  EVENTS,
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, callback) => {
    const listener = (_e: IpcRendererEvent, payload: unknown): void => callback(payload);
    ipcRenderer.on(event, listener);
    return () => {
      ipcRenderer.removeListener(event, listener);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);
