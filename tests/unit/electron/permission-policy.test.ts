import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, isPermissionAllowed } from '../../../src-main/electron/permission-policy';

const packaged = 'file:///app/out/renderer/index.html';
const dev = 'http://localhost:5173/';
// Electron's permission names (Session.setPermissionRequestHandler / setPermissionCheckHandler).
const ELECTRON_PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection',
  'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal',
  'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem',
  'hid', 'serial', 'usb', 'background-sync', 'accessibility-events',
];

describe('permission policy', () => {
  it('allows nothing: Tapedeck uses no web permission', () => {
    expect(ALLOWED_PERMISSIONS.size).toBe(0);
  });

  it('denies every permission, even to the app renderer', () => {
    for (const permission of ELECTRON_PERMISSIONS) {
      for (const url of [packaged, `${packaged}#/ladder`, 'https://evil.example/', '', undefined]) {
        expect(isPermissionAllowed({ permission, url }, packaged), `${permission} from ${String(url)}`).toBe(false);
      }
      expect(isPermissionAllowed({ permission, url: 'http://localhost:5173/x' }, dev)).toBe(false);
    }
  });

  it('would grant a listed permission only to the app renderer', () => {
    const allowed = new Set(['clipboard-sanitized-write']);
    const ask = (url: string | undefined, permission = 'clipboard-sanitized-write') => isPermissionAllowed({ permission, url }, packaged, allowed);
    expect(ask(packaged)).toBe(true);
    expect(ask('file:///etc/passwd')).toBe(false);
    expect(ask('https://evil.example/')).toBe(false);
    expect(ask(undefined)).toBe(false);
    expect(ask('')).toBe(false);
    expect(ask(packaged, 'media')).toBe(false);
    expect(isPermissionAllowed({ permission: 'clipboard-sanitized-write', url: 'http://localhost:5174/' }, dev, allowed)).toBe(false);
    expect(isPermissionAllowed({ permission: 'clipboard-sanitized-write', url: 'http://localhost:5173/a' }, dev, allowed)).toBe(true);
  });
});
