/**
 * The replay's analysis report as files: JSON as `npm run analyze --json` prints it, and CSV with one row per
 * leaf (`field,value`, dotted paths, array items by index) so a spreadsheet reads every number. Pure.
 */

/** Every leaf of a JSON value as [dotted path, value]; null stays null, empty arrays/objects are skipped. */
export function flatten(value: unknown, path = '', out: Array<[string, string | number | boolean | null]> = []): Array<[string, string | number | boolean | null]> {
  if (value === null || value === undefined) out.push([path, null]);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, path ? `${path}.${i}` : String(i), out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  else if (typeof value === 'number') out.push([path, Number.isFinite(value) ? value : null]);
  else out.push([path, value as string | boolean]);
  return out;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function analysisCsv(report: unknown): string {
  const rows = flatten(report).map(([k, v]) => `${csvField(k)},${csvField(v)}`);
  return `field,value\r\n${rows.join('\r\n')}\r\n`;
}

export const analysisJson = (report: unknown): string => `${JSON.stringify(report, null, 2)}\n`;

/** `AAPL-2026-11-30-analysis.csv`, `…-heatmap.png`; a day's replay is named by its date alone. */
export const exportName = (symbol: string, date: string, what: string, ext: string): string =>
  `${symbol.replace(/[^A-Za-z0-9._-]/g, '_')}-${date}-${what}.${ext}`;
