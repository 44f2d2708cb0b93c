import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../../src-shared/domain/risk/limits';
import { intentArb, limitsArb } from '../../unit/domain/risk/arbitraries';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
beforeAll(async () => {
  rig = await new TradingRig().start();
  rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
});
afterAll(async () => {
  await rig?.close();
});

describe('no refused or disarmed intent reaches the wire (observed at the simulator)', () => {
  it('random intents, states and limits: placeOrder on the wire iff accepted; every decision audited', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(intentArb(['AAPL'], 193.81), limitsArb(), fc.constantFrom('armed', 'armed', 'armed', 'reducing', 'disarmed', 'halted'), async (intent, limits, state) => {
        rig.limits = { ...limits, maxOrdersPerDay: DEFAULT_RISK_LIMITS.maxOrdersPerDay * 10 };
        const t = rig.app.trading;
        if (t.status().state === 'halted') t.disarm();
        if (state === 'armed' || state === 'reducing') {
          rig.limits = { ...rig.limits, maxDailyLoss: 1e9 };
          if (t.status().state === 'reducing') t.disarm();
          await rig.armPaper();
          if (state === 'reducing') expect(t.reduce().ok).toBe(true);
        } else if (state === 'disarmed') t.disarm();
        else await t.flattenAll();
        expect(t.status().state).toBe(state);
        rig.limits = { ...limits, maxOrdersPerDay: DEFAULT_RISK_LIMITS.maxOrdersPerDay * 10 };
        const before = t.listPositions().find((p) => p.symbol === 'AAPL')?.position ?? 0;
        const r = await t.place(intent);
        await rig.barrier();
        const wire = rig.tapsFor(intent.intentId);
        if (r.ok) {
          accepted++;
          expect(state === 'armed' || state === 'reducing').toBe(true);
          // reducing lets through only orders that shrink the position
          if (state === 'reducing') expect(intent.side === 'SELL' ? before >= intent.quantity : -before >= intent.quantity).toBe(true);
          expect(wire.length).toBe(intent.bracket ? 3 : 1);
        } else {
          refused++;
          expect(r.error.code === 'RISK_REJECTED' || r.error.code === 'NOT_CONNECTED').toBe(true);
          expect(wire).toEqual([]);
        }
        const decisions = rig.app.storage.audit.list({ intentId: intent.intentId, kinds: ['decision'] });
        expect(decisions).toHaveLength(1);
        expect(decisions[0].rule ?? 'accepted').toBe(r.ok ? 'accepted' : r.error.message.split(':')[0]);
      }),
      { numRuns: 80, seed: 7 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(accepted);
  }, 120_000);
});
