/** Where and how to connect: pure decisions made before and after each attempt. */
import { ConnectionSettings, type SessionMode } from '../../src-shared/contract/features/settings';
import { err, ok, type Result } from '../../src-shared/contract/result';

/** Gateway paper, TWS paper, Gateway live, TWS live: the usual IB ports. */
export const FALLBACK_PORTS: readonly number[] = [4002, 7497, 4001, 7496];
const PAPER_PORTS = new Set([4002, 7497]);
const LIVE_PORTS = new Set([4001, 7496]);

/** Fallbacks per mode: a paper session must never land on a live account by falling back (and vice versa). */
export const MODE_FALLBACK_PORTS: Readonly<Record<SessionMode, readonly number[]>> = {
  paper: [4002, 7497],
  live: [4001, 7496],
};

/** The IB ports that belong to the other mode: never tried as a fallback, whatever list was given. */
export function otherModePorts(mode: SessionMode): ReadonlySet<number> {
  return mode === 'paper' ? LIVE_PORTS : PAPER_PORTS;
}

/**
 * The configured port first (the user typed it: never second-guessed here; the account check after the
 * handshake catches a wrong one), then the chosen mode's usual ports. A custom fallback list is filtered too,
 * so no configuration can make a paper session fall back to 4001/7496.
 */
export function portsToTry(port: number, demo: boolean, mode: SessionMode, fallbacks: readonly number[] = MODE_FALLBACK_PORTS[mode]): number[] {
  if (demo) return [port];
  const excluded = otherModePorts(mode);
  return [...new Set([port, ...fallbacks.filter((p) => !excluded.has(p))])];
}

export const HANDSHAKE_REASON = 'no API handshake (is the API enabled in TWS?)';

/** Paper accounts start with DU; without accounts the port is the only hint. */
export function tradingMode(accounts: readonly string[], port: number): 'paper' | 'live' | 'unknown' {
  if (accounts.length > 0) return accounts.every((a) => a.toUpperCase().startsWith('DU')) ? 'paper' : 'live';
  if (PAPER_PORTS.has(port)) return 'paper';
  if (LIVE_PORTS.has(port)) return 'live';
  return 'unknown';
}

/**
 * Why the connected account is not what the session was configured for, or undefined when it is (or when
 * IB named no account, which leaves nothing to compare). Mixed accounts count as live: one live account is
 * enough to put real money at risk.
 */
export function modeMismatchReason(chosen: SessionMode, accounts: readonly string[]): string | undefined {
  if (accounts.length === 0) return undefined;
  const actual = tradingMode(accounts, 0);
  if (actual === chosen || actual === 'unknown') return undefined;
  if (chosen === 'paper') {
    const live = accounts.filter((a) => !a.toUpperCase().startsWith('DU'));
    return `configured for PAPER, but ${live.join(', ')} ${live.length > 1 ? 'are LIVE accounts' : 'is a LIVE account'}: order entry stays disarmed`;
  }
  return `configured for LIVE, but ${accounts.join(', ')} ${accounts.length > 1 ? 'are paper accounts' : 'is a paper account'}: order entry stays disarmed`;
}

export function refusedReason(host: string, ports: readonly number[]): string {
  const list = ports.join(', ');
  return `nothing accepted a connection on ${host} port${ports.length > 1 ? 's' : ''} ${list} (is TWS or IB Gateway running?)`;
}

export function unreachableReason(host: string, port: number, detail: string): string {
  return `cannot reach ${host}:${port} (${detail})`;
}

/** Accounts come as CSV; IB sometimes adds a trailing comma. */
export function parseAccounts(csv: string): string[] {
  return csv.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
}

/** Refuses bad settings before any socket is opened. */
export function validateConnection(settings: unknown): Result<ConnectionSettings> {
  const parsed = ConnectionSettings.safeParse(settings);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  const where = first?.path.join('.') || 'connection';
  return err('INVALID_INPUT', `Connection settings are not valid: ${where}: ${first?.message ?? 'invalid'}`);
}
