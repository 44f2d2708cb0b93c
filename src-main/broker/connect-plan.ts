/** Where and how to connect: pure decisions made before and after each attempt. */
import { ConnectionSettings } from '../../src-shared/contract/features/settings';
import { err, ok, type Result } from '../../src-shared/contract/result';

/** Gateway paper, TWS paper, Gateway live, TWS live: tried after the configured port. */
export const FALLBACK_PORTS: readonly number[] = [4002, 7497, 4001, 7496];
const PAPER_PORTS = new Set([4002, 7497]);
const LIVE_PORTS = new Set([4001, 7496]);

export const HANDSHAKE_REASON = 'no API handshake (is the API enabled in TWS?)';

/** The configured port first, then the usual ones; demo mode talks only to its own simulator port. */
export function portsToTry(port: number, demo: boolean, fallbacks: readonly number[] = FALLBACK_PORTS): number[] {
  if (demo) return [port];
  return [...new Set([port, ...fallbacks])];
}

/** Paper accounts start with DU; without accounts the port is the only hint. */
export function tradingMode(accounts: readonly string[], port: number): 'paper' | 'live' | 'unknown' {
  if (accounts.length > 0) return accounts.every((a) => a.toUpperCase().startsWith('DU')) ? 'paper' : 'live';
  if (PAPER_PORTS.has(port)) return 'paper';
  if (LIVE_PORTS.has(port)) return 'live';
  return 'unknown';
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
