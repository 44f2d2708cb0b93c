import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenApp } from '../../../src-main/electron/security';

type Listener = (...args: unknown[]) => unknown;
type App = Parameters<typeof hardenApp>[0];
type Session = Parameters<typeof hardenApp>[1];

/** The parts of WebContents hardenApp touches; emits like Electron does. */
class FakeContents extends EventEmitter {
  windowOpenHandler: Listener | undefined;
  setWindowOpenHandler(h: Listener): void {
    this.windowOpenHandler = h;
  }
  /** Emits a cancellable event, as Electron's will-navigate / will-attach-webview are. */
  cancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeSession {
  request: Listener | undefined;
  check: Listener | undefined;
  device: Listener | undefined;
  headers: Listener | undefined;
  webRequest = { onHeadersReceived: (h: Listener) => (this.headers = h) };
  setPermissionRequestHandler(h: Listener): void {
    this.request = h;
  }
  setPermissionCheckHandler(h: Listener): void {
    this.check = h;
  }
  setDevicePermissionHandler(h: Listener): void {
    this.device = h;
  }
}

const RENDERER = 'file:///app/out/renderer/index.html';

function harden(isDev = false) {
  const app = new EventEmitter();
  const session = new FakeSession();
  hardenApp(app as unknown as App, session as unknown as Session, RENDERER, isDev);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { session, contents };
}

function requestPermission(session: FakeSession, permission: string, requestingUrl: string): boolean {
  let answer: boolean | undefined;
  session.request!({}, permission, (granted: boolean) => (answer = granted), { requestingUrl });
  expect(answer).toBeDefined();
  return answer!;
}

describe('hardenApp', () => {
  it('refuses navigation away from the renderer and allows the renderer itself', () => {
    const { contents } = harden();
    expect(contents.cancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.cancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.cancellable('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(contents.cancellable('will-navigate', `${RENDERER}#/ladder`)).toBe(false);
  });

  it('refuses every new window and every webview', () => {
    const { contents } = harden();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: RENDERER })).toEqual({ action: 'deny' });
    expect(contents.cancellable('will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
  });

  it('denies permission requests, checks and devices, even from the renderer', () => {
    const { session } = harden();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      expect(requestPermission(session, permission, RENDERER)).toBe(false);
      expect(requestPermission(session, permission, 'https://evil.example/')).toBe(false);
      expect(session.check!({}, permission, 'file://', { requestingUrl: RENDERER })).toBe(false);
    }
    expect(session.device!({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });

  it('sets the CSP on packaged pages and keeps the other headers', () => {
    const { session } = harden(false);
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    session.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r: typeof out) => (out = r));
    expect(out!.responseHeaders['X-Other']).toEqual(['1']);
    const csp = out!.responseHeaders['Content-Security-Policy']![0]!;
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('leaves the dev server its own CSP (HMR)', () => {
    expect(harden(true).session.headers).toBeUndefined();
  });
});
