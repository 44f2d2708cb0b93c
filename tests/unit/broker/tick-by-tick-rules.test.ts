import { describe, expect, it } from 'vitest';
import {
  chooseTapeSource, TBT_REPEAT_MARGIN_MS, TBT_REPEAT_MS, TbtRequestLog, tbtLimitFromRefusal, tbtLimitReason, tbtRepeatDelay, tbtRequestKey,
} from '../../../src-main/broker/tick-by-tick-rules';

const WINDOW = TBT_REPEAT_MS + TBT_REPEAT_MARGIN_MS;

describe('tick-by-tick rules', () => {
  it('no second request for the same instrument and type within 15 s (plus margin)', () => {
    expect(tbtRepeatDelay(undefined, 1000)).toBe(0);
    expect(tbtRepeatDelay(1000, 1000)).toBe(WINDOW);
    expect(tbtRepeatDelay(1000, 6000)).toBe(WINDOW - 5000);
    expect(tbtRepeatDelay(1000, 1000 + WINDOW)).toBe(0);
    expect(tbtRepeatDelay(1000, 100_000)).toBe(0);
  });

  it('keys by instrument and tick type: AllLast and BidAsk of one name do not hold each other back', () => {
    const log = new TbtRequestLog();
    const aapl = tbtRequestKey(265598, 'AAPL', 'AllLast');
    log.record(aapl, 0);
    expect(log.delay(aapl, 10_000)).toBe(WINDOW - 10_000);
    expect(log.delay(tbtRequestKey(265598, 'AAPL', 'BidAsk'), 10_000)).toBe(0);
    expect(log.delay(tbtRequestKey(0, 'MSFT', 'AllLast'), 10_000)).toBe(0);
    log.record(aapl, 20_000); // a later request restarts the window
    expect(log.delay(aapl, 30_000)).toBe(WINDOW - 10_000);
    log.record(tbtRequestKey(0, 'MSFT', 'AllLast'), 60_000); // prunes what no rule sees any more
    expect(log.delay(aapl, 60_000)).toBe(0);
  });

  it('learns the cap from a 10190: requests sent before the refused one and still live were accepted', () => {
    expect(tbtLimitFromRefusal([11, 12, 14, 15, 16], 14)).toBe(2);
    expect(tbtLimitFromRefusal([20], 20)).toBe(0);
    expect(tbtLimitFromRefusal([], 5)).toBe(0);
  });

  it('sends tick-by-tick until the known cap is taken, then RT_VOLUME', () => {
    expect(chooseTapeSource(undefined, 50)).toBe('tick-by-tick');
    expect(chooseTapeSource(3, 2)).toBe('tick-by-tick');
    expect(chooseTapeSource(3, 3)).toBe('rt-volume');
    expect(chooseTapeSource(0, 0)).toBe('rt-volume');
    expect(tbtLimitReason(3)).toBe("IB's tick-by-tick limit (3) reached");
    expect(tbtLimitReason(undefined)).toBe("IB's tick-by-tick limit reached");
  });
});
