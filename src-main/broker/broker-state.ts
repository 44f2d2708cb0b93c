/**
 * The connection state machine as a pure reducer over plain data: every transition the broker makes is an
 * event here, so the whole lifecycle is unit-testable without a socket.
 */
import type { BrokerNotice, BrokerStatus, FarmState } from '../../src-shared/contract/features/broker';
import type { SessionMode } from '../../src-shared/contract/features/settings';
import { modeMismatchReason, tradingMode } from './connect-plan';

export const MAX_NOTICES = 20;

export interface BrokerModel {
  status: BrokerStatus;
  /** 1100 seen and neither 1101 nor 1102 yet. */
  linkLost: boolean;
  /** True once any attempt reached "connected" since start(): later failures are "reconnecting", not "failed". */
  everConnected: boolean;
}

export type BrokerEvent =
  | { type: 'connecting'; host: string; port: number; clientId: number; attempt: number }
  | { type: 'server'; serverVersion: number; port: number; clientId: number }
  | { type: 'ready'; accounts: string[]; at: number }
  | { type: 'retry'; reason: string; attempt: number; nextRetryAt: number }
  | { type: 'failed'; reason: string }
  | { type: 'link'; ibCode: 1100 | 1101 | 1102 }
  | { type: 'farm'; farm: FarmState }
  | { type: 'notice'; notice: BrokerNotice }
  | { type: 'stopped'; reason?: string };

/** The demo's simulator is a paper account whatever the setting says. */
export function initialModel(host: string, port: number, clientId: number, demo: boolean, chosen: SessionMode = 'paper'): BrokerModel {
  const chosenMode: SessionMode = demo ? 'paper' : chosen;
  return {
    linkLost: false,
    everConnected: false,
    status: { state: 'disconnected', host, port, clientId, demo, mode: tradingMode([], port), chosenMode, accounts: [], attempt: 0, farms: [], lastErrors: [] },
  };
}

/** connected unless IB's link is down or a farm is broken. */
function liveState(model: BrokerModel, status: BrokerStatus): BrokerStatus {
  if (model.linkLost) return { ...status, state: 'degraded', reason: 'TWS lost its connection to IB (1100)' };
  const broken = status.farms.filter((f) => !f.ok);
  if (broken.length > 0) return { ...status, state: 'degraded', reason: `farm ${broken.map((f) => f.name).join(', ')} broken` };
  return { ...status, state: 'connected', reason: undefined };
}

const isLive = (s: BrokerStatus): boolean => s.state === 'connected' || s.state === 'degraded';

export function reduce(model: BrokerModel, event: BrokerEvent): BrokerModel {
  const s = model.status;
  switch (event.type) {
    case 'connecting': {
      const state = event.attempt > 1 || model.everConnected ? 'reconnecting' : 'connecting';
      const next = { ...s, state, host: event.host, port: event.port, clientId: event.clientId, attempt: event.attempt, nextRetryAt: undefined } as BrokerStatus;
      return { ...model, linkLost: false, status: { ...next, farms: [], serverVersion: undefined, connectedAt: undefined } };
    }
    case 'server':
      return { ...model, status: { ...s, serverVersion: event.serverVersion, port: event.port, clientId: event.clientId } };
    case 'ready': {
      const m = { ...model, everConnected: true };
      // A mismatch is recomputed at every handshake and kept while reconnecting: it describes what answered here.
      const modeMismatch = modeMismatchReason(s.chosenMode ?? 'paper', event.accounts);
      const next = { ...s, accounts: event.accounts, mode: tradingMode(event.accounts, s.port), modeMismatch, connectedAt: event.at, attempt: 0, nextRetryAt: undefined };
      return { ...m, status: liveState(m, next) };
    }
    case 'retry': {
      const state = model.everConnected ? 'reconnecting' : 'failed';
      return { ...model, linkLost: false, status: { ...s, state, reason: event.reason, attempt: event.attempt, nextRetryAt: event.nextRetryAt, connectedAt: undefined } };
    }
    case 'failed':
      return { ...model, status: { ...s, state: 'failed', reason: event.reason, nextRetryAt: undefined, connectedAt: undefined } };
    case 'link': {
      const m = { ...model, linkLost: event.ibCode === 1100 };
      return { ...m, status: isLive(s) ? liveState(m, s) : s };
    }
    case 'farm': {
      const farms = [...s.farms.filter((f) => f.name !== event.farm.name), event.farm];
      const next = { ...s, farms };
      return { ...model, status: isLive(s) ? liveState(model, next) : next };
    }
    case 'notice':
      return { ...model, status: { ...s, lastErrors: [...s.lastErrors, event.notice].slice(-MAX_NOTICES) } };
    case 'stopped':
      return { ...model, linkLost: false, status: { ...s, state: 'disconnected', reason: event.reason, nextRetryAt: undefined, connectedAt: undefined, farms: [] } };
  }
}
