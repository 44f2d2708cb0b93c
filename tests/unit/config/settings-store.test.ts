import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/features/settings';
import { SettingsStore } from '../../../src-main/config/settings-store';
import { createLogger } from '../../../src-main/platform/log';
import { makeTempDir } from '../../support/temp-dir';

const log = createLogger('test');

describe('settings store', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir();
    file = join(tmp.dir, 'settings.json');
  });
  afterEach(() => tmp.cleanup());

  it('starts from defaults and persists an update across instances', () => {
    const a = new SettingsStore(file, log);
    expect(a.get()).toEqual(DEFAULT_SETTINGS);
    const r = a.update({ scanner: { priceMax: 25 }, ui: { scannerFilter: 'AB' } });
    expect(r.ok).toBe(true);
    const b = new SettingsStore(file, log);
    expect(b.get().scanner.priceMax).toBe(25);
    expect(b.get().scanner.priceMin).toBe(DEFAULT_SETTINGS.scanner.priceMin);
    expect(b.get().ui.scannerFilter).toBe('AB');
  });

  it('refuses invalid host, port and clientId with a clear message and keeps the old value', () => {
    const s = new SettingsStore(file, log);
    for (const connection of [{ port: 70000 }, { port: 0 }, { clientId: -1 }, { host: 'bad host!' }, { host: '' }]) {
      const r = s.update({ connection });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^connection\.(port|clientId|host): /);
    }
    expect(s.get().connection).toEqual(DEFAULT_SETTINGS.connection);
    expect(s.update({ scanner: { priceMin: 40, priceMax: 30 } }).ok).toBe(false);
  });

  it('survives a corrupt file by keeping a backup and using defaults', () => {
    writeFileSync(file, '{ not json');
    const s = new SettingsStore(file, log);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    s.update({ chart: { includeExtended: false } });
    expect(JSON.parse(readFileSync(file, 'utf8')).chart.includeExtended).toBe(false);
  });

  it('applies run overrides without writing them', () => {
    const s = new SettingsStore(file, log, { connection: { demo: false, host: '10.0.0.5', port: 7497 } });
    expect(s.get().connection.port).toBe(7497);
    expect(() => readFileSync(file)).toThrow();
  });
});

describe('settings store overrides', () => {
  it('never persists a run override, even when another section changes', () => {
    const tmp = makeTempDir();
    const file = join(tmp.dir, 'settings.json');
    const s = new SettingsStore(file, log, { connection: { demo: false, port: 7497 } });
    s.update({ scanner: { priceMax: 20 } });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.connection).toEqual(DEFAULT_SETTINGS.connection);
    expect(saved.scanner.priceMax).toBe(20);
    expect(s.get().connection.port).toBe(7497);
    tmp.cleanup();
  });
});
