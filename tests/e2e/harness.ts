import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium; the flags keep it off the network this machine does not have (DESIGN §9). */
export const CHROMIUM = process.env.TAPEDECK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const RESULTS_DIR = resolve('test-results');

export interface ServeHandle {
  url: string;
  origin: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `npm run serve`'s entry on an ephemeral port with its own data directory. */
export async function startServe(args: string[] = ['--demo'], dataDir = mkdtempSync(join(tmpdir(), 'tapedeck-e2e-'))): Promise<ServeHandle> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', '--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TAPEDECK_LOG: process.env.TAPEDECK_LOG ?? 'warn' },
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not print its URL in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /Tapedeck serving at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    proc,
    output: () => out,
    stop: (signal = 'SIGINT') =>
      new Promise((res) => {
        if (proc.exitCode !== null) return res(proc.exitCode);
        proc.once('exit', (code) => res(code));
        proc.kill(signal);
      }),
  };
}

export interface BrowserHandle {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserHandle> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'tapedeck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1600, height: 960 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test-results/ (attached to the run's output). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshot: ${file}`);
  return file;
}

/** Waits for the app root to report `ready` (never a sleep). */
export async function waitForReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('[data-app-state="ready"]', { timeout });
}

/** Makes one contract call over the served WebSocket, as the page would (same token, same origin). */
export async function callServe(serve: ServeHandle, name: string, input?: unknown): Promise<unknown> {
  const { WebSocket } = await import('ws');
  const u = new URL(serve.url);
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`, { origin: serve.origin });
  try {
    return await new Promise((res, rej) => {
      ws.on('error', rej);
      ws.on('open', () => ws.send(JSON.stringify({ t: 'call', id: 1, name, input })));
      ws.on('message', (d) => {
        const frame = JSON.parse(d.toString());
        if (frame.t === 'result' && frame.id === 1) res(frame.result);
      });
    });
  } finally {
    ws.close();
  }
}
