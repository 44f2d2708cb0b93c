import { ScannerFilters } from '../../../../src-shared/contract/features/settings';
import { fmtDollars, fmtShares, parseNumber, parseShares, type Parsed } from './filter-number';

export type NumericFilterKey = Exclude<keyof ScannerFilters, 'alertSound'>;

export interface FilterFieldSpec {
  key: NumericFilterKey;
  label: string;
  /** Shown after the label; also what the parser tolerates around the number. */
  unit: '$' | '%' | 'shares' | '';
  min: number;
  max: number;
  integer: boolean;
  /** Named in the error so the trader knows what to type. */
  example: string;
  note?: string;
}

/**
 * Bounds mirror the shared ScannerFilters schema, which is still checked before sending; min volume
 * gets a sane ceiling the schema lacks so a stray digit is caught here.
 */
export const FILTER_FIELDS: FilterFieldSpec[] = [
  { key: 'priceMin', label: 'Min price', unit: '$', min: 0, max: 100_000, integer: false, example: '1.50' },
  { key: 'priceMax', label: 'Max price', unit: '$', min: 0, max: 100_000, integer: false, example: '30' },
  { key: 'minVolume', label: 'Min volume', unit: 'shares', min: 0, max: 10e9, integer: true, example: '50k or 1.2M' },
  { key: 'minGapPct', label: 'Min gap', unit: '%', min: -100, max: 10_000, integer: false, example: '3' },
  { key: 'rvolSessions', label: 'RVOL sessions', unit: '', min: 1, max: 60, integer: true, example: '20' },
  { key: 'maxLines', label: 'Max data lines', unit: '', min: 1, max: 100, integer: true, example: '50' },
  { key: 'alertTopN', label: 'Alert top N', unit: '', min: 0, max: 50, integer: true, example: '10', note: '0 = off' },
];

/** The form as typed: strings, so a half-typed value is not lost. */
export type FiltersForm = Record<NumericFilterKey, string> & { alertSound: boolean };
export type FilterErrors = Partial<Record<NumericFilterKey, string>>;

export function filtersFormFrom(f: ScannerFilters): FiltersForm {
  return {
    priceMin: fmtDollars(f.priceMin),
    priceMax: fmtDollars(f.priceMax),
    minVolume: fmtShares(f.minVolume),
    minGapPct: String(f.minGapPct),
    rvolSessions: String(f.rvolSessions),
    maxLines: String(f.maxLines),
    alertTopN: String(f.alertTopN),
    alertSound: f.alertSound,
  };
}

const fmtBound = (spec: FilterFieldSpec, v: number): string => {
  if (spec.unit === 'shares') return fmtShares(v);
  const n = v.toLocaleString('en-US');
  return spec.unit === '$' ? `$${n}` : spec.unit === '%' ? `${n}%` : n;
};

function parseField(spec: FilterFieldSpec, text: string): Parsed {
  if (spec.unit === 'shares') return parseShares(text);
  return parseNumber(text, spec.unit === '$' || spec.unit === '%' ? spec.unit : undefined);
}

/** One field: the number, or a message that names the field and what it accepts. */
export function validateField(spec: FilterFieldSpec, text: string): { ok: true; value: number } | { ok: false; error: string } {
  const p = parseField(spec, text);
  if (!p.ok) {
    return { ok: false, error: p.reason === 'empty' ? `${spec.label} is required.` : `${spec.label} must be a number, e.g. ${spec.example}.` };
  }
  if (spec.integer && !Number.isInteger(p.value)) {
    return { ok: false, error: `${spec.label} must be a whole number${spec.unit === 'shares' ? ' of shares' : ''}, e.g. ${spec.example}.` };
  }
  if (p.value < spec.min || p.value > spec.max) {
    return { ok: false, error: `${spec.label} must be between ${fmtBound(spec, spec.min)} and ${fmtBound(spec, spec.max)}.` };
  }
  return { ok: true, value: p.value };
}

export type FiltersValidation = { ok: true; value: ScannerFilters } | { ok: false; errors: FilterErrors };

/** Every field, the price range, then the shared schema as a backstop against drift. */
export function validateFilters(form: FiltersForm): FiltersValidation {
  const errors: FilterErrors = {};
  const values: Partial<Record<NumericFilterKey, number>> = {};
  for (const spec of FILTER_FIELDS) {
    const r = validateField(spec, form[spec.key]);
    if (r.ok) values[spec.key] = r.value;
    else errors[spec.key] = r.error;
  }
  if (values.priceMin !== undefined && values.priceMax !== undefined && values.priceMin > values.priceMax) {
    errors.priceMax = 'Max price must be at least the min price.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = ScannerFilters.safeParse({ ...values, alertSound: form.alertSound });
  if (parsed.success) return { ok: true, value: parsed.data };
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as NumericFilterKey;
    errors[key] ??= `${FILTER_FIELDS.find((f) => f.key === key)?.label ?? String(key)}: ${issue.message}`;
  }
  return { ok: false, errors };
}

/** The errors as lines, in the order the fields appear. */
export function errorLines(errors: FilterErrors): string[] {
  return FILTER_FIELDS.flatMap((f) => (errors[f.key] ? [errors[f.key] as string] : []));
}

/** Only what changed, so a concurrent change to another filter (e.g. the sound toggle) is not undone. */
export function filtersPatch(before: ScannerFilters, after: ScannerFilters): Partial<ScannerFilters> {
  const patch: Partial<ScannerFilters> = {};
  for (const key of Object.keys(after) as (keyof ScannerFilters)[]) {
    if (after[key] !== before[key]) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}
