import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const hasPdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].some(existsSync);

/** Renders page 1 of a PDF to a greyscale PGM with poppler and returns the share of non-white pixels. */
export function inkShare(pdf: string, workDir: string): number {
  const stem = join(workDir, 'page');
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', '-singlefile', pdf, stem]);
  const buf = readFileSync(`${stem}.pgm`);
  // "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('not a PGM');
  const pixels = buf.subarray(m[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / (Number(m[1]) * Number(m[2]));
}
