import { DEFAULT_SETTINGS } from '../../src-shared/contract/features/settings';
import { err, ok } from '../../src-shared/contract/result';
import { DEFAULT_RISK_LIMITS } from '../../src-shared/domain/risk/limits';
import type { Handlers } from '../../src-main/transport/router';

/**
 * A complete handler map with observable effects, for testing the transport alone (router, carriers).
 * `writes` records every call that reached a handler, so a test can prove invalid input never did.
 */
export function recordingHandlers(): { handlers: Handlers; writes: string[] } {
  const writes: string[] = [];
  const status = {
    userCap: 5,
    ibCap: null,
    effectiveCap: 5,
    capReason: null,
    streams: [],
    queue: [],
    diskBytes: 0,
    dataDirWritable: true,
  };
  const broker = {
    state: 'disconnected' as const,
    host: '127.0.0.1',
    port: 4002,
    clientId: 1,
    demo: true,
    mode: 'unknown' as const,
    accounts: [],
    attempt: 0,
    farms: [],
    lastErrors: [],
  };
  const trading = {
    state: 'disarmed' as const, mode: 'paper' as const, account: null, reason: 'test', haltKind: null, haltedUntil: null, reconciled: false, since: 0,
    clientId: null, haltedSymbols: [], ordersToday: 0, tradesToday: 0, dailyPnl: null, unrealizedPnl: null, realizedPnl: null, unprotected: [],
  };
  const note = <T>(name: string, value: T) => {
    writes.push(name);
    return ok(value);
  };
  const handlers: Handlers = {
    'app:info': () => ok({ name: 'Tapedeck', version: '0.0.0', carrier: 'websocket', dataDir: '/tmp/x', demo: true, startedAt: 1, clockOffsetMs: 0 }),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'settings:update': () => note('settings:update', DEFAULT_SETTINGS),
    'broker:status': () => ok(broker),
    'broker:reconnect': () => note('broker:reconnect', broker),
    'scanner:snapshot': () => ok({ rows: [], updatedAt: null, error: null }),
    'recorder:status': () => ok(status),
    'recorder:start': () => note('recorder:start', status),
    'recorder:stop': () => note('recorder:stop', status),
    'recorder:stopAll': () => note('recorder:stopAll', status),
    'recorder:promote': () => note('recorder:promote', status),
    'recorder:reorder': () => note('recorder:reorder', status),
    'recorder:sessions': () => ok([]),
    'depth:watch': ({ symbol }) => note('depth:watch', { symbol, source: 'none' as const, reason: 'test' }),
    'depth:unwatch': () => note('depth:unwatch', null),
    'chart:bars': () => err('NOT_CONNECTED', 'not in this test'),
    'chart:watch': () => note('chart:watch', null),
    'chart:unwatch': () => note('chart:unwatch', null),
    'gateway:detect': () => ok({ platform: 'linux', installs: [], searched: [] }),
    'gateway:launch': () => err('NOT_FOUND', 'no installs in this test'),
    'gateway:status': () => ok({ state: 'idle' as const, host: '127.0.0.1', port: 4002, probes: 0, message: 'test' }),
    'gateway:cancel': () => note('gateway:cancel', { state: 'idle' as const, host: '127.0.0.1', port: 4002, probes: 0, message: 'test' }),
    'instrument:resolve': () => err('NOT_CONNECTED', 'not in this test'),
    'replay:sessions': () => ok([]),
    'replay:open': () => err('NOT_FOUND', 'not in this test'),
    'replay:seek': () => err('NOT_FOUND', 'not in this test'),
    'replay:step': () => err('NOT_FOUND', 'not in this test'),
    'replay:play': () => err('NOT_FOUND', 'not in this test'),
    'replay:pause': () => err('NOT_FOUND', 'not in this test'),
    'replay:close': () => note('replay:close', null),
    'replay:events': () => err('NOT_FOUND', 'not in this test'),
    'replay:eventColumns': () => err('NOT_FOUND', 'not in this test'),
    'replay:trades': () => err('NOT_FOUND', 'not in this test'),
    'replay:analysis': () => err('NOT_FOUND', 'not in this test'),
    'history:trips': () => ok([]),
    'history:fills': () => ok([]),
    'history:stats': () => err('NOT_FOUND', 'not in this test'),
    'history:import': () => err('NOT_FOUND', 'not in this test'),
    'history:flexStatus': () => ok({ hasToken: false, queryId: null, protection: 'memory' as const }),
    'history:setFlex': () => err('NOT_FOUND', 'not in this test'),
    'reports:build': () => note('reports:build', { dir: '/tmp/x', files: {} }),
    'scheduler:status': () => ok({ jobs: [], runs: [] }),
    'backfill:plan': () => err('NOT_CONNECTED', 'not in this test'),
    'backfill:start': () => err('NOT_CONNECTED', 'not in this test'),
    'backfill:pause': () => err('NOT_FOUND', 'not in this test'),
    'backfill:resume': () => err('NOT_FOUND', 'not in this test'),
    'backfill:cancel': () => err('NOT_FOUND', 'not in this test'),
    'backfill:jobs': () => ok([]),
    'databento:status': () => ok({ hasKey: false, protection: 'memory' as const, busy: false }),
    'databento:setKey': () => err('NOT_CONNECTED', 'not in this test'),
    'databento:cost': () => err('NOT_CONNECTED', 'not in this test'),
    'databento:import': () => err('NOT_CONNECTED', 'not in this test'),
    'backfill:hits': ({ date }) => ok({ date, symbols: [] }),
    'research:export': () => err('NOT_CONNECTED', 'not in this test'),
    'research:query': () => err('NOT_CONNECTED', 'not in this test'),
    'research:examples': () => ok([]),
    'trading:status': () => ok(trading),
    'trading:arm': () => note('trading:arm', trading),
    'trading:disarm': () => note('trading:disarm', trading),
    'trading:reduce': () => note('trading:reduce', trading),
    'trading:acknowledge': () => note('trading:acknowledge', trading),
    'trading:limits': () => ok(DEFAULT_RISK_LIMITS),
    'trading:setLimits': () => note('trading:setLimits', DEFAULT_RISK_LIMITS),
    'orders:place': (i) => note('orders:place', { intentId: i.intentId, orderIds: [], duplicate: false }),
    'orders:cancel': () => err('NOT_FOUND', 'not in this test'),
    'orders:reattachStop': () => err('NOT_FOUND', 'not in this test'),
    'orders:prepare': () => err('NOT_CONNECTED', 'not in this test'),
    'orders:modify': () => err('NOT_FOUND', 'not in this test'),
    'orders:cancelAll': () => note('orders:cancelAll', { working: 0 }),
    'orders:flattenAll': () => note('orders:flattenAll', { cancelled: 0, closing: [], skipped: [] }),
    'orders:list': () => ok([]),
    'positions:list': () => ok([]),
    'audit:list': () => ok([]),
  };
  return { handlers, writes };
}
