import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, mainWindowOptions } from '../../../src-main/electron/window-options';

describe('main window options', () => {
  it('are created with the security options of the Electron checklist', () => {
    const web = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.preload).toBe('/app/out/preload/index.cjs');
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
