import { CALL_NAMES, type CallName } from '../../../src-shared/contract/calls';
import { err } from '../../../src-shared/contract/result';
import { type CarrierBridge, type WsClientFrame, type WsServerFrame, TOKEN_PARAM, WS_PATH } from '../../../src-shared/contract/carrier';
import type { EventName } from '../../../src-shared/contract/events';

type Pending = { resolve: (value: unknown) => void };

/**
 * The headless carrier: one WebSocket to the serve process, reconnecting with backoff. Calls made while the
 * socket is down wait for it (up to a timeout) so feature code never sees the transport.
 */
export function createWsCarrier(baseUrl: string, token: string): CarrierBridge & { close(): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const outbox: WsClientFrame[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  let closed = false;

  const url = new URL(WS_PATH, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set(TOKEN_PARAM, token);

  const connect = () => {
    const ws = new WebSocket(url.toString());
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const frame of outbox.splice(0)) ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (ev) => {
      const frame = JSON.parse(String(ev.data)) as WsServerFrame;
      if (frame.t === 'result') {
        pending.get(frame.id)?.resolve(frame.result);
        pending.delete(frame.id);
      } else if (frame.t === 'event') {
        for (const l of listeners.get(frame.name) ?? []) l(frame.payload);
      }
    };
    ws.onclose = (ev) => {
      socket = null;
      // 1013: the server cut this tab off because it stopped reading (a frozen tab); events were lost, so
      // the page reloads and fetches everything afresh rather than show a stale book.
      const page = (globalThis as { location?: { reload(): void } }).location;
      if (ev.code === 1013 && !closed && page) return page.reload();
      for (const p of pending.values()) p.resolve(err('NOT_CONNECTED', 'Lost the connection to Tapedeck; retrying.'));
      pending.clear();
      if (closed) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  const send = (name: string, input: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const frame: WsClientFrame = { t: 'call', id: nextId++, name, input };
      pending.set(frame.id, { resolve });
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
      else outbox.push(frame);
    });

  const calls = Object.fromEntries(CALL_NAMES.map((n) => [n, (input?: unknown) => send(n, input)])) as Record<
    CallName,
    (input?: unknown) => Promise<unknown>
  >;

  return {
    kind: 'websocket',
    calls,
    close() {
      closed = true;
      socket?.close();
    },
    on(event: EventName, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set!.delete(listener);
    },
  };
}
