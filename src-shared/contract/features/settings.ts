import { z } from 'zod';

/** The account kind a session is meant for: fallback ports stay within it, and a mismatch is flagged. */
export const SessionMode = z.enum(['paper', 'live']);
export type SessionMode = z.infer<typeof SessionMode>;

const hostPattern = /^(localhost|(\d{1,3}\.){3}\d{1,3}|\[?[0-9a-fA-F:]+\]?|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;

export const ConnectionSettings = z.object({
  /** true: run the built-in simulator as a demo paper account instead of a real gateway. */
  demo: z.boolean(),
  host: z.string().trim().min(1, 'Host is required').max(253).regex(hostPattern, 'Host must be a host name or IP address'),
  port: z.number().int('Port must be a whole number').min(1, 'Port must be 1-65535').max(65535, 'Port must be 1-65535'),
  clientId: z.number().int('Client id must be a whole number').min(0, 'Client id must be 0 or more').max(2147483647),
  /** Seconds to wait for the API handshake after TCP connects. */
  connectTimeoutSec: z.number().int().min(1).max(120),
  /**
   * Paper or live: the port fallback never leaves this mode. Optional so files and callers from before it
   * existed stay valid; absent means paper (`sessionMode()`). No zod default on purpose: zod 4 applies
   * defaults inside `.partial()`, so a patch touching only the host would silently reset live to paper.
   */
  mode: SessionMode.optional(),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

/** The mode a connection is meant for: paper unless live is chosen explicitly. */
export const sessionMode = (c: Pick<ConnectionSettings, 'mode'>): SessionMode => c.mode ?? 'paper';

export const ScannerFilters = z.object({
  priceMin: z.number().min(0).max(100000),
  priceMax: z.number().min(0).max(100000),
  minVolume: z.number().int().min(0),
  minGapPct: z.number().min(-100).max(10000),
  /** Number of previous sessions for RVOL. */
  rvolSessions: z.number().int().min(1).max(60),
  /** Cap on market-data lines the scanner may use for candidates. */
  maxLines: z.number().int().min(1).max(100),
  /** Play a sound and flash when a new name enters the top N. */
  alertTopN: z.number().int().min(0).max(50),
  alertSound: z.boolean(),
});
export type ScannerFilters = z.infer<typeof ScannerFilters>;

export const RecorderSettings = z.object({
  /** User cap on concurrent depth streams; the effective cap is min(this, what IB allows). */
  maxDepthStreams: z.number().int().min(1).max(5),
  depthRows: z.number().int().min(1).max(50),
  smartDepth: z.boolean(),
  snapshotIntervalMs: z.number().int().min(50).max(60_000),
  snapshotLevels: z.number().int().min(1).max(50),
});
export type RecorderSettings = z.infer<typeof RecorderSettings>;

export const ChartSettings = z.object({
  includeExtended: z.boolean(),
  vwapAnchor: z.enum(['04:00', '09:30']),
});
export type ChartSettings = z.infer<typeof ChartSettings>;

/** Free-form UI state the renderer persists (grid column state, quick filter, panel sizes). Bounded. */
export const UiState = z.record(z.string().max(64), z.unknown()).refine((v) => JSON.stringify(v).length < 200_000, {
  message: 'UI state is too large',
});

export const Settings = z.object({
  connection: ConnectionSettings,
  scanner: ScannerFilters,
  recorder: RecorderSettings,
  chart: ChartSettings,
  ui: UiState,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  connection: { demo: true, host: '127.0.0.1', port: 4002, clientId: 1, connectTimeoutSec: 10, mode: 'paper' },
  scanner: {
    priceMin: 1,
    priceMax: 30,
    minVolume: 50_000,
    minGapPct: 3,
    rvolSessions: 20,
    maxLines: 50,
    alertTopN: 10,
    alertSound: false,
  },
  recorder: { maxDepthStreams: 5, depthRows: 20, smartDepth: true, snapshotIntervalMs: 100, snapshotLevels: 10 },
  chart: { includeExtended: true, vwapAnchor: '09:30' },
  ui: {},
};

/** A partial update: each section may be given in part. */
export const SettingsPatch = z
  .object({
    connection: ConnectionSettings.partial(),
    scanner: ScannerFilters.partial(),
    recorder: RecorderSettings.partial(),
    chart: ChartSettings.partial(),
    ui: UiState,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
