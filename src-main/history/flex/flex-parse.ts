/** Flex Query files (XML or CSV) → ledger entries, with what was skipped and why. */
import { XMLParser } from 'fast-xml-parser';
import type { LedgerEntry } from '../../storage';
import { type FlexRowOptions, type SkipReason, isTradeHeader, normaliseRow, rowToEntry } from './flex-record';
import { parseCsv } from './csv';

export interface FlexParseResult {
  format: 'xml' | 'csv';
  entries: LedgerEntry[];
  skipped: Partial<Record<SkipReason, number>>;
  problems: string[];
  accounts: string[];
}

const TRADE_TAGS = new Set(['Trade', 'TradeConfirm']);
const CSV_MARKERS = new Set(['BOF', 'EOF', 'BOA', 'EOA', 'BOS', 'EOS']);

export function parseFlex(text: string, options: FlexRowOptions = {}): FlexParseResult {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  return body.startsWith('<') ? parseFlexXml(body, options) : parseFlexCsv(body, options);
}

export function parseFlexXml(text: string, options: FlexRowOptions = {}): FlexParseResult {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, isArray: (name) => TRADE_TAGS.has(name) });
  const doc = parser.parse(text) as Record<string, unknown>;
  if (!('FlexQueryResponse' in doc)) throw new Error('not a Flex Query file: no <FlexQueryResponse>');
  const rows: Array<Record<string, unknown>> = [];
  collect(doc, rows);
  return finish('xml', rows.map(normaliseRow), options);
}

function collect(node: unknown, out: Array<Record<string, unknown>>): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (TRADE_TAGS.has(k) && Array.isArray(v)) {
      for (const row of v) if (row && typeof row === 'object') out.push(row as Record<string, unknown>);
    } else if (typeof v === 'object') collect(v, out);
  }
}

/** CSV with or without IB's HEADER/DATA record markers; several sections may follow each other. */
export function parseFlexCsv(text: string, options: FlexRowOptions = {}): FlexParseResult {
  const rows: Array<Record<string, string>> = [];
  let header: string[] | null = null;
  for (const cells of parseCsv(text)) {
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) continue;
    const marker = cells[0].toUpperCase();
    if (CSV_MARKERS.has(marker)) continue;
    let row = cells;
    if (marker === 'HEADER' || marker === 'DATA') row = cells.slice(2);
    if (marker === 'HEADER' || (marker !== 'DATA' && isTradeHeader(row))) {
      header = isTradeHeader(row) ? row : null;
      continue;
    }
    if (!header) continue;
    const rec: Record<string, string> = {};
    header.forEach((h, i) => (rec[h] = row[i] ?? ''));
    rows.push(rec);
  }
  return finish('csv', rows.map(normaliseRow), options);
}

function finish(format: 'xml' | 'csv', rows: ReturnType<typeof normaliseRow>[], options: FlexRowOptions): FlexParseResult {
  const out: FlexParseResult = { format, entries: [], skipped: {}, problems: [], accounts: [] };
  const seen = new Set<string>();
  for (const r of rows) {
    const res = rowToEntry(r, options);
    if (res.skipped) out.skipped[res.skipped] = (out.skipped[res.skipped] ?? 0) + 1;
    if (res.problem) out.problems.push(res.problem);
    if (!res.entry || seen.has(res.entry.execution.execId)) continue;
    seen.add(res.entry.execution.execId);
    out.entries.push(res.entry);
  }
  out.accounts = [...new Set(out.entries.map((e) => e.execution.account))].sort();
  return out;
}
