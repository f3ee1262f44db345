// Electron main process: lifecycle, one window, security settings, IPC wiring. Thin on purpose —
// everything it calls (workbench, dispatch, sender check) is tested under plain Node.
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerIpc } from './ipc/register';
import { defaultDataDir } from './paths';
import { openWorkbench } from './workbench';

app.setPath('userData', defaultDataDir());
app.enableSandbox();

let win: BrowserWindow | undefined;

function appUrl(): string {
  const dev = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  return dev ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

async function start(): Promise<void> {
  // No remote content: refuse every permission request and every request that is not the app itself.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed = url.startsWith('file://') || url.startsWith('devtools://') || url.startsWith('data:') ||
      (process.env.ELECTRON_RENDERER_URL !== undefined && !app.isPackaged && url.startsWith(process.env.ELECTRON_RENDERER_URL));
    callback({ cancel: !allowed });
  });

  const workbench = openWorkbench({ dataDir: app.getPath('userData'), workerFile: join(__dirname, 'worker.js') });
  const url = appUrl();
  const unregister = registerIpc(workbench, url, () => win?.webContents);

  win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Margin Workbench',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  // Navigation and new windows are denied; http(s) links open in the system browser instead.
  win.webContents.on('will-navigate', (event, target) => {
    if (target !== url) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//.test(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  await win.loadURL(url);

  app.on('before-quit', () => {
    unregister();
    void workbench.close();
  });
}

app.on('window-all-closed', () => app.quit());
app.whenReady().then(start, (err: unknown) => {
  console.error('Margin Workbench failed to start:', err);
  app.exit(1);
});
