import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src-main/config/settings-store';
import { createLogger } from '../../../src-main/platform/log';
import { DEFAULT_SETTINGS, sessionMode } from '../../../src-shared/contract/features/settings';
import { makeTempDir } from '../../support/temp-dir';

const log = createLogger('test');

describe('connection.mode setting', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir('tapedeck-mode-')));
  afterEach(() => tmp.cleanup());

  it('defaults to paper, also for a settings file written before the field existed', () => {
    expect(DEFAULT_SETTINGS.connection.mode).toBe('paper');
    const file = join(tmp.dir, 'settings.json');
    const old = { ...DEFAULT_SETTINGS, connection: { demo: false, host: '10.0.0.2', port: 4001, clientId: 3, connectTimeoutSec: 5 } };
    writeFileSync(file, JSON.stringify(old));
    const s = new SettingsStore(file, log);
    expect(s.get().connection).toEqual({ ...old.connection, mode: 'paper' });
    expect(sessionMode({})).toBe('paper');
  });

  it('live is kept when another connection field changes, and persisted', () => {
    const file = join(tmp.dir, 'settings.json');
    const s = new SettingsStore(file, log);
    expect(s.update({ connection: { mode: 'live' } }).ok).toBe(true);
    expect(s.update({ connection: { host: 'localhost' } }).ok).toBe(true);
    expect(s.get().connection.mode).toBe('live');
    expect(new SettingsStore(file, log).get().connection.mode).toBe('live');
  });

  it('refuses a mode that is neither paper nor live', () => {
    const s = new SettingsStore(join(tmp.dir, 'settings.json'), log);
    const r = s.update({ connection: { mode: 'real' as never } });
    expect(r.ok).toBe(false);
    expect(s.get().connection.mode).toBe('paper');
  });
});
