import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../../src-shared/contract/calls';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX } from '../../src-shared/contract/names';
import { err } from '../../src-shared/contract/result';
import type { Disposable } from '../platform/disposable';
import type { Logger } from '../platform/log';
import type { EventBus } from '../transport/event-bus';
import type { Router } from '../transport/router';
import { isTrustedRendererUrl } from './window-options';

/**
 * The one registrar for Electron IPC: every contract call is handled here, and only when the sender is
 * the main frame of one of our windows showing our renderer.
 */
export function registerIpcCarrier(opts: {
  ipcMain: IpcMain;
  router: Router;
  bus: EventBus;
  log: Logger;
  rendererUrl: string;
  windows: () => BrowserWindow[];
}): Disposable {
  const { ipcMain, router, bus, log } = opts;
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const owns = opts.windows().some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id);
    return owns && isTrustedRendererUrl(frame.url, opts.rendererUrl);
  };

  for (const name of CALL_NAMES) {
    ipcMain.handle(IPC_CALL_PREFIX + name, async (event, input: unknown) => {
      if (!trusted(event)) {
        log.warn('refused IPC from an untrusted sender', { call: name, url: event.senderFrame?.url ?? '?' });
        return err('INVALID_INPUT', 'Refused: this window is not allowed to call Tapedeck.');
      }
      return router.dispatch(name, input, { clientId: `win-${event.sender.id}` });
    });
  }

  const sub = bus.subscribe((name, payload) => {
    for (const w of opts.windows()) {
      if (!w.isDestroyed()) w.webContents.send(IPC_EVENT_PREFIX + name, payload);
    }
  });

  return {
    dispose() {
      sub.dispose();
      for (const name of CALL_NAMES) ipcMain.removeHandler(IPC_CALL_PREFIX + name);
    },
  };
}
