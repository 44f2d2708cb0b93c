/**
 * The contract's channel names as plain strings, for the sandboxed preload (which must not bundle zod).
 * tests/unit/contract checks these lists equal the keys of `calls` and `events`.
 */
export const CALL_CHANNELS = [
  'app:info',
  'settings:get',
  'settings:update',
  'broker:status',
  'broker:reconnect',
  'scanner:snapshot',
  'recorder:status',
  'recorder:start',
  'recorder:stop',
  'recorder:stopAll',
  'recorder:promote',
  'recorder:reorder',
  'recorder:sessions',
  'depth:watch',
  'depth:unwatch',
  'chart:bars',
  'chart:watch',
  'chart:unwatch',
  'gateway:detect',
  'gateway:launch',
  'gateway:status',
  'gateway:cancel',
  'instrument:resolve',
  'replay:sessions',
  'replay:open',
  'replay:seek',
  'replay:step',
  'replay:play',
  'replay:pause',
  'replay:close',
  'replay:events',
  'history:trips',
  'history:fills',
  'history:stats',
  'history:import',
  'reports:build',
  'scheduler:status',
  'backfill:plan',
  'backfill:start',
  'backfill:pause',
  'backfill:resume',
  'backfill:cancel',
  'backfill:jobs',
] as const;

export const EVENT_CHANNELS = [
  'app:notice',
  'settings:changed',
  'broker:status',
  'scanner:delta',
  'recorder:status',
  'depth:frame',
  'chart:bar',
  'gateway:status',
  'replay:frame',
  'reports:progress',
  'backfill:progress',
] as const;

/** Electron IPC channel prefixes: a call and an event may share a name, never a channel. */
export const IPC_CALL_PREFIX = 'tapedeck:call:';
export const IPC_EVENT_PREFIX = 'tapedeck:event:';
