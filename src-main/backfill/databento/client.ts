/**
 * Databento's historical HTTP API (https://hist.databento.com/v0/METHOD_FAMILY.METHOD), the two methods the
 * Level 2 import needs: `metadata.get_cost` (USD for a request) and `timeseries.get_range` streamed to a file
 * as DBN + zstd. Auth is HTTP basic with the API key as the user and an empty password. 429 (after its
 * Retry-After) and 5xx are retried with exponential backoff; 401/403 and 400/422 fail at once with words.
 * The base URL and the sleep are injected so tests drive a loopback server without waiting.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const DATABENTO_BASE_URL = 'https://hist.databento.com';

export interface DatabentoQuery {
  dataset: string;
  symbols: string[];
  schema: string;
  /** Inclusive start and exclusive end, ms since the epoch (sent as ISO 8601 UTC). */
  start: number;
  end: number;
  /** Databento's input symbology; default `raw_symbol`. */
  stypeIn?: string;
}

export interface DatabentoHistorical {
  /** Cost in US dollars of the request. */
  getCost(q: DatabentoQuery): Promise<number>;
  /** Streams the range to `path` (written to `path.part` and renamed when whole); the bytes written. */
  getRangeToFile(q: DatabentoQuery, path: string, onBytes?: (bytes: number) => void): Promise<number>;
}

export type DatabentoErrorKind = 'AUTH' | 'INVALID' | 'RATE_LIMIT' | 'SERVER' | 'NETWORK';

export class DatabentoError extends Error {
  constructor(readonly kind: DatabentoErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'DatabentoError';
  }
}

export interface ClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Attempts per request (first try included); default 5. */
  maxAttempts?: number;
  /** First backoff in ms, doubled per retry; default 1000, capped at 30 s. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetchImpl?: typeof fetch;
}

const MAX_BACKOFF_MS = 30_000;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The form fields both methods share, named as Databento documents them. */
export function queryForm(q: DatabentoQuery): URLSearchParams {
  return new URLSearchParams({
    dataset: q.dataset,
    symbols: q.symbols.join(','),
    schema: q.schema,
    start: new Date(q.start).toISOString(),
    end: new Date(q.end).toISOString(),
    stype_in: q.stypeIn ?? 'raw_symbol',
  });
}

/** Seconds (or an HTTP date) from Retry-After, in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { detail?: unknown; message?: unknown };
    const d = body.detail ?? body.message;
    if (d !== undefined) return typeof d === 'string' ? d : JSON.stringify(d);
  } catch {
    // Not JSON: the text itself is the detail.
  }
  return text.slice(0, 300) || res.statusText;
}

async function failFor(res: Response): Promise<DatabentoError> {
  const detail = await errorDetail(res);
  if (res.status === 401 || res.status === 403) {
    return new DatabentoError('AUTH', `Databento refused the API key (HTTP ${res.status}): ${detail}. Check the DataBento API key Tapedeck holds.`, res.status);
  }
  if (res.status === 429) return new DatabentoError('RATE_LIMIT', `Databento rate limit (HTTP 429): ${detail}`, 429);
  if (res.status >= 500) return new DatabentoError('SERVER', `Databento server error (HTTP ${res.status}): ${detail}`, res.status);
  return new DatabentoError('INVALID', `Databento rejected the request (HTTP ${res.status}): ${detail}`, res.status);
}

export class DatabentoHttpClient implements DatabentoHistorical {
  private readonly baseUrl: string;
  private readonly auth: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = (opts.baseUrl ?? DATABENTO_BASE_URL).replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${opts.apiKey}:`).toString('base64')}`;
    this.sleep = opts.sleep ?? defaultSleep;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  async getCost(q: DatabentoQuery): Promise<number> {
    const res = await this.post('metadata.get_cost', queryForm(q));
    const body: unknown = await res.json();
    const cost = typeof body === 'number' ? body : Number(body);
    if (!Number.isFinite(cost) || cost < 0) throw new DatabentoError('INVALID', `Databento returned an unreadable cost: ${JSON.stringify(body)}`);
    return cost;
  }

  async getRangeToFile(q: DatabentoQuery, path: string, onBytes?: (bytes: number) => void): Promise<number> {
    const form = queryForm(q);
    form.set('encoding', 'dbn');
    form.set('compression', 'zstd');
    const res = await this.post('timeseries.get_range', form);
    if (!res.body) throw new DatabentoError('SERVER', 'Databento sent an empty response body.');
    const part = `${path}.part`;
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        onBytes?.(bytes);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as never), counter, createWriteStream(part));
      renameSync(part, path);
    } catch (e) {
      rmSync(part, { force: true });
      throw e instanceof DatabentoError ? e : new DatabentoError('NETWORK', `Download from Databento broke off after ${bytes} bytes: ${(e as Error).message}`);
    }
    return bytes;
  }

  /** POSTs a form; retries 429 (Retry-After honoured), 5xx and network errors; throws DatabentoError. */
  private async post(method: string, form: URLSearchParams): Promise<Response> {
    const attempts = Math.max(1, this.opts.maxAttempts ?? 5);
    let backoff = this.opts.backoffMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      let failure: DatabentoError;
      try {
        res = await this.fetchImpl(`${this.baseUrl}/v0/${method}`, {
          method: 'POST',
          headers: { authorization: this.auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
        });
        if (res.ok) return res;
        failure = await failFor(res);
      } catch (e) {
        failure = new DatabentoError('NETWORK', `Cannot reach Databento at ${this.baseUrl}: ${(e as Error).message}`);
      }
      const retryable = failure.kind === 'RATE_LIMIT' || failure.kind === 'SERVER' || failure.kind === 'NETWORK';
      if (!retryable || attempt >= attempts) throw failure;
      const wait = (res && retryAfterMs(res.headers.get('retry-after'))) ?? backoff;
      await this.sleep(Math.min(wait, MAX_BACKOFF_MS));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}
