import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PDF_OPTIONS, type PdfOptions, type PrintWindow, allowOnly, choosePrinter, windowPrinter } from '../../../src-main/reports/window-printer';
import { makeTempDir } from '../../support/temp-dir';

const PDF = Buffer.from('%PDF-1.7\n%fake\n');

/** A print window that records what it was asked; `fail` makes one step throw. */
class FakeWindow implements PrintWindow {
  static opened: FakeWindow[] = [];
  static live = 0;
  static maxLive = 0;
  url = '';
  html = '';
  allow: (u: string) => boolean = () => true;
  options: PdfOptions | null = null;
  closed = false;
  constructor(private readonly fail?: 'load' | 'print' | 'not-pdf', private readonly gate?: Promise<void>) {
    FakeWindow.opened.push(this);
    FakeWindow.live += 1;
    FakeWindow.maxLive = Math.max(FakeWindow.maxLive, FakeWindow.live);
  }
  async load(url: string, allow: (u: string) => boolean) {
    this.url = url;
    this.allow = allow;
    this.html = readFileSync(fileURLToPath(url), 'utf8');
    if (this.fail === 'load') throw new Error('ERR_FAILED');
  }
  async printToPdf(options: PdfOptions) {
    this.options = options;
    await this.gate;
    if (this.fail === 'print') throw new Error('printing failed');
    return this.fail === 'not-pdf' ? Buffer.from('<html>') : PDF;
  }
  close() {
    this.closed = true;
    FakeWindow.live -= 1;
  }
}

describe('window printer (Electron printToPDF behind a port)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
    FakeWindow.opened = [];
    FakeWindow.live = 0;
    FakeWindow.maxLive = 0;
  });
  afterEach(() => tmp.cleanup());

  it('prints the HTML from a private temporary file that only it may load, with Letter pages and backgrounds, then cleans up', async () => {
    const html = `<!doctype html><p>${'x'.repeat(3_000_000)}</p>`; // beyond Chromium's 2 MB URL limit
    const pdf = await windowPrinter(() => new FakeWindow(), tmp.dir).print(html);
    expect(pdf).toEqual(PDF);
    const [w] = FakeWindow.opened;
    expect(w.url).toMatch(/^file:\/\/.*tapedeck-pdf-.*\/report\.html$/);
    expect(w.html).toBe(html);
    expect(w.options).toEqual(PDF_OPTIONS);
    expect(PDF_OPTIONS.margins.top).toBeCloseTo(0.4724, 4); // 12 mm in inches
    expect(w.allow(w.url)).toBe(true);
    expect(w.allow('data:image/png;base64,AAAA')).toBe(true);
    expect(w.allow('https://example.com/x.png')).toBe(false);
    expect(w.allow(`${w.url}?x`)).toBe(false);
    expect(w.closed).toBe(true);
    expect(existsSync(fileURLToPath(w.url))).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('a failed load, a failed print or a non-PDF reply rejects, and still closes the window and removes the file', async () => {
    for (const fail of ['load', 'print', 'not-pdf'] as const) {
      await expect(windowPrinter(() => new FakeWindow(fail), tmp.dir).print('<p>x</p>')).rejects.toThrow();
      expect(FakeWindow.opened.at(-1)!.closed).toBe(true);
    }
    expect(readdirSync(tmp.dir)).toEqual([]);
    // A window that cannot even open leaves nothing either.
    await expect(windowPrinter(() => { throw new Error('no display'); }, tmp.dir).print('<p>x</p>')).rejects.toThrow('no display');
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('prints one report at a time; a failure does not block the next', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const printer = windowPrinter(() => new FakeWindow(n++ === 0 ? 'print' : undefined, gate), tmp.dir);
    const first = printer.print('<p>1</p>');
    const second = printer.print('<p>2</p>');
    release();
    await expect(first).rejects.toThrow('printing failed');
    await expect(second).resolves.toEqual(PDF);
    expect(FakeWindow.maxLive).toBe(1);
    expect(allowOnly('file:///a.html')('file:///b.html')).toBe(false);
  });

  it('chooses the desktop window when there is one, else Chromium when its binary exists, else no PDF', () => {
    const open = () => new FakeWindow();
    expect(choosePrinter({ window: open, chromiumPath: '/nope', exists: () => false }).kind).toBe('electron');
    expect(choosePrinter({ window: null, chromiumPath: '/usr/bin/chromium', exists: (p) => p === '/usr/bin/chromium' }).kind).toBe('chromium');
    const none = choosePrinter({ chromiumPath: '/nope', exists: () => false });
    expect(none).toEqual({ kind: 'none' });
  });
});
