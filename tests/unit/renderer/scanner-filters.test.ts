import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, ScannerFilters } from '../../../src-shared/contract/features/settings';
import { fmtDollars, fmtShares, parseNumber, parseShares } from '../../../src-renderer/src/features/scanner/filter-number';
import {
  errorLines,
  FILTER_FIELDS,
  filtersFormFrom,
  filtersPatch,
  validateField,
  validateFilters,
  type FiltersForm,
} from '../../../src-renderer/src/features/scanner/scanner-filters-form';
import { filtersDetail, filtersSummary } from '../../../src-renderer/src/features/scanner/scanner-filters-summary';

const defaults: ScannerFilters = DEFAULT_SETTINGS.scanner;
const spec = (key: string) => FILTER_FIELDS.find((f) => f.key === key)!;
const form = (over: Partial<FiltersForm> = {}): FiltersForm => ({ ...filtersFormFrom(defaults), ...over });

describe('filter numbers', () => {
  it('parses plain numbers, separators, signs and the field unit', () => {
    expect(parseNumber('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseNumber(' 250,000 ')).toEqual({ ok: true, value: 250_000 });
    expect(parseNumber('.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('-5')).toEqual({ ok: true, value: -5 });
    expect(parseNumber('$2.50', '$')).toEqual({ ok: true, value: 2.5 });
    expect(parseNumber('3%', '%')).toEqual({ ok: true, value: 3 });
    expect(parseNumber('-2.5 %', '%')).toEqual({ ok: true, value: -2.5 });
  });
  it('rejects empty and malformed input with a reason', () => {
    expect(parseNumber('  ')).toEqual({ ok: false, reason: 'empty' });
    for (const bad of ['abc', '1e5', '1.2.3', '-', '.', '1,23', '$5', '5%', '0x10']) {
      expect(parseNumber(bad), bad).toEqual({ ok: false, reason: 'not-a-number' });
    }
  });
  it('parses share shorthand in either case', () => {
    expect(parseShares('50k')).toEqual({ ok: true, value: 50_000 });
    expect(parseShares('1.2M')).toEqual({ ok: true, value: 1_200_000 });
    expect(parseShares('1.15m')).toEqual({ ok: true, value: 1_150_000 });
    expect(parseShares('2B')).toEqual({ ok: true, value: 2_000_000_000 });
    expect(parseShares('1 000')).toEqual({ ok: true, value: 1000 });
    expect(parseShares('75,000')).toEqual({ ok: true, value: 75_000 });
    expect(parseShares('1.2345k')).toEqual({ ok: true, value: 1234.5 });
    expect(parseShares('k')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseShares('12x')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseShares('')).toEqual({ ok: false, reason: 'empty' });
  });
  it('formats shares in the shortest exact shorthand and round-trips', () => {
    expect(fmtShares(0)).toBe('0');
    expect(fmtShares(950)).toBe('950');
    expect(fmtShares(50_000)).toBe('50K');
    expect(fmtShares(1_500)).toBe('1.5K');
    expect(fmtShares(1_200_000)).toBe('1.2M');
    expect(fmtShares(1_234_567)).toBe('1,234,567');
    for (const v of [0, 950, 1_500, 50_000, 1_250_000, 1_234_567, 3_000_000_000]) {
      expect(parseShares(fmtShares(v))).toEqual({ ok: true, value: v });
    }
  });
  it('formats dollars without noise', () => {
    expect(fmtDollars(1)).toBe('1');
    expect(fmtDollars(2.5)).toBe('2.50');
    expect(fmtDollars(0.0005)).toBe('0.0005');
    expect(fmtDollars(1.234)).toBe('1.234');
  });
});

describe('filter validation', () => {
  it('accepts the defaults unchanged', () => {
    expect(validateFilters(form())).toEqual({ ok: true, value: defaults });
  });
  it('accepts shorthand and units as typed', () => {
    const r = validateFilters(form({ priceMin: '$0.50', priceMax: '20', minVolume: '1.2M', minGapPct: '-5%', alertSound: true }));
    expect(r).toEqual({ ok: true, value: { ...defaults, priceMin: 0.5, priceMax: 20, minVolume: 1_200_000, minGapPct: -5, alertSound: true } });
  });
  it('names the field and what it accepts', () => {
    expect(validateField(spec('priceMin'), '')).toEqual({ ok: false, error: 'Min price is required.' });
    expect(validateField(spec('priceMin'), 'cheap')).toEqual({ ok: false, error: 'Min price must be a number, e.g. 1.50.' });
    expect(validateField(spec('priceMax'), '200000')).toEqual({ ok: false, error: 'Max price must be between $0 and $100,000.' });
    expect(validateField(spec('minVolume'), '1.2345k')).toEqual({ ok: false, error: 'Min volume must be a whole number of shares, e.g. 50k or 1.2M.' });
    expect(validateField(spec('minVolume'), '20B')).toEqual({ ok: false, error: 'Min volume must be between 0 and 10B.' });
    expect(validateField(spec('minGapPct'), '-150')).toEqual({ ok: false, error: 'Min gap must be between -100% and 10,000%.' });
    expect(validateField(spec('rvolSessions'), '2.5')).toEqual({ ok: false, error: 'RVOL sessions must be a whole number, e.g. 20.' });
    expect(validateField(spec('rvolSessions'), '0')).toEqual({ ok: false, error: 'RVOL sessions must be between 1 and 60.' });
    expect(validateField(spec('maxLines'), '101')).toEqual({ ok: false, error: 'Max data lines must be between 1 and 100.' });
    expect(validateField(spec('alertTopN'), '0')).toEqual({ ok: true, value: 0 });
  });
  it('reports every bad field at once, and a crossed price range', () => {
    const r = validateFilters(form({ priceMin: '40', priceMax: '30', maxLines: '', rvolSessions: 'x' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      priceMax: 'Max price must be at least the min price.',
      maxLines: 'Max data lines is required.',
      rvolSessions: 'RVOL sessions must be a number, e.g. 20.',
    });
  });
  it('lists errors in the order the fields appear', () => {
    const r = validateFilters(form({ priceMin: '40', minVolume: 'lots' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(errorLines(r.errors)).toEqual(['Max price must be at least the min price.', 'Min volume must be a number, e.g. 50k or 1.2M.']);
  });
  it('allows an equal min and max price', () => {
    expect(validateFilters(form({ priceMin: '5', priceMax: '5' })).ok).toBe(true);
  });
  it('field bounds agree with the shared schema', () => {
    for (const f of FILTER_FIELDS) {
      for (const v of [f.min, f.max]) {
        expect(validateField(f, String(v)).ok, `${f.key}=${v}`).toBe(true);
        expect(ScannerFilters.safeParse({ ...defaults, priceMin: 0, priceMax: 100_000, [f.key]: v }).success, `${f.key}=${v}`).toBe(true);
      }
    }
  });
});

describe('filter patch and summary', () => {
  it('sends only what changed', () => {
    expect(filtersPatch(defaults, defaults)).toEqual({});
    expect(filtersPatch(defaults, { ...defaults, minVolume: 100_000, alertSound: true })).toEqual({ minVolume: 100_000, alertSound: true });
  });
  it('summarises the active filters on one line', () => {
    expect(filtersSummary(defaults)).toBe('$1–$30 · vol ≥ 50K · gap ≥ 3%');
    expect(filtersSummary({ ...defaults, priceMin: 0.5, priceMax: 100, minVolume: 1_200_000, minGapPct: -2.5 })).toBe(
      '$0.50–$100 · vol ≥ 1.2M · gap ≥ -2.5%',
    );
  });
  it('details the rest for the tooltip', () => {
    expect(filtersDetail(defaults)).toBe('$1–$30 · vol ≥ 50K · gap ≥ 3%\nRVOL over 20 sessions · up to 50 data lines · alert on new top 10, silent');
    expect(filtersDetail({ ...defaults, alertTopN: 0 })).toMatch(/alerts off$/);
    expect(filtersDetail({ ...defaults, alertSound: true })).toMatch(/top 10 with sound$/);
  });
  it('the form shows settings as a trader would type them', () => {
    expect(filtersFormFrom(defaults)).toEqual({
      priceMin: '1', priceMax: '30', minVolume: '50K', minGapPct: '3', rvolSessions: '20', maxLines: '50', alertTopN: '10', alertSound: false,
    });
  });
});
