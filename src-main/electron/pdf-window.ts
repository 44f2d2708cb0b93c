/**
 * The desktop shell's print window for report PDFs: hidden, sandboxed, scripts off, in a private in-memory
 * session that refuses every request the printer does not allow. Thin on purpose: the rules and the clean-up
 * are in reports/window-printer.ts, where tests reach them without an Electron binary.
 */
import { BrowserWindow, session } from 'electron';
import type { PrintWindow } from '../reports/window-printer';

export function electronPrintWindow(): PrintWindow {
  // No "persist:" prefix: the partition lives in memory and leaves nothing in the profile.
  const ses = session.fromPartition('tapedeck-pdf');
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true,
      // A middle click on a link in a report must not open a window either.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  return {
    async load(url, allow) {
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allow(details.url) }));
      await win.loadURL(url);
    },
    printToPdf: (options) => win.webContents.printToPDF({ ...options, margins: { ...options.margins } }),
    close: () => {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
