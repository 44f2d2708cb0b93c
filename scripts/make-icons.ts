/**
 * `npm run icons`: rasterizes build/icon.svg with headless Chromium (playwright-core, TAPEDECK_CHROMIUM or
 * /usr/bin/chromium) into what electron-builder uses from build/: icons/<N>x<N>.png (Linux), icon.png,
 * icon.icns (macOS) and icon.ico (Windows). The outputs are checked in; rerun after changing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { icnsFromPngs, icoFromPngs } from './desktop/icon-files';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

if (process.argv.includes('--help') || process.argv.includes('--describe')) {
  console.log(
    process.argv.includes('--describe')
      ? JSON.stringify({ name: 'icons', inputs: { files: ['build/icon.svg'], env: ['TAPEDECK_CHROMIUM'] }, outputs: { files: ['build/icons/<N>x<N>.png', 'build/icon.png', 'build/icon.icns', 'build/icon.ico'] } })
      : 'npm run icons   rasterize build/icon.svg into the installers\' icons (needs Chromium)',
  );
  process.exit(0);
}

const svg = readFileSync(join(root, 'build', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.TAPEDECK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const pngs: { size: number; png: Buffer }[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    pngs.push({ size, png: await page.screenshot({ omitBackground: true, type: 'png' }) });
  }
  mkdirSync(join(root, 'build', 'icons'), { recursive: true });
  for (const { size, png } of pngs) writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(root, 'build', 'icon.png'), pngs.find((p) => p.size === 1024)!.png);
  writeFileSync(join(root, 'build', 'icon.icns'), icnsFromPngs(pngs.filter((p) => p.size !== 48)));
  writeFileSync(join(root, 'build', 'icon.ico'), icoFromPngs(pngs.filter((p) => p.size <= 256)));
  console.log(`icons written to ${join(root, 'build')}`);
} finally {
  await browser.close();
}
