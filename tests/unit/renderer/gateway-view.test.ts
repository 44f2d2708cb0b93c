import { describe, expect, it } from 'vitest';
import { gatewayLine, installLabel, isWaiting } from '../../../src-renderer/src/features/connection/gateway-view';
import type { GatewayStatus } from '../../../src-shared/contract/features/gateway';

const waiting: GatewayStatus = { state: 'waiting', host: '127.0.0.1', port: 4002, probes: 3, deadline: 200_000, cause: 'login-pending', message: 'log in' };

describe('gateway view', () => {
  it('counts down to the deadline and names the cause while waiting', () => {
    expect(gatewayLine(waiting, 200_000 - 165_000)).toMatchObject({ headline: 'Waiting for the API on 127.0.0.1:4002 · 2:45 left · Login pending', tone: 'wait' });
    expect(gatewayLine(waiting, 300_000).headline).toContain('0:00 left');
    expect(isWaiting(waiting)).toBe(true);
  });

  it('says why it failed, and who answered when ready', () => {
    expect(gatewayLine({ ...waiting, state: 'failed', cause: 'api-not-enabled', message: 'enable it' }, 0)).toEqual({ headline: 'Not ready: API not enabled', detail: 'enable it', tone: 'error' });
    expect(gatewayLine({ ...waiting, state: 'ready', cause: undefined, accounts: ['DU1'] }, 0).headline).toBe('API ready on 127.0.0.1:4002 · DU1');
    expect(isWaiting({ ...waiting, state: 'ready' })).toBe(false);
  });

  it('labels installs by product and version', () => {
    expect(installLabel({ id: 'x', product: 'ib-gateway', version: '10.30', dir: '/d', launcher: '/d/ibgateway' })).toBe('IB Gateway 10.30');
    expect(installLabel({ id: 'y', product: 'tws', version: '', dir: '/A', launcher: '/A/Trader Workstation.app' })).toBe('TWS');
  });
});
