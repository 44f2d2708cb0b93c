import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStamp, keepDamagedCopy } from '../../../src-main/platform/damaged-file';
import { SettingsStore } from '../../../src-main/config/settings-store';
import { createLogger } from '../../../src-main/platform/log';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = makeTempDir('tapedeck-damaged-');
  cleanups.push(t.cleanup);
  return t.dir;
}
const AT = Date.UTC(2026, 11, 1, 14, 25, 0, 123);

describe('damaged files', () => {
  it('are moved aside with a sortable stamp, companions along', () => {
    const d = dir();
    const f = join(d, 'tapedeck.db');
    writeFileSync(f, 'main');
    writeFileSync(`${f}-wal`, 'wal');
    const copy = keepDamagedCopy(f, AT, ['-wal', '-shm']);
    expect(fileStamp(AT)).toBe('2026-12-01T14-25-00-123Z');
    expect(copy).toBe(join(d, 'tapedeck.db.corrupt-2026-12-01T14-25-00-123Z'));
    expect(readFileSync(copy, 'utf8')).toBe('main');
    expect(readFileSync(`${copy}-wal`, 'utf8')).toBe('wal');
    expect(existsSync(f)).toBe(false);
  });

  it('stop the start when they cannot be kept', () => {
    expect(() => keepDamagedCopy(join(dir(), 'missing.json'), AT)).toThrow(/could not be moved aside \(ENOENT\); Tapedeck will not start over it/);
  });

  it('settings: a damaged file gives defaults, a notice and a copy; a sound one gives none', () => {
    const d = dir();
    const file = join(d, 'settings.json');
    const log = createLogger('test');
    expect(new SettingsStore(file, log).startupNotice()).toBeNull(); // first run: no file, no notice
    writeFileSync(file, '{"scanner": ');
    const store = new SettingsStore(file, log, {}, () => AT);
    expect(store.damaged?.copy).toBe(`${file}.corrupt-2026-12-01T14-25-00-123Z`);
    expect(store.startupNotice()).toMatch(/could not be read \(not valid JSON: .*\)\. Tapedeck started with default settings; the damaged file was kept as .*corrupt-2026-12-01T14-25-00-123Z\.$/);
    expect(readdirSync(d)).toEqual(['settings.json.corrupt-2026-12-01T14-25-00-123Z']);
    expect(store.update({ scanner: { priceMin: 2 } }).ok).toBe(true);
    expect(new SettingsStore(file, log).startupNotice()).toBeNull();
  });
});
