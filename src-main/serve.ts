/**
 * Headless Tapedeck: the same createApp() as the Electron window, serving the built renderer over HTTP
 * and the contract over a loopback WebSocket.
 *   npm run serve -- --port <p> --data-dir <dir> [--demo | --gateway <host:port>] [--host 127.0.0.1]
 *     [--gateway-home <dir>]   (look for IB Gateway / TWS installs under <dir>/Jts instead of the home folder)
 *     [--databento-url <url>]  (DataBento's API base, e.g. a company proxy; default https://hist.databento.com)
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { ensureRendererBuilt } from './build-renderer';
import { intArg, parseArgs, parseHostPort } from './cli-args';
import { defaultDataDir } from './config/paths';
import { createLogger } from './platform/log';
import { startHeadlessServer } from './transport/headless-server';

const USAGE = `Tapedeck without a window: the whole app, its renderer over HTTP and the contract over a WebSocket, on loopback.

  npm run serve -- [--port 5199] [--data-dir <dir>] [--demo | --gateway <host:port>] [--host 127.0.0.1]
                   [--gateway-home <dir>] [--databento-url <url>]
  npm run serve -- --help | --describe

Prints "Tapedeck serving at http://127.0.0.1:<port>/?token=<token>": open it in a browser. With neither --demo
nor --gateway it uses the gateway in the settings, or starts on the built-in simulator as a demo account.`;

const DESCRIBE = {
  name: 'serve',
  summary: 'The Tapedeck app headless: the same main process as the desktop window, served to a browser.',
  inputs: {
    '--port': 'int, HTTP port; default 5199',
    '--data-dir': 'path, recordings, tapedeck.db, settings.json, reports; default the per-user data folder',
    '--demo': 'flag, the built-in simulator as a paper demo account',
    '--gateway': 'host:port of IB Gateway or TWS (not with --demo)',
    '--host': 'interface to bind; default 127.0.0.1 (anything else warns: the token is the only lock)',
    '--gateway-home': 'path, look for IB Gateway / TWS installs under <dir>/Jts',
    '--databento-url': 'url, DataBento API base; default https://hist.databento.com',
    '--help': 'flag', '--describe': 'flag',
  },
  outputs: {
    stdout: 'one line "Tapedeck serving at http://<host>:<port>/?token=<token>"',
    http: 'the renderer at /, its root element carrying data-app-state="loading|ready|error"',
    websocket: '/ws?token=<token>: the typed contract (calls and events, zod-validated)',
    files: '<data-dir>/recordings/symbol=SYM/date=YYYY-MM-DD/<session>/depth.arrows and the rest (docs/ARCHITECTURE.md)',
    exit: '0 after SIGINT/SIGTERM, 1 when it cannot start (the reason on stderr)',
  },
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) return void process.stdout.write(`${USAGE}\n`);
  if (args.has('describe')) return void process.stdout.write(`${JSON.stringify(DESCRIBE, null, 2)}\n`);
  const log = createLogger('serve');
  const port = intArg(args, 'port', 5199);
  const host = typeof args.get('host') === 'string' ? (args.get('host') as string) : '127.0.0.1';
  const dataDir = resolve(typeof args.get('data-dir') === 'string' ? (args.get('data-dir') as string) : defaultDataDir());
  const gatewayArg = args.get('gateway');
  const gateway = typeof gatewayArg === 'string' ? parseHostPort(gatewayArg) : undefined;
  if (gateway && args.has('demo')) throw new Error('Use either --demo or --gateway, not both.');
  const gatewayHome = args.get('gateway-home');
  const rendererDir = join(repoRoot, 'out', 'renderer');
  ensureRendererBuilt(repoRoot, rendererDir);

  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const app = await createApp({
    dataDir,
    carrier: 'websocket',
    version,
    demo: args.has('demo') ? true : undefined,
    gateway,
    gatewaySearch: typeof gatewayHome === 'string' ? { home: resolve(gatewayHome) } : undefined,
    databentoBaseUrl: typeof args.get('databento-url') === 'string' ? (args.get('databento-url') as string) : undefined,
    log,
  });
  const server = await startHeadlessServer({ router: app.router, bus: app.bus, log, rendererDir, host, port });
  for (const notice of app.notices) process.stderr.write(`Tapedeck: ${notice}\n`);
  process.stdout.write(`Tapedeck serving at ${server.url}\n`);
  if (host !== '127.0.0.1' && host !== 'localhost') {
    log.warn('bound beyond loopback on purpose: anyone with the URL and token can control this app', { host });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    await app.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Tapedeck could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
