/**
 * The bridge between the sandboxed renderer and main. Built as ONE CommonJS bundle (sandboxed preloads
 * cannot require modules). Exposes exactly the contract: one function per call and `on` for allowlisted
 * events — never a generic `send(channel)`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNELS, EVENT_CHANNELS, IPC_CALL_PREFIX, IPC_EVENT_PREFIX } from '../src-shared/contract/names';

const allowedEvents = new Set<string>(EVENT_CHANNELS);

const calls = Object.freeze(
  Object.fromEntries(
    CALL_CHANNELS.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, input)]),
  ),
);

function on(event: string, listener: (payload: unknown) => void): () => void {
  if (!allowedEvents.has(event) || typeof listener !== 'function') {
    throw new Error(`Unknown Tapedeck event: ${String(event)}`);
  }
  const channel = IPC_EVENT_PREFIX + event;
  // Never hand the raw IpcRendererEvent (and its sender) to page code.
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

contextBridge.exposeInMainWorld('tapedeck', Object.freeze({ kind: 'electron', calls, on }));
