import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CALL_NAMES } from '../../../src-shared/contract/calls';
import { createLogger } from '../../../src-main/platform/log';
import { EventBus } from '../../../src-main/transport/event-bus';
import { startHeadlessServer, type HeadlessServer } from '../../../src-main/transport/headless-server';
import { createRouter } from '../../../src-main/transport/router';
import { createWsCarrier } from '../../../src-renderer/src/lib/ws-carrier';
import { recordingHandlers } from '../../support/fake-handlers';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const log = createLogger('test');

/** Opens a raw socket and reports whether the upgrade was accepted (or the HTTP status it was refused with). */
function tryConnect(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('headless server', () => {
  let server: HeadlessServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let writes: string[];
  const bus = new EventBus(log);

  beforeEach(async () => {
    tmp = makeTempDir();
    mkdirSync(join(tmp.dir, 'assets'));
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><div id="root"></div>');
    const fake = recordingHandlers();
    writes = fake.writes;
    server = await startHeadlessServer({ router: createRouter(fake.handlers, log), bus, log, rendererDir: tmp.dir, host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('serves the renderer and refuses paths outside it', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('prints a URL with the token and refuses sockets without it or from other origins', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    const origin = `http://127.0.0.1:${server.port}`;
    expect(await tryConnect(ws, origin)).toBe(401);
    expect(await tryConnect(`${ws}?token=wrong`, origin)).toBe(401);
    expect(await tryConnect(`${ws}?token=${server.token}`, 'http://evil.example')).toBe(403);
    expect(await tryConnect(`${ws}?token=${server.token}`)).toBe(403);
    expect(await tryConnect(`${ws}?token=${server.token}`, origin)).toBe('open');
  });

  it('the renderer WebSocket client exposes exactly the contract and round-trips through zod', async () => {
    // Node 20 has no global WebSocket; give the renderer client one that sends the page's origin.
    const origin = `http://127.0.0.1:${server.port}`;
    const g = globalThis as { WebSocket?: unknown };
    const previous = g.WebSocket;
    g.WebSocket = class extends WebSocket {
      constructor(url: string) {
        super(url, { origin });
      }
    };
    try {
      const carrier = createWsCarrier(`${origin}/`, server.token);
      expect(Object.keys(carrier.calls).sort()).toEqual([...CALL_NAMES].sort());
      const info = (await carrier.calls['app:info']()) as { ok: boolean };
      expect(info.ok).toBe(true);
      const bad = (await carrier.calls['recorder:start']({ symbols: 'AAPL' })) as { ok: boolean; error: { code: string } };
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(writes).toEqual([]);
      const good = (await carrier.calls['recorder:start']({ symbols: ['AAPL'] })) as { ok: boolean };
      expect(good.ok).toBe(true);
      const seen: unknown[] = [];
      carrier.on('app:notice', (p) => seen.push(p));
      bus.emit('app:notice', { ts: 1, level: 'info', feature: 'test', message: 'hello' });
      await waitFor(() => seen.length === 1, { message: 'event delivery' });
      carrier.close();
    } finally {
      g.WebSocket = previous;
    }
  });

  it('survives garbage frames', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin });
    await new Promise((r) => ws.on('open', r));
    const replies: string[] = [];
    ws.on('message', (d) => replies.push(d.toString()));
    ws.send('not json');
    ws.send(Buffer.from([0, 1, 2]), { binary: true });
    ws.send(JSON.stringify({ t: 'call', id: 'x', name: 'app:info' }));
    ws.send(JSON.stringify({ t: 'call', id: 7, name: 'nope:nope', input: { a: 1 } }));
    await waitFor(() => replies.some((r) => r.includes('"id":7')), { message: 'reply to id 7' });
    expect(JSON.parse(replies.find((r) => r.includes('"id":7'))!).result.error.code).toBe('INVALID_INPUT');
    ws.close();
  });

  it('cuts off a client that stops reading instead of buffering its events without bound; others keep theirs', async () => {
    const quiet = await startHeadlessServer({
      router: createRouter(recordingHandlers().handlers, log), bus, log, rendererDir: tmp.dir,
      host: '127.0.0.1', port: 0, maxBufferedBytes: 1 << 20,
    });
    try {
      const origin = `http://127.0.0.1:${quiet.port}`;
      const open = async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${quiet.port}/ws?token=${quiet.token}`, { origin });
        await new Promise((r) => ws.on('open', r));
        return ws;
      };
      const stuck = await open();
      const reader = await open();
      let received = 0;
      reader.on('message', () => received++);
      (stuck as unknown as { _socket: { pause(): void } })._socket.pause(); // a tab that no longer reads
      const big = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 2_000; i++) {
        bus.emit('app:notice', { ts: i, level: 'info', feature: 'flood', message: big });
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
      await waitFor(() => received >= 2_000, { message: 'the reading client got every event', timeout: 10_000 });
      // The stuck tab wakes up: what it finds at the end of its unread bytes is the server's close, 1013.
      let closedWith = 0;
      stuck.on('close', (code) => (closedWith = code));
      (stuck as unknown as { _socket: { resume(): void } })._socket.resume();
      await waitFor(() => closedWith !== 0, { message: 'the stuck client cut off', timeout: 10_000 });
      expect([1013, 1006]).toContain(closedWith);
      reader.close();
    } finally {
      await quiet.close();
    }
  });
});
