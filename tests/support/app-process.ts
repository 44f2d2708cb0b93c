/**
 * The real app (createApp + the headless WebSocket carrier) in a process of its own, for tests that must
 * kill it: `node --import tsx tests/support/app-process.ts <dataDir>` prints `READY <url>`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src-main/app';
import { createLogger } from '../../src-main/platform/log';
import { startHeadlessServer } from '../../src-main/transport/headless-server';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: app-process.ts <dataDir>');
const log = createLogger('app-process');
const rendererDir = mkdtempSync(join(tmpdir(), 'tapedeck-noui-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>api only</title>');
const app = await createApp({ dataDir, carrier: 'websocket', version: 'test', demo: true, demoOptions: { seed: 11, depthLimit: 5 }, log });
const server = await startHeadlessServer({ router: app.router, bus: app.bus, log, rendererDir, host: '127.0.0.1', port: 0 });
process.stdout.write(`READY ${server.url}\n`);
