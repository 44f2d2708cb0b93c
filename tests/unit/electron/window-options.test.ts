import { describe, expect, it } from 'vitest';
import { createMainWindow, isTrustedRendererUrl, type WindowConstructor } from '../../../src-main/electron/window-options';

type BrowserWindowConstructorOptions = ConstructorParameters<WindowConstructor<unknown>>[0];

/** Stands in for BrowserWindow: keeps the options createMainWindow passes at the constructor call. */
class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('main window options', () => {
  it('are created with the security options of the Electron checklist', () => {
    const win = createMainWindow(FakeWindow, '/app/out/preload/index.cjs');
    expect(win).toBeInstanceOf(FakeWindow);
    const web = win.options.webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    // Middle-click on a link would otherwise ask for a new window (Electronegativity AUXCLICK_JS_CHECK).
    expect(web.disableBlinkFeatures).toBe('Auxclick');
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(win.options.show).toBe(false);
  });

  it('trusts only the app renderer as a sender', () => {
    const packaged = 'file:///app/out/renderer/index.html';
    expect(isTrustedRendererUrl('file:///app/out/renderer/index.html#x', packaged)).toBe(true);
    expect(isTrustedRendererUrl('file:///etc/passwd', packaged)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', packaged)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('not a url', dev)).toBe(false);
  });
});
