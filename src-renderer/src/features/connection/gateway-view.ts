/** What the gateway section of the Connection dialog shows: pure, so it is unit-tested. */
import type { GatewayInstall, GatewayStatus } from '../../../../src-shared/contract/features/gateway';
import { secondsUntil } from '../../lib/countdown';

export function installLabel(i: GatewayInstall): string {
  const name = i.product === 'ib-gateway' ? 'IB Gateway' : 'TWS';
  return i.version ? `${name} ${i.version}` : name;
}

const CAUSE_TITLE: Record<NonNullable<GatewayStatus['cause']>, string> = {
  'api-not-enabled': 'API not enabled',
  'login-pending': 'Login pending',
  'wrong-port': 'Wrong port',
  'launch-failed': 'Launch failed',
};

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One headline ("Waiting for the API · 2:45 left · Login pending") and the detail sentence from main. */
export function gatewayLine(s: GatewayStatus, now: number): { headline: string; detail: string; tone: 'ok' | 'wait' | 'error' | 'idle' } {
  const cause = s.cause ? CAUSE_TITLE[s.cause] : undefined;
  switch (s.state) {
    case 'launching':
    case 'waiting': {
      const left = s.deadline !== undefined ? ` · ${clock(secondsUntil(s.deadline, now))} left` : '';
      return { headline: `Waiting for the API on ${s.host}:${s.port}${left}${cause ? ` · ${cause}` : ''}`, detail: s.message, tone: 'wait' };
    }
    case 'ready':
      return { headline: `API ready on ${s.host}:${s.port}${s.accounts?.length ? ` · ${s.accounts.join(', ')}` : ''}`, detail: s.message, tone: 'ok' };
    case 'failed':
      return { headline: `Not ready${cause ? `: ${cause}` : ''}`, detail: s.message, tone: 'error' };
    default:
      return { headline: s.state === 'cancelled' ? 'Stopped waiting' : '', detail: s.state === 'cancelled' ? s.message : '', tone: 'idle' };
  }
}

export const isWaiting = (s: GatewayStatus | null): boolean => s !== null && (s.state === 'launching' || s.state === 'waiting');
