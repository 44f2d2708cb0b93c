/** Fault injection: socket drops, refused connections, IB connectivity and farm outages, depth faults, slow replies. */
import type { SimFaults } from './index';
import type { SimServer } from './server';
import type { SimContext } from './services/context';
import { IbErr, IbText } from './protocol/errors';
import { depthHalted, depthReset } from './services/depth';

export function createFaults(ctx: SimContext, server: SimServer): SimFaults {
  const info = (code: number, text: string) => ctx.broadcast((s) => s.error(-1, code, text));
  const wasLive = () => ctx.streamsLive();
  const afterChange = (before: boolean) => {
    if (!before && ctx.streamsLive()) ctx.broadcast((s) => s.subs.resumeAll());
    ctx.events.emit('streams', ctx.streamsLive());
  };
  return {
    dropConnections: () => server.dropAll(),
    refuseConnections: (on) => {
      server.refuse(on).catch((e) => ctx.log.error('refuseConnections failed', { error: String(e) }));
    },
    silentHandshake: (on) => {
      server.faultState.silentHandshake = on;
    },
    connectivityLost: () => {
      const before = wasLive();
      ctx.connectivity.ib = false;
      info(IbErr.CONNECTIVITY_LOST, IbText.connectivityLost);
      info(IbErr.MARKET_FARM_BROKEN, IbText.marketFarm(false));
      info(IbErr.HMDS_FARM_BROKEN, IbText.hmdsFarm(false));
      afterChange(before);
    },
    connectivityRestored: (dataKept) => {
      const before = wasLive();
      if (!dataKept) ctx.broadcast((s) => s.subs.dropMarketData());
      ctx.connectivity.ib = true;
      info(dataKept ? IbErr.RESTORED_DATA_KEPT : IbErr.RESTORED_DATA_LOST, dataKept ? IbText.restoredDataKept : IbText.restoredDataLost);
      if (ctx.connectivity.market) info(IbErr.MARKET_FARM_OK, IbText.marketFarm(true));
      if (ctx.connectivity.hmds) info(IbErr.HMDS_FARM_OK, IbText.hmdsFarm(true));
      afterChange(before);
    },
    farm: (kind, ok) => {
      const before = wasLive();
      ctx.connectivity[kind] = ok;
      if (kind === 'market') info(ok ? IbErr.MARKET_FARM_OK : IbErr.MARKET_FARM_BROKEN, IbText.marketFarm(ok));
      else if (kind === 'hmds') info(ok ? IbErr.HMDS_FARM_OK : IbErr.HMDS_FARM_BROKEN, IbText.hmdsFarm(ok));
      else info(ok ? IbErr.SECDEF_FARM_OK : IbErr.SECDEF_FARM_BROKEN, IbText.secdefFarm(ok));
      afterChange(before);
    },
    depthReset: (symbol) => ctx.broadcast((s) => depthReset(s, symbol.toUpperCase())),
    depthHalted: (symbol) => ctx.broadcast((s) => depthHalted(s, symbol.toUpperCase())),
    slowReplies: (ms) => {
      server.faultState.replyDelayMs = Math.max(0, ms);
    },
    setDepthLimit: (n) => {
      ctx.config.depthLimit = Math.max(0, Math.floor(n));
    },
    rejectNextOrder: (reason = 'Simulated rejection.') => {
      ctx.orders.faults.rejectNext = reason;
    },
    forcePartialFills: (maxShares) => {
      ctx.orders.faults.maxFillShares = Math.max(0, Math.floor(maxShares));
    },
    leaveUnanswered: (msgId, count = 1) => {
      ctx.unanswered.set(msgId, (ctx.unanswered.get(msgId) ?? 0) + Math.max(0, Math.floor(count)));
    },
    disconnectMidBracket: () => {
      ctx.orders.faults.beforeNextChild = () => server.dropAll();
    },
    gatewayRestart: async (downMs = 0) => {
      // Closing the listener waits for open sockets, so drop them while it closes.
      const closing = server.refuse(true);
      server.dropAll();
      await closing;
      const lost = ctx.orders.dropHeld();
      ctx.log.info('gateway restart', { downMs, untransmittedLost: lost.length });
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await server.refuse(false);
    },
  };
}
