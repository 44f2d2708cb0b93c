import { createLogger } from '../../src-main/platform/log';
import { createRouter } from '../../src-main/transport/router';
import { recordingHandlers } from '../support/fake-handlers';

/** Cost of one contract call through zod validation (input and output), without a carrier. */
export async function benchRouter(): Promise<Array<{ name: string; value: number; unit: string }>> {
  const router = createRouter(recordingHandlers().handlers, createLogger('bench'));
  const ctx = { clientId: 'bench' };
  const n = 50_000;
  for (let i = 0; i < 2_000; i++) await router.dispatch('recorder:start', { symbols: ['AAPL', 'TSLA'] }, ctx);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await router.dispatch('recorder:start', { symbols: ['AAPL', 'TSLA'] }, ctx);
  const valid = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) await router.dispatch('recorder:start', { symbols: 42 }, ctx);
  const invalid = performance.now() - t1;
  return [
    { name: 'router_valid_call', value: (valid * 1000) / n, unit: 'us/call' },
    { name: 'router_invalid_call', value: (invalid * 1000) / n, unit: 'us/call' },
  ];
}
