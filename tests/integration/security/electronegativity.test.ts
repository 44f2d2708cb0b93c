import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blockingFindings, formatFindings, scan } from '../../../scripts/security/electronegativity';
import { findSuppressions } from '../../../scripts/security/suppressions';
import { makeTempDir } from '../../support/temp-dir';

const PKG = JSON.stringify({ name: 'x', devDependencies: { electron: '45.4.1' } });

const HARDENED = `import { BrowserWindow, session } from 'electron';
session.defaultSession.setPermissionRequestHandler((_w, _p, cb) => cb(false));
app.on('web-contents-created', (_e, c) => {
  c.on('will-navigate', (e) => e.preventDefault());
  c.setWindowOpenHandler(() => ({ action: 'deny' }));
});
export const w = new BrowserWindow({
  webPreferences: {
    contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick',
  },
});
`;

function project(files: Record<string, string>): string {
  const { dir, cleanup } = makeTempDir('tapedeck-eng-');
  cleanups.push(cleanup);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('electronegativity gate (npm run security)', () => {
  it('blocks a window without isolation or sandbox, and says where', async () => {
    const dir = project({
      'package.json': PKG,
      'src/main.ts': HARDENED.replace('contextIsolation: true, sandbox: true', 'contextIsolation: false, sandbox: false'),
    });
    const result = await scan(dir);
    const blocking = blockingFindings(result.findings);
    expect(blocking.map((f) => `${f.severity} ${f.id}`)).toEqual(
      expect.arrayContaining(['HIGH CONTEXT_ISOLATION_JS_CHECK', 'MEDIUM SANDBOX_JS_CHECK']),
    );
    const isolation = blocking.filter((f) => f.id === 'CONTEXT_ISOLATION_JS_CHECK');
    expect(isolation.map((f) => f.file)).toEqual(['src/main.ts']);
    expect(formatFindings(blocking)[0]).toMatch(/^HIGH +CONTEXT_ISOLATION_JS_CHECK {2}src\/main\.ts:\d+:\d+/);
  });

  it('blocks a window whose options it cannot see, and middle-click left on', async () => {
    const dir = project({
      'package.json': PKG,
      'src/main.ts': `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow(options());\n`,
      'src/aux.ts': HARDENED.replace(", disableBlinkFeatures: 'Auxclick'", ''),
    });
    const ids = blockingFindings((await scan(dir)).findings).map((f) => `${f.file} ${f.id}`);
    expect(ids).toEqual(expect.arrayContaining(['src/main.ts CONTEXT_ISOLATION_JS_CHECK', 'src/aux.ts AUXCLICK_JS_CHECK']));
  });

  it('passes the hardened window literal, and lists eng-disable suppressions', async () => {
    const dir = project({
      'package.json': PKG,
      'src/main.ts': HARDENED,
      'src/index.html': `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'">\n<p>x</p> <!-- eng-${'disable'} CSP_GLOBAL_CHECK -->\n`,
    });
    const result = await scan(dir);
    expect(result.parseErrors).toEqual([]);
    expect(blockingFindings(result.findings)).toEqual([]);
    expect(findSuppressions(dir)).toEqual([{ file: join('src', 'index.html'), line: 2, checks: 'CSP_GLOBAL_CHECK' }]);
  });
});
