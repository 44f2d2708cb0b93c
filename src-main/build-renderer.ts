import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the app once (`npm run build`) when the renderer is missing. Runs electron-vite's JS entry
 * with this Node, so it works the same on Windows (where `npx` is a .cmd that spawn cannot run).
 */
export function ensureRendererBuilt(repoRoot: string, rendererDir: string, quiet = false): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  if (!quiet) process.stderr.write('The renderer is not built yet; building it once (npm run build)…\n');
  const bin = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: repoRoot, stdio: quiet ? 'ignore' : ['ignore', 2, 2] });
  if (r.status !== 0 || !existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('Building the renderer failed: run `npm run build` and look at its errors.');
  }
}
