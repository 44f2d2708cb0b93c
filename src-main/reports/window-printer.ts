/**
 * Printing the report's HTML to PDF in a window of the desktop shell (Electron's webContents.printToPDF),
 * and which printer a run uses. The Electron side is a thin `PrintWindow` (src-main/electron/pdf-window.ts);
 * everything that can go wrong in between lives here, tested with a fake window: the HTML goes through a
 * private temporary file (a 10,000-trip report is larger than Chromium's 2 MB URL limit), the page may
 * load nothing else, one print runs at a time, and the window and the file are always cleaned up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type PdfPrinter, chromiumPrinter } from './pdf';

/** What printToPDF is given: Letter, backgrounds on, the margins the Chromium printer uses (inches). */
export const PDF_OPTIONS = {
  pageSize: 'Letter',
  printBackground: true,
  margins: { top: 12 / 25.4, bottom: 12 / 25.4, left: 10 / 25.4, right: 10 / 25.4 },
} as const;
export type PdfOptions = typeof PDF_OPTIONS;

export interface PrintWindow {
  /**
   * Loads `url` with scripts off, refusing every other request (`allow` says which URL may load); resolves
   * when the page has loaded.
   */
  load(url: string, allow: (requestUrl: string) => boolean): Promise<void>;
  printToPdf(options: PdfOptions): Promise<Buffer>;
  close(): void;
}

/** The only URLs the print window may load: the report file itself (and data: URLs, which never leave it). */
export function allowOnly(reportUrl: string): (requestUrl: string) => boolean {
  return (u) => u === reportUrl || u.startsWith('data:');
}

export function windowPrinter(open: () => PrintWindow, tempRoot = tmpdir()): PdfPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  const printOne = async (html: string): Promise<Buffer> => {
    const dir = mkdtempSync(join(tempRoot, 'tapedeck-pdf-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html, { mode: 0o600 });
    const url = pathToFileURL(file).href;
    let win: PrintWindow | undefined;
    try {
      win = open();
      await win.load(url, allowOnly(url));
      const pdf = await win.printToPdf(PDF_OPTIONS);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('The print window returned something that is not a PDF.');
      return pdf;
    } finally {
      win?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    print(html) {
      // One print window at a time: a report build prints once, but two quick builds must not share one.
      const run = queue.then(() => printOne(html));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type PrinterKind = 'electron' | 'chromium' | 'none';

/**
 * The printer for this run, chosen once at start-up: the desktop shell's window printer when there is one,
 * else headless Chromium through playwright-core when its binary exists, else none (the report then writes
 * md, csv and html).
 */
export function choosePrinter(o: { window?: (() => PrintWindow) | null; chromiumPath: string; exists: (path: string) => boolean }): { kind: PrinterKind; printer?: PdfPrinter } {
  if (o.window) return { kind: 'electron', printer: windowPrinter(o.window) };
  if (o.exists(o.chromiumPath)) return { kind: 'chromium', printer: chromiumPrinter(o.chromiumPath) };
  return { kind: 'none' };
}
