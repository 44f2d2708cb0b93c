/** The risk-limits editor's pure half: which limits, their units and bounds, draft ↔ patch, client-side checks. */
import { ORDER_TYPES, TIFS } from '../../../../src-shared/domain/risk/intent';
import { DEFAULT_RISK_LIMITS, IB_MAX_MESSAGES_PER_SEC, IB_MAX_ORDERS_PER_CONTRACT_SIDE, type RiskLimits } from '../../../../src-shared/domain/risk/limits';

type NumericKey = { [K in keyof RiskLimits]: RiskLimits[K] extends number ? K : never }[keyof RiskLimits];
type ListKey = 'allowedTypes' | 'allowedTifs';

export interface NumericField {
  key: NumericKey;
  label: string;
  unit: string;
  integer: boolean;
  /** Inclusive upper bound the main process also enforces (IB's own caps among them). */
  max?: number;
}

/** Every numeric limit of `RiskLimits`, in the order a trader reads them: size, money, prices, counts, rate. */
export const NUMERIC_FIELDS: readonly NumericField[] = [
  { key: 'maxShares', label: 'Max shares per order', unit: 'sh', integer: true },
  { key: 'maxPositionShares', label: 'Max position per symbol', unit: 'sh', integer: true },
  { key: 'maxNotional', label: 'Max notional per order', unit: '$', integer: false },
  { key: 'maxGrossExposure', label: 'Max gross exposure', unit: '$', integer: false },
  { key: 'maxDailyLoss', label: 'Daily loss limit', unit: '$', integer: false },
  { key: 'priceBandPct', label: 'Price band vs NBBO mid', unit: '%', integer: false, max: 50 },
  { key: 'marketCollarPct', label: 'Market order collar', unit: '%', integer: false, max: 10 },
  { key: 'maxQuoteAgeMs', label: 'Max quote age', unit: 'ms', integer: true },
  { key: 'maxOpenOrders', label: 'Max open orders', unit: 'orders', integer: true },
  { key: 'maxOrdersPerContractSide', label: 'Max orders per contract & side', unit: 'orders', integer: true, max: IB_MAX_ORDERS_PER_CONTRACT_SIDE },
  { key: 'maxOrdersPerDay', label: 'Max orders per day', unit: 'orders', integer: true },
  { key: 'maxTradesPerDay', label: 'Max trades (entries) per day', unit: 'trades', integer: true },
  { key: 'maxSubmitsPerSec', label: 'Max order messages per second', unit: 'msg/s', integer: true, max: IB_MAX_MESSAGES_PER_SEC },
];

export const LIST_FIELDS: ReadonlyArray<{ key: ListKey; label: string; options: readonly string[] }> = [
  { key: 'allowedTypes', label: 'Allowed order types', options: ORDER_TYPES },
  { key: 'allowedTifs', label: 'Allowed time in force', options: TIFS },
];

/** What the editor holds: numbers as typed, lists as chosen. */
export type LimitsDraft = Record<NumericKey, string> & Record<ListKey, string[]>;

export function draftOf(l: RiskLimits): LimitsDraft {
  const d = { allowedTypes: [...l.allowedTypes], allowedTifs: [...l.allowedTifs] } as LimitsDraft;
  for (const f of NUMERIC_FIELDS) d[f.key] = String(l[f.key]);
  return d;
}

export const DEFAULT_DRAFT: LimitsDraft = draftOf(DEFAULT_RISK_LIMITS);

/** Shows a limit the way the trader types it: "25,000 $", "0.5 %". */
export function fmtLimit(f: NumericField, v: number): string {
  return `${v.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${f.unit}`;
}

/** "25,000", "$25 000", " 500 " → a number; anything else (letters, two dots, empty) → undefined. */
export function parseLimitNumber(text: string): number | undefined {
  const t = text.replace(/[\s,_$]/g, '');
  if (!/^\d*\.?\d+(e\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export type LimitsCheck = { ok: true; patch: Partial<RiskLimits>; warnings: string[] } | { ok: false; errors: Partial<Record<keyof RiskLimits, string>> };

function fieldError(f: NumericField, v: number | undefined): string | undefined {
  if (v === undefined) return 'enter a number';
  if (!(v > 0)) return 'must be above 0';
  if (f.integer && !Number.isInteger(v)) return 'must be a whole number';
  if (f.max !== undefined && v > f.max) return `at most ${f.max}${f.key === 'maxOrdersPerContractSide' ? ' (IB caps it)' : f.key === 'maxSubmitsPerSec' ? ' (IB disconnects past 50 msg/s)' : ''}`;
  return undefined;
}

/**
 * Limits that make another unreachable: almost always a typo, but legal (an order above the max position can
 * still reverse one), so they warn and do not block.
 */
export function limitWarnings(v: RiskLimits): string[] {
  const w: string[] = [];
  if (v.maxShares > v.maxPositionShares) w.push(`max shares per order (${v.maxShares}) is above the max position (${v.maxPositionShares}): only a reversal could use it`);
  if (v.maxNotional > v.maxGrossExposure) w.push(`max notional per order ($${v.maxNotional}) is above the max gross exposure ($${v.maxGrossExposure})`);
  if (v.maxTradesPerDay > v.maxOrdersPerDay) w.push(`max trades per day (${v.maxTradesPerDay}) is above the max orders per day (${v.maxOrdersPerDay}): each entry is an order`);
  if (v.maxOrdersPerContractSide > v.maxOpenOrders) w.push(`max orders per contract & side (${v.maxOrdersPerContractSide}) is above the max open orders (${v.maxOpenOrders})`);
  return w;
}

/**
 * Checks the draft and returns the keys that changed from `current` (an unchanged limit is not sent).
 * The main process checks again with the same schema; these are the mistakes worth catching before a round trip.
 */
export function checkLimits(draft: LimitsDraft, current: RiskLimits): LimitsCheck {
  const errors: Partial<Record<keyof RiskLimits, string>> = {};
  const next = { ...current, allowedTypes: draft.allowedTypes, allowedTifs: draft.allowedTifs } as RiskLimits;
  for (const f of NUMERIC_FIELDS) {
    const v = parseLimitNumber(draft[f.key]);
    const bad = fieldError(f, v);
    if (bad) errors[f.key] = bad;
    else next[f.key] = v!;
  }
  if (draft.allowedTypes.length === 0) errors.allowedTypes = 'allow at least one order type (MKT/LMT needed to trade at all)';
  if (draft.allowedTifs.length === 0) errors.allowedTifs = 'allow at least one time in force';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: changed(next, current), warnings: limitWarnings(next) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function changed(next: RiskLimits, current: RiskLimits): Partial<RiskLimits> {
  const patch: Partial<RiskLimits> = {};
  for (const f of NUMERIC_FIELDS) if (next[f.key] !== current[f.key]) (patch as Record<string, unknown>)[f.key] = next[f.key];
  for (const f of LIST_FIELDS) {
    // Keep the schema's canonical order so the stored list reads the same as the defaults.
    const opts = f.options as readonly string[];
    const list = opts.filter((o) => (next[f.key] as readonly string[]).includes(o));
    if (!sameList(list, current[f.key])) (patch as Record<string, unknown>)[f.key] = list;
  }
  return patch;
}

/** Editing needs a disarmed session; the note says why it is locked otherwise. */
export function limitsLock(state: string | undefined): string | null {
  if (state === 'disarmed') return null;
  if (state === undefined) return 'Loading the trading state…';
  return `Locked while ${state}: limits can be changed only while disarmed. Disarm first.`;
}
