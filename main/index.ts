// Electron main process: lifecycle, one window, security settings, IPC wiring. Thin on purpose —
// everything it calls (workbench, dispatch, sender check) is tested under plain Node.
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronPdfPrinter } from './ipc/pdf';
import { isAllowedNavigation, isAllowedRequest, windowOpenAction } from './ipc/navigation';
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
  const url = appUrl();
  // No remote content: refuse every permission request and every request that is not the app itself
  // (the rule is main/ipc/navigation.ts isAllowedRequest, unit-tested and mirrored by the e2e harness).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const fromAppWindow = win !== undefined && details.webContentsId === win.webContents.id;
    callback({ cancel: !isAllowedRequest(details.url, url, fromAppWindow) });
  });

  const workbench = openWorkbench({
    dataDir: app.getPath('userData'), workerFile: join(__dirname, 'worker.js'), printPdf: electronPdfPrinter(),
    // shell.openPath resolves to an error message ('' when the folder was opened).
    openPath: async (dir) => {
      const error = await shell.openPath(dir);
      if (error) throw new Error(`could not open ${dir}: ${error}`);
    },
  });
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
  // Navigation away from the app and new windows are denied; an https link opens in the system
  // browser instead (main/ipc/navigation.ts, test/ipc/navigation.test.ts).
  win.webContents.on('will-navigate', (event, target) => {
    if (!isAllowedNavigation(target, url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    const decision = windowOpenAction(target);
    if (decision.openExternally !== null) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
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
