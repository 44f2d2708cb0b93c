import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../src-shared/contract/features/settings';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Logger } from '../platform/log';
import { keepDamagedCopy } from '../platform/damaged-file';

/** A settings file that could not be used: where its copy went and why, for the startup notice. */
export interface DamagedSettings {
  copy: string;
  reason: string;
}

/** Writes a file so a crash leaves either the old or the new content, never half of one. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  return {
    connection: { ...base.connection, ...patch.connection },
    scanner: { ...base.scanner, ...patch.scanner },
    recorder: { ...base.recorder, ...patch.recorder },
    chart: { ...base.chart, ...patch.chart },
    ui: patch.ui ? { ...base.ui, ...patch.ui } : base.ui,
  };
}

/**
 * Settings persisted as JSON in the data directory, validated on the way in and out. Run overrides
 * (`--demo`, `--gateway`) apply to this run only and are never written; a user change to a section
 * replaces that section's override.
 */
export class SettingsStore {
  private persisted: Settings;
  private current: Settings;
  private readonly listeners = new Set<(s: Settings, previous: Settings) => void>();
  /** Set when the file on disk was damaged at start: it was moved aside and defaults are in use. */
  readonly damaged: DamagedSettings | null = null;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
    private overrides: SettingsPatch = {},
    now: () => number = Date.now,
  ) {
    const loaded = this.load(now);
    this.persisted = loaded.settings;
    this.damaged = loaded.damaged;
    this.current = mergeSettings(this.persisted, overrides);
  }

  /** What to tell the user at start, or null when the settings loaded as saved. */
  startupNotice(): string | null {
    if (!this.damaged) return null;
    return `Your settings file could not be read (${this.damaged.reason}). Tapedeck started with default settings; the damaged file was kept as ${this.damaged.copy}.`;
  }

  private load(now: () => number): { settings: Settings; damaged: DamagedSettings | null } {
    if (!existsSync(this.file)) return { settings: DEFAULT_SETTINGS, damaged: null };
    let reason: string;
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      // Fill sections added since the file was written, then validate the whole.
      const merged = mergeSettings(DEFAULT_SETTINGS, raw as SettingsPatch);
      const parsed = Settings.safeParse(merged);
      if (parsed.success) return { settings: parsed.data, damaged: null };
      const issue = parsed.error.issues[0];
      reason = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid settings';
    } catch (e) {
      reason = e instanceof SyntaxError ? `not valid JSON: ${e.message}` : String(e);
    }
    // Never silently reset: keep the damaged file (throws, stopping the start, if it cannot be kept).
    const copy = keepDamagedCopy(this.file, now());
    this.log.warn('settings file damaged; kept a copy and started with defaults', { file: this.file, copy, reason });
    return { settings: DEFAULT_SETTINGS, damaged: { copy, reason } };
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Result<Settings> {
    const next = Settings.safeParse(mergeSettings(this.current, patch));
    if (!next.success) {
      const issue = next.error.issues[0];
      return err('INVALID_INPUT', issue ? `${issue.path.join('.')}: ${issue.message}` : 'Invalid settings.');
    }
    const { scanner } = next.data;
    if (scanner.priceMin > scanner.priceMax) {
      return err('INVALID_INPUT', 'scanner.priceMin: the minimum price must not exceed the maximum.');
    }
    const previous = this.current;
    const persisted = mergeSettings(this.persisted, patch);
    try {
      writeFileAtomic(this.file, JSON.stringify(persisted, null, 2));
    } catch (e) {
      return err('INTERNAL', `Could not save settings to ${this.file}: ${(e as Error).message}`);
    }
    this.persisted = persisted;
    if (patch.connection) this.overrides = { ...this.overrides, connection: undefined };
    this.current = next.data;
    for (const l of this.listeners) l(this.current, previous);
    return ok(this.current);
  }

  onChange(listener: (s: Settings, previous: Settings) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
