import { isTrustedRendererUrl } from './window-options';

/** A permission asked for (a prompt) or checked (a query) by some page. */
export interface PermissionAsk {
  /** Electron's permission name, e.g. 'media', 'notifications', 'clipboard-read'. */
  permission: string;
  /** The requesting page's URL or origin; absent or empty when Electron does not know it. */
  url: string | undefined;
}

/**
 * Tapedeck needs no web permission (no camera, microphone, notifications, clipboard read, geolocation,
 * MIDI, HID...), so nothing is allowed. A permission added here is granted only to the app's own renderer.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Denies by default: allowed only when listed AND asked by the app's own renderer. */
export function isPermissionAllowed(
  ask: PermissionAsk,
  rendererUrl: string,
  allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS,
): boolean {
  if (!allowed.has(ask.permission)) return false;
  if (!ask.url) return false;
  return isTrustedRendererUrl(ask.url, rendererUrl);
}
