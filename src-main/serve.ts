/**
 * Headless Tapedeck: the same createApp() as the Electron window, serving the built renderer over HTTP
 * and the contract over a loopback WebSocket.
 *   npm run serve -- --port <p> --data-dir <dir> [--demo | --gateway <host:port>] [--host 127.0.0.1]
 *     [--gateway-home <dir>]   (look for IB Gateway / TWS installs under <dir>/Jts instead of the home folder)
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

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
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
