/**
 * IB's Flex Web Service (v3): SendRequest?t=token&q=queryId → a ReferenceCode (and the URL to fetch from),
 * then GetStatement?t=token&q=referenceCode until the statement is ready. IB answers "not ready yet"
 * and "too many requests" with error codes that say to try again; others are final.
 */
import { XMLParser } from 'fast-xml-parser';
import { type Result, err, ok } from '../../../src-shared/contract/result';

export const FLEX_BASE_URL = 'https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService';

/** IB's documented codes where the advice is "try again shortly". */
export const FLEX_RETRYABLE = new Set([1001, 1004, 1005, 1006, 1007, 1008, 1009, 1018, 1019, 1021]);
const FLEX_MESSAGES: Record<number, string> = {
  1003: 'the statement is not available',
  1010: 'legacy Flex queries are no longer supported',
  1011: 'the Flex service account is inactive',
  1012: 'the Flex token has expired: create a new one in Client Portal',
  1013: 'this IP address is not allowed to use the token',
  1014: 'the Flex query id is invalid',
  1015: 'the Flex token is invalid',
  1016: 'the account is invalid',
  1017: 'the reference code is invalid',
  1018: 'too many requests for this token (IB allows about one a second)',
  1019: 'statement generation is still in progress',
  1020: 'IB could not validate the request',
};

export interface HttpResponse {
  status: number;
  body: string;
}
export type HttpGet = (url: string) => Promise<HttpResponse>;

export interface FlexStatementSource {
  fetchStatement(token: string, queryId: string): Promise<Result<string>>;
}

export interface FlexWebServiceOptions {
  baseUrl?: string;
  http?: HttpGet;
  /** Waits between polls; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Polls of GetStatement (and retries of SendRequest) before giving up. Default 10. */
  maxAttempts?: number;
  /** First wait; doubles each time up to 30 s. Default 2 s (IB suggests a few seconds). */
  retryDelayMs?: number;
}

interface FlexReply {
  status: string;
  referenceCode?: string;
  url?: string;
  errorCode?: number;
  errorMessage?: string;
}

const nodeGet: HttpGet = async (url) => {
  const res = await fetch(url, { headers: { 'User-Agent': 'Tapedeck/0.1 (Flex Web Service v3)' } });
  return { status: res.status, body: await res.text() };
};

export function parseFlexReply(body: string): FlexReply | null {
  const doc = new XMLParser({ parseTagValue: false }).parse(body) as { FlexStatementResponse?: Record<string, unknown> };
  const r = doc.FlexStatementResponse;
  if (!r || typeof r !== 'object') return null;
  const s = (k: string) => (r[k] === undefined ? undefined : String(r[k]));
  return { status: s('Status') ?? '', referenceCode: s('ReferenceCode'), url: s('Url'), errorCode: r.ErrorCode === undefined ? undefined : Number(r.ErrorCode), errorMessage: s('ErrorMessage') };
}

export class FlexWebServiceClient implements FlexStatementSource {
  private readonly base: string;
  private readonly http: HttpGet;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly delay: number;

  constructor(o: FlexWebServiceOptions = {}) {
    this.base = (o.baseUrl ?? FLEX_BASE_URL).replace(/\/+$/, '');
    this.http = o.http ?? nodeGet;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxAttempts = o.maxAttempts ?? 10;
    this.delay = o.retryDelayMs ?? 2000;
  }

  async fetchStatement(token: string, queryId: string): Promise<Result<string>> {
    if (!/^\S+$/.test(token) || !/^\d+$/.test(queryId)) return err('INVALID_INPUT', 'The Flex token and a numeric query id are both needed.');
    const sent = await this.poll(`${this.base}/SendRequest?t=${encodeURIComponent(token)}&q=${queryId}&v=3`, (body) => {
      const reply = parseFlexReply(body);
      if (reply?.status === 'Success' && reply.referenceCode) return { done: reply };
      return { reply };
    });
    if (!sent.ok) return sent;
    const { referenceCode, url } = sent.value;
    const target = this.statementUrl(url);
    return this.poll(`${target}?t=${encodeURIComponent(token)}&q=${encodeURIComponent(referenceCode!)}&v=3`, (body) => {
      if (/<FlexQueryResponse[\s>]/.test(body)) return { done: body };
      return { reply: parseFlexReply(body) };
    });
  }

  /** Only IB's own hosts or the configured base: a reply must not send the token elsewhere. */
  private statementUrl(url: string | undefined): string {
    const fallback = `${this.base}/GetStatement`;
    if (!url) return fallback;
    try {
      const u = new URL(url);
      const sameOrigin = u.origin === new URL(this.base).origin;
      const ib = u.protocol === 'https:' && /(^|\.)interactivebrokers\.com$/.test(u.hostname);
      return sameOrigin || ib ? `${u.origin}${u.pathname}` : fallback;
    } catch {
      return fallback;
    }
  }

  private async poll<T>(url: string, read: (body: string) => { done?: T; reply?: FlexReply | null }): Promise<Result<T>> {
    let wait = this.delay;
    let last = 'no reply';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.http(url);
      } catch (e) {
        return err('NOT_CONNECTED', `Could not reach IB's Flex Web Service: ${(e as Error).message}`);
      }
      const r = read(res.body);
      if (r.done !== undefined) return ok(r.done);
      const code = r.reply?.errorCode;
      if (code === undefined) return err('INTERNAL', `IB's Flex Web Service answered HTTP ${res.status} with something that is not a Flex reply.`);
      last = `${code}: ${FLEX_MESSAGES[code] ?? r.reply?.errorMessage ?? 'unknown error'}`;
      if (!FLEX_RETRYABLE.has(code)) return err(code === 1018 ? 'PACING' : 'INVALID_INPUT', `Flex Web Service error ${last}.`);
      if (attempt < this.maxAttempts) await this.sleep(wait);
      wait = Math.min(wait * 2, 30_000);
    }
    return err('PACING', `Flex Web Service still not ready after ${this.maxAttempts} tries (${last}).`);
  }
}
