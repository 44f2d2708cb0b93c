import type { BrowserWindowConstructorOptions } from 'electron';

/** BrowserWindow's constructor, injected so a unit test can capture the options this file passes. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the main window. The options are a literal AT the `new BrowserWindow(...)` call, not the
 * result of a helper, so Electronegativity (npm run security) can read them: Electron's security
 * checklist (isolation, sandbox, no node integration, no remote content, no webview) plus middle-click
 * (Auxclick) disabled, as a middle-click on a link would otherwise try to open a new window.
 */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string): W {
  return new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0e1116',
    title: 'Tapedeck',
    autoHideMenuBar: true,
    webPreferences: {
      // The sandboxed preload exposes only the contract's names (reviewed: docs/security.md). The
      // suppression sits in a /** */ comment, the kind the bundler keeps, so out/main/main.js has it too.
      /** // eng-disable PRELOAD_JS_CHECK */ preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** True when a URL is the app's own renderer (packaged file or the dev server), the only trusted sender. */
export function isTrustedRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const u = new URL(url);
    const r = new URL(rendererUrl);
    if (r.protocol === 'file:') return u.protocol === 'file:' && u.pathname === r.pathname;
    return u.origin === r.origin;
  } catch {
    return false;
  }
}
