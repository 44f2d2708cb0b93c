import type { App, Session, WebContents } from 'electron';
import { ELECTRON_CSP, isTrustedRendererUrl } from './window-options';

/** Denies navigation, new windows, webviews and permission prompts; sets the CSP on our pages. */
export function hardenApp(app: App, session: Session, rendererUrl: string, isDev: boolean): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  if (!isDev) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
    });
  }
}
