/** Electron entry: a thin shell around createApp(). Everything else runs under plain Node too. */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { electronNativeBinding } from './electron/native-binding';
import { registerIpcCarrier } from './electron/ipc-carrier';
import { electronPrintWindow } from './electron/pdf-window';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { chooseSecretStore } from './history/secret-store-choice';
import { CHROMIUM_PATH } from './reports/pdf';
import { choosePrinter } from './reports/window-printer';
import { hardenApp } from './electron/security';
import { createMainWindow } from './electron/window-options';
import { createLogger } from './platform/log';

const log = createLogger('main');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = devUrl ?? pathToFileURL(rendererFile).toString();
const windows: BrowserWindow[] = [];

if (!app.requestSingleInstanceLock()) app.quit();

async function boot(): Promise<void> {
  hardenApp(app, session.defaultSession, rendererUrl, Boolean(devUrl));
  const dataDir = app.getPath('userData');
  const tapedeck = await createApp({
    dataDir,
    carrier: 'electron',
    version: app.getVersion(),
    nativeBinding: electronNativeBinding(app.getAppPath(), process.resourcesPath, { warn: (m) => log.warn(m) }),
    log,
    // The Flex token and the Databento key: encrypted by the OS keychain in the data dir, or kept in memory without one.
    secrets: chooseSecretStore(dataDir, safeStorageCipher(safeStorage)),
    // Report PDFs print in a hidden window of this shell (printToPDF), not through a separate Chromium.
    pdfPrinter: choosePrinter({ window: electronPrintWindow, chromiumPath: CHROMIUM_PATH, exists: existsSync }).printer ?? null,
  });
  const ipc = registerIpcCarrier({ ipcMain, router: tapedeck.router, bus: tapedeck.bus, log, rendererUrl, windows: () => windows });

  const win = createMainWindow(BrowserWindow, join(import.meta.dirname, '../preload/index.cjs'));
  windows.push(win);
  const webContentsId = win.webContents.id;
  win.once('ready-to-show', () => {
    win.show();
    // A damaged file kept aside at start (docs/drills.md): tell the trader, never reset silently.
    for (const notice of tapedeck.notices) void dialog.showMessageBox(win, { type: 'warning', title: 'Tapedeck', message: notice });
  });
  win.on('closed', () => {
    windows.splice(windows.indexOf(win), 1);
    tapedeck.router.clientClosed(`win-${webContentsId}`);
  });
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(rendererFile);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    ipc.dispose();
    void tapedeck.dispose().finally(() => app.exit(0));
  });
}

app.on('second-instance', () => windows[0]?.focus());
app.on('window-all-closed', () => app.quit());
app
  .whenReady()
  .then(boot)
  .catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    log.error('Tapedeck failed to start', { error: message });
    // A second Tapedeck on the data directory, a read-only folder...: say so, not just in a log.
    dialog.showErrorBox('Tapedeck could not start', message);
    app.exit(1);
  });
