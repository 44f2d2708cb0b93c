/**
 * One DataBento Level 2 import: a symbol's MBP-10 over an ET window of one day. Cost first
 * (metadata.get_cost), a confirmation above the trader's limit, the download streamed to disk
 * (timeseries.get_range, DBN + zstd, kept under <dataDir>/databento/raw so a rerun pays nothing), then the
 * conversion into a recording session registered in the catalog. The API key comes from the secret store;
 * without it the feature says what it needs and nothing else is touched.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabentoCost, DatabentoImportInput, DatabentoImportResult, DatabentoProgress, DatabentoRequest } from '../../../src-shared/contract/features/databento';
import { type Err, err, ok, type Result } from '../../../src-shared/contract/result';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import type { RecordingRecord } from '../../storage/recordings-repo';
import type { SecretStore } from '../../history/secret-store';
import { summaryOf } from '../../recorder/session-summary';
import { type DatabentoHistorical, DatabentoError, type DatabentoQuery } from './client';
import { convertDbnToSession } from './convert';

export const DATABENTO_KEY_SECRET = 'databento.apiKey';
export const MBP10 = 'mbp-10';
const PROGRESS_BYTES = 1 << 20;

export interface DatabentoDeps {
  dataDir: string;
  secrets: SecretStore;
  /** Builds the HTTP client for a key (tests point it at a loopback server). */
  client(apiKey: string): DatabentoHistorical;
  catalog: { upsert(rec: RecordingRecord): void };
  onProgress?: (p: DatabentoProgress) => void;
}

export const NO_KEY_MESSAGE =
  'DataBento needs your API key (db-…, from databento.com → API keys): store it with databento:setKey ' +
  '(the app keeps it in the OS keychain), or set DATABENTO_API_KEY for `npm run databento`. Everything else in Tapedeck works without it.';

const hhmm = (s: string): [number, number] => s.split(':').map(Number) as [number, number];

/** The window's UTC instants: ET wall times on that date, so 09:00 is 13:00Z in summer and 14:00Z in winter. */
export function windowMs(req: Pick<DatabentoRequest, 'date' | 'start' | 'end'>): { startMs: number; endMs: number } {
  return { startMs: etToEpoch(req.date, ...hhmm(req.start)), endMs: etToEpoch(req.date, ...hhmm(req.end)) };
}

export function queryOf(req: DatabentoRequest): Result<DatabentoQuery> {
  const { startMs, endMs } = windowMs(req);
  if (endMs <= startMs) return err('INVALID_INPUT', `The window ${req.start}–${req.end} ET is empty: the end must come after the start.`);
  return ok({ dataset: req.dataset, symbols: [req.symbol], schema: MBP10, start: startMs, end: endMs, stypeIn: 'raw_symbol' });
}

/** Where the raw download of a request lives (one file per symbol, day and window). */
export function rawPath(dataDir: string, req: DatabentoRequest): string {
  const w = `${req.start.replace(':', '')}-${req.end.replace(':', '')}`;
  return join(dataDir, 'databento', 'raw', req.dataset, req.symbol, `${req.date}_${w}.${MBP10}.dbn.zst`);
}

/** A client error as a contract error a trader can act on. */
export function mapError(e: unknown): Err {
  if (e instanceof DatabentoError) {
    if (e.kind === 'RATE_LIMIT') return err('PACING', `${e.message}. Try again in a minute.`);
    if (e.kind === 'SERVER' || e.kind === 'NETWORK') return err('NOT_CONNECTED', e.message);
    return err('INVALID_INPUT', e.message);
  }
  return err('INTERNAL', `DataBento import failed: ${(e as Error)?.message ?? String(e)}`);
}

async function clientFor(deps: DatabentoDeps): Promise<DatabentoHistorical | null> {
  const key = (await deps.secrets.get(DATABENTO_KEY_SECRET))?.trim();
  return key ? deps.client(key) : null;
}

/** What the window costs (0 when its raw file is already on disk). */
export async function databentoCost(deps: DatabentoDeps, req: DatabentoRequest): Promise<Result<DatabentoCost>> {
  const q = queryOf(req);
  if (!q.ok) return q;
  const base = { symbol: req.symbol, date: req.date, dataset: req.dataset, startMs: q.value.start, endMs: q.value.end };
  if (existsSync(rawPath(deps.dataDir, req))) return ok({ ...base, cost: 0, cached: true });
  const client = await clientFor(deps);
  if (!client) return err('INVALID_INPUT', NO_KEY_MESSAGE);
  try {
    return ok({ ...base, cost: await client.getCost(q.value), cached: false });
  } catch (e) {
    return mapError(e);
  }
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** cost → confirm → download → convert → catalog. */
export async function importDatabento(deps: DatabentoDeps, input: DatabentoImportInput): Promise<Result<DatabentoImportResult>> {
  const jobId = `db-${randomBytes(4).toString('hex')}`;
  let bytes = 0;
  let cost: number | null = null;
  const emit = (phase: DatabentoProgress['phase'], message: string) =>
    deps.onProgress?.({ jobId, symbol: input.symbol, date: input.date, phase, bytes, cost, message });
  const fail = (r: Err): Err => {
    emit('failed', r.error.message);
    return r;
  };
  const path = rawPath(deps.dataDir, input);
  const cached = !input.force && existsSync(path);
  if (!cached) {
    emit('cost', `Asking DataBento what ${input.symbol} ${input.date} ${input.start}–${input.end} ET costs…`);
    const q = queryOf(input);
    if (!q.ok) return fail(q);
    const client = await clientFor(deps);
    if (!client) return fail(err('INVALID_INPUT', NO_KEY_MESSAGE));
    try {
      cost = await client.getCost(q.value);
      if (cost > input.maxCost && !input.confirm) {
        return fail(err('LIMIT_REACHED', `This download costs ${usd(cost)}, above your limit of ${usd(input.maxCost)}: confirm it to go ahead.`));
      }
      emit('download', `Downloading ${input.symbol} MBP-10 (${usd(cost)})…`);
      mkdirSync(join(path, '..'), { recursive: true });
      let reported = 0;
      bytes = await client.getRangeToFile(q.value, path, (n) => {
        bytes = n;
        // One event per MB: a 2-hour window is hundreds of MB, the UI needs a bar, not a flood.
        if (n - reported < PROGRESS_BYTES) return;
        reported = n;
        emit('download', `Downloading ${input.symbol} MBP-10: ${(n / 1e6).toFixed(1)} MB`);
      });
    } catch (e) {
      return fail(mapError(e));
    }
  }
  emit('convert', `Converting ${input.symbol} ${input.date} into a session…`);
  try {
    bytes = statSync(path).size;
    const q = windowMs(input);
    const res = await convertDbnToSession({ path }, {
      dataDir: deps.dataDir, symbol: input.symbol, date: input.date,
      request: { dataset: input.dataset, schema: MBP10, start: q.startMs, end: q.endMs },
    });
    deps.catalog.upsert({ ...summaryOf(res.dir, res.meta), state: 'closed' });
    const out = {
      jobId, sessionId: res.meta.sessionId, path: res.dir, cost: cost ?? 0, cached, bytes,
      records: res.records, depthRows: res.meta.counts.depthMessages, trades: res.meta.counts.trades,
    };
    emit('done', `${input.symbol} ${input.date}: ${res.records} MBP-10 records → ${out.depthRows} depth rows, ${out.trades} trades.`);
    return ok(out);
  } catch (e) {
    return fail(err('INVALID_INPUT', `Cannot convert the DataBento file ${path}: ${(e as Error).message}`));
  }
}
