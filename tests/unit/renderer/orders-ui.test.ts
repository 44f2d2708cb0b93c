import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/contract/features/trading';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import { OrderIntent } from '../../../src-shared/domain/risk/intent';
import { DEFAULT_RISK_LIMITS, RiskLimits, RiskLimitsPatch } from '../../../src-shared/domain/risk/limits';
import { auditCsv, auditJson, csvField, exportFileName, filterAudit, haltedMismatches } from '../../../src-renderer/src/features/orders/audit-view';
import { checkLimits, DEFAULT_DRAFT, draftOf, fmtLimit, limitsLock, NUMERIC_FIELDS, parseLimitNumber } from '../../../src-renderer/src/features/orders/limits-form';
import { armWaiting } from '../../../src-renderer/src/features/orders/arm-gate';
import { buildIntent, DEFAULT_FORM, defaultGoodTill, parseGoodTill, type OrderForm } from '../../../src-renderer/src/features/orders/order-form';

const entry = (p: Partial<AuditEntry>): AuditEntry => ({ seq: 1, ts: 1_000, kind: 'intent', intentId: null, symbol: null, rule: null, message: '', data: null, ...p });

describe('risk limits editor', () => {
  it('covers every numeric limit of the schema exactly once', () => {
    const numeric = Object.entries(DEFAULT_RISK_LIMITS).filter(([, v]) => typeof v === 'number').map(([k]) => k).sort();
    expect(NUMERIC_FIELDS.map((f) => f.key).sort()).toEqual(numeric);
  });

  it('sends only what changed, and the patch is one main accepts', () => {
    const d = { ...DEFAULT_DRAFT, maxShares: '300', maxDailyLoss: ' 1,250 ', allowedTifs: ['GTC', 'DAY'] };
    const c = checkLimits(d, DEFAULT_RISK_LIMITS);
    expect(c).toEqual({ ok: true, patch: { maxShares: 300, maxDailyLoss: 1250, allowedTifs: ['DAY', 'GTC'] }, warnings: [] });
    expect(c.ok && RiskLimitsPatch.safeParse(c.patch).success).toBe(true);
    expect(checkLimits(draftOf(DEFAULT_RISK_LIMITS), DEFAULT_RISK_LIMITS)).toEqual({ ok: true, patch: {}, warnings: [] });
    // The list order alone is no change.
    expect(checkLimits({ ...DEFAULT_DRAFT, allowedTypes: [...DEFAULT_DRAFT.allowedTypes].reverse() }, DEFAULT_RISK_LIMITS)).toMatchObject({ patch: {} });
  });

  it('refuses the obvious mistakes, naming each field', () => {
    const c = checkLimits({ ...DEFAULT_DRAFT, maxShares: '10.5', maxNotional: 'abc', maxDailyLoss: '0', priceBandPct: '60', maxOrdersPerContractSide: '25', maxSubmitsPerSec: '', allowedTypes: [] }, DEFAULT_RISK_LIMITS);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors).toEqual({
      maxShares: 'must be a whole number', maxNotional: 'enter a number', maxDailyLoss: 'must be above 0', priceBandPct: 'at most 50',
      maxOrdersPerContractSide: 'at most 20 (IB caps it)', maxSubmitsPerSec: 'enter a number', allowedTypes: expect.stringMatching(/at least one/),
    });
    expect(checkLimits({ ...DEFAULT_DRAFT, maxShares: '-5' }, DEFAULT_RISK_LIMITS)).toMatchObject({ ok: false, errors: { maxShares: 'enter a number' } });
  });

  it('whatever it accepts, the full schema accepts too', () => {
    const drafts = [{ maxShares: '1' }, { priceBandPct: '50' }, { marketCollarPct: '0.01' }, { maxSubmitsPerSec: '50' }, { maxQuoteAgeMs: '1e3' }];
    for (const p of drafts) {
      const c = checkLimits({ ...DEFAULT_DRAFT, ...p }, DEFAULT_RISK_LIMITS);
      expect(c.ok, JSON.stringify(p)).toBe(true);
      if (c.ok) expect(RiskLimits.safeParse({ ...DEFAULT_RISK_LIMITS, ...c.patch }).success).toBe(true);
    }
  });

  it('warns (without blocking) on limits that make another unreachable', () => {
    const c = checkLimits({ ...DEFAULT_DRAFT, maxShares: '2000', maxTradesPerDay: '500' }, DEFAULT_RISK_LIMITS);
    expect(c.ok).toBe(true);
    expect(c.ok && c.warnings).toEqual([expect.stringMatching(/max shares per order \(2000\) is above the max position \(1000\)/), expect.stringMatching(/max trades per day \(500\)/)]);
  });

  it('parses typed numbers leniently but never guesses', () => {
    expect(parseLimitNumber('$25,000')).toBe(25_000);
    expect(parseLimitNumber('0.5')).toBe(0.5);
    expect(parseLimitNumber('.5')).toBe(0.5);
    for (const bad of ['', '1.2.3', '10k', '5%', 'NaN', 'Infinity']) expect(parseLimitNumber(bad), bad).toBeUndefined();
  });

  it('is locked in every state but disarmed, and says so', () => {
    expect(limitsLock('disarmed')).toBeNull();
    for (const s of ['armed', 'reducing', 'halted', 'reconciling']) expect(limitsLock(s)).toMatch(new RegExp(`Locked while ${s}.*only while disarmed`));
    expect(fmtLimit(NUMERIC_FIELDS.find((f) => f.key === 'maxNotional')!, 25_000)).toBe('25,000 $');
  });
});

describe('GTD in the order ticket', () => {
  const form = (p: Partial<OrderForm>): OrderForm => ({ ...DEFAULT_FORM, symbol: 'AAPL', limitPrice: '10', ...p });
  const now = etToEpoch('2026-12-01', 9, 0);

  it('turns the ET field into IB\'s "YYYYMMDD HH:MM:SS", the instant read in ET (EST and EDT)', () => {
    expect(parseGoodTill('2026-12-01T15:45')).toEqual({ ib: '20261201 15:45:00', at: Date.UTC(2026, 11, 1, 20, 45) });
    expect(parseGoodTill('2026-07-01T15:45:30')).toEqual({ ib: '20260701 15:45:30', at: Date.UTC(2026, 6, 1, 19, 45, 30) });
    for (const bad of ['', '2026-12-01', '2026-02-30T10:00', '2026-13-01T10:00', '2026-12-01T24:00', '20261201 10:00:00']) expect(parseGoodTill(bad), bad).toBeUndefined();
  });

  it('sends goodTillDate only for GTD, and the intent parses', () => {
    const r = buildIntent(form({ tif: 'GTD', goodTill: '2026-12-01T15:30' }), 'ui-g', null, now);
    expect(r.ok && r.intent).toMatchObject({ tif: 'GTD', goodTillDate: '20261201 15:30:00', limitPrice: 10 });
    expect(r.ok && OrderIntent.safeParse(r.intent).success).toBe(true);
    const day = buildIntent(form({ tif: 'DAY', goodTill: '2026-12-01T15:30' }), 'ui-d', null, now);
    expect(day.ok && day.intent.goodTillDate).toBeUndefined();
  });

  it('refuses a missing or past good-till time', () => {
    expect(buildIntent(form({ tif: 'GTD', goodTill: '' }), 'a', null, now)).toEqual({ ok: false, message: 'good till: enter a date and time (ET)' });
    expect(buildIntent(form({ tif: 'GTD', goodTill: '2026-12-01T08:59' }), 'a', null, now)).toEqual({ ok: false, message: 'good till: 2026-12-01 08:59 ET has already passed' });
    expect(buildIntent(form({ tif: 'GTD', goodTill: '2026-12-01T09:00' }), 'a', null, now).ok).toBe(false);
  });

  it('defaults an hour ahead on the ET clock, rounded up to 5 minutes, in the future', () => {
    expect(defaultGoodTill(etToEpoch('2026-12-01', 9, 2))).toBe('2026-12-01T10:05');
    expect(defaultGoodTill(etToEpoch('2026-12-01', 23, 30))).toBe('2026-12-02T00:30');
    const at = parseGoodTill(defaultGoodTill(now))!.at;
    expect(at).toBeGreaterThan(now);
  });
});

describe('audit log view', () => {
  const rows = [
    entry({ seq: 3, kind: 'decision', symbol: 'AAPL', rule: 'price-band', intentId: 'ui-1', message: 'refused: 5% from mid' }),
    entry({ seq: 2, kind: 'fill', symbol: 'MSFT', message: 'BUY 100 @ 410.1', data: { execId: 'e.1' } }),
    entry({ seq: 1, kind: 'action', message: 'risk limits changed' }),
  ];

  it('filters by every word, over message, rule, symbol, intent, kind and data', () => {
    expect(filterAudit(rows, '').map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(filterAudit(rows, 'aapl PRICE-band').map((r) => r.seq)).toEqual([3]);
    expect(filterAudit(rows, 'e.1').map((r) => r.seq)).toEqual([2]);
    expect(filterAudit(rows, 'limits  changed').map((r) => r.seq)).toEqual([1]);
    expect(filterAudit(rows, 'aapl msft')).toEqual([]);
  });

  it('exports CSV (RFC 4180 quoting, no formula injection) and JSON that round-trips', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    const csv = auditCsv([entry({ seq: 9, ts: Date.UTC(2026, 11, 1, 14, 30), kind: 'order', symbol: 'AAPL', message: '=cmd(), "x"\nnext', data: { a: 1 } })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,ts,time_utc,kind,symbol,rule,intent_id,message,data');
    expect(csv).toContain(`9,${Date.UTC(2026, 11, 1, 14, 30)},2026-12-01T14:30:00.000Z,order,AAPL,,,"'=cmd(), ""x""\nnext","{""a"":1}"`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(JSON.parse(auditJson(rows))).toEqual(rows);
    expect(exportFileName(Date.UTC(2026, 11, 1, 14, 30, 5), 'csv')).toBe('tapedeck-audit-2026-12-01T14-30-05Z.csv');
  });

  it('finds the newest broker-vs-ledger finding per halted symbol', () => {
    const found = [
      entry({ seq: 5, ts: 50, kind: 'reconciliation', symbol: 'AAPL', rule: 'position-mismatch', data: { symbol: 'AAPL', expected: 100, broker: 0 } }),
      entry({ seq: 7, ts: 70, kind: 'reconciliation', symbol: 'AAPL', rule: 'position-mismatch', data: { symbol: 'AAPL', expected: 100, broker: 40 } }),
      entry({ seq: 6, ts: 60, kind: 'reconciliation', symbol: 'MSFT', rule: 'next-order-id', data: { broker: 1, expected: 2 } }),
      entry({ seq: 4, ts: 40, kind: 'reconciliation', symbol: 'TSLA', rule: 'position-mismatch', data: { expected: 0, broker: -10 } }),
    ];
    expect(haltedMismatches(['AAPL', 'MSFT'], found)).toEqual([
      { symbol: 'AAPL', broker: 40, expected: 100, ts: 70 },
      { symbol: 'MSFT', broker: Number.NaN, expected: Number.NaN, ts: 0 },
    ]);
    expect(haltedMismatches([], found)).toEqual([]);
  });
});

describe('the Arm button waits for what main would refuse', () => {
  const st = { state: 'disarmed' as const, reconciled: true, account: 'DU1', reason: 'reconciled; arm to trade' };
  it('waits for the state, the first reconciliation or its retry, and the account', () => {
    expect(armWaiting(undefined)).toBe('waiting for the trading state');
    expect(armWaiting({ ...st, reconciled: false, reason: 'starting: waiting for IB to reconcile orders and positions' })).toBe('waiting for IB to reconcile orders and positions');
    expect(armWaiting({ ...st, reconciled: false, reason: 'reconciliation failed: completed orders: timeout; retrying in 4 s' })).toMatch(/retrying in 4 s$/);
    expect(armWaiting({ ...st, account: null })).toBe('waiting for IB to report the account');
  });
  it('lets a reconciled, disarmed session with an account arm, and is silent in other states', () => {
    expect(armWaiting(st)).toBeNull();
    expect(armWaiting({ ...st, state: 'armed' })).toBeNull();
  });
});
