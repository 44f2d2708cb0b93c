/**
 * What one readiness probe saw, turned into a cause and a sentence the trader can act on. Pure: the
 * waiter gathers the observation (a real API handshake, the launched process, other IB ports by TCP).
 * IB Gateway and TWS open the API port only once the user has logged in, so "nothing listening while the
 * process runs" means the login is still pending, not that something is broken.
 */
import type { GatewayCause, GatewayInstall } from '../../src-shared/contract/features/gateway';
import type { SessionMode } from '../../src-shared/contract/features/settings';
import type { ProbeResult } from '../broker/api-probe';

export interface ProcessState {
  /** false once the launched process exited (or could not start). */
  alive: boolean;
  exitCode?: number | null;
  signal?: string | null;
  /** spawn's own error (ENOENT, EACCES…). */
  error?: string;
}

export interface Observation {
  probe: ProbeResult['kind'];
  host: string;
  port: number;
  mode: SessionMode;
  product: GatewayInstall['product'];
  process: ProcessState;
  /** Other IB ports that accepted TCP while ours refused (a plain connect, never a handshake). */
  otherListening: number[];
}

export type Verdict = { ready: true } | { ready: false; cause: GatewayCause; message: string; final: boolean };

const PORT_NAMES: Record<number, { name: string; mode: SessionMode }> = {
  4002: { name: 'IB Gateway paper', mode: 'paper' },
  4001: { name: 'IB Gateway live', mode: 'live' },
  7497: { name: 'TWS paper', mode: 'paper' },
  7496: { name: 'TWS live', mode: 'live' },
};

const productName = (p: GatewayInstall['product']) => (p === 'ib-gateway' ? 'IB Gateway' : 'TWS');

function wrongPortMessage(o: Observation, other: number): string {
  const known = PORT_NAMES[other];
  const what = known ? ` (the ${known.name} port)` : '';
  const modeWarning = known && known.mode !== o.mode ? ` Careful: ${other} is a ${known.mode.toUpperCase()} port and this session is set to ${o.mode}.` : '';
  return `Nothing accepts connections on ${o.host}:${o.port}, but port ${other}${what} does: set Port to ${other} in the connection settings, or change the API port in ${productName(o.product)} (Configure → Settings → API).${modeWarning}`;
}

export function classify(o: Observation): Verdict {
  // All probe client ids in use still means the API answered: it is up.
  if (o.probe === 'ready' || o.probe === 'client-id') return { ready: true };
  const where = `${o.host}:${o.port}`;
  if (o.probe === 'handshake' || o.probe === 'closed') {
    return {
      ready: false,
      cause: 'api-not-enabled',
      final: false,
      message: `${where} accepts connections but does not answer the API handshake: API not enabled? In ${productName(o.product)} open Configure → Settings → API, tick "Enable ActiveX and Socket Clients", check "Trusted IPs", and accept the "incoming connection" prompt if one is waiting. (Or another program uses this port.)`,
    };
  }
  if (o.process.error) return { ready: false, cause: 'launch-failed', final: true, message: `The launcher could not be started: ${o.process.error}` };
  if (!o.process.alive && o.process.exitCode != null && o.process.exitCode !== 0) {
    return { ready: false, cause: 'launch-failed', final: true, message: `The launcher exited with code ${o.process.exitCode} before the API came up.` };
  }
  if (o.otherListening.length > 0) return { ready: false, cause: 'wrong-port', final: false, message: wrongPortMessage(o, o.otherListening[0]) };
  if (!o.process.alive) {
    return {
      ready: false,
      cause: 'wrong-port',
      final: false,
      message: `The ${productName(o.product)} process exited and nothing listens on ${where}: wrong port, or it handed over to a copy already running elsewhere. Check the API port in ${productName(o.product)} (Configure → Settings → API).`,
    };
  }
  return {
    ready: false,
    cause: 'login-pending',
    final: false,
    message: `${productName(o.product)} is running; nothing accepts API connections on ${where} yet: log in (and approve 2FA). The API port opens after login.`,
  };
}

export function timeoutMessage(host: string, port: number, seconds: number, last: string): string {
  return `No API handshake on ${host}:${port} within ${seconds} s. ${last}`;
}
