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
  'trading:status',
  'trading:arm',
  'trading:disarm',
  'trading:reduce',
  'trading:acknowledge',
  'trading:limits',
  'trading:setLimits',
  'orders:place',
  'orders:cancel',
  'orders:reattachStop',
  'orders:modify',
  'orders:cancelAll',
  'orders:flattenAll',
  'orders:list',
  'positions:list',
  'audit:list',
] as const;

export const EVENT_CHANNELS = [
  'app:notice',
  'settings:changed',
  'broker:status',
  'scanner:delta',
  'recorder:status',
  'depth:frame',
  'chart:bar',
  'trading:status',
  'orders:rows',
  'positions:rows',
] as const;

/** Electron IPC channel prefixes: a call and an event may share a name, never a channel. */
export const IPC_CALL_PREFIX = 'tapedeck:call:';
export const IPC_EVENT_PREFIX = 'tapedeck:event:';
