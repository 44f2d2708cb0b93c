import type { App, Session, WebContents } from 'electron';
import { isTrustedRendererUrl } from './window-options';
import { isPermissionAllowed } from './permission-policy';

/**
 * Denies navigation away from the renderer, new windows, webviews and every permission (prompted or
 * merely checked); sets the CSP on our pages. The CSP is written as a literal inside the callback so
 * Electronegativity can read and evaluate it (docs/security.md).
 */
export function hardenApp(app: App, session: Session, rendererUrl: string, isDev: boolean): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed({ permission, url: details.requestingUrl }, rendererUrl));
  });
  session.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    isPermissionAllowed({ permission, url: details.requestingUrl }, rendererUrl),
  );
  // WebHID / WebSerial / WebUSB device access: never.
  session.setDevicePermissionHandler(() => false);
  if (!isDev) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
          ],
        },
      });
    });
  }
}
