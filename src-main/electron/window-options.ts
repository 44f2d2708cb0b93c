import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options as a pure function so a unit test can prove the security settings
 * (Electron's security checklist: isolation, sandbox, no node integration, no remote content).
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 960,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0e1116',
    title: 'Tapedeck',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}

/** CSP for the packaged renderer (file://); the dev server adds its own HMR origin. */
export const ELECTRON_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

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
