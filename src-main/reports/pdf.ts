/**
 * HTML → PDF. Electron's shell can pass a printer built on webContents.printToPDF; headless runs (`serve`,
 * the CLI) print through Debian's Chromium driven by playwright-core, offline (network flags off and every
 * request refused: the report needs none).
 */
import { existsSync } from 'node:fs';

export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
}

export const CHROMIUM_PATH = process.env.TAPEDECK_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumPrinter(executablePath = CHROMIUM_PATH): PdfPrinter {
  return {
    async print(html) {
      if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath} to print the PDF (set TAPEDECK_CHROMIUM).`);
      // Loaded on first use: playwright-core is a development tool, kept out of the main bundle (Electron prints
      // with webContents.printToPDF instead), and only `serve`/the CLI reach this path.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath, args: ARGS });
      try {
        const page = await browser.newPage();
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'Letter', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
      } finally {
        await browser.close();
      }
    },
  };
}

/** Headless Chromium when this machine has one, else no PDF (the other three files still work). */
export function defaultPrinter(): PdfPrinter | undefined {
  return existsSync(CHROMIUM_PATH) ? chromiumPrinter() : undefined;
}
