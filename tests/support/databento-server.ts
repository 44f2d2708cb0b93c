/**
 * A loopback server speaking Databento's historical HTTP API as documented (POST form bodies, HTTP basic
 * auth with the key as user and an empty password, JSON errors with `detail`): metadata.get_cost answers a
 * number, timeseries.get_range streams a DBN file. Scripted failures (429 with Retry-After, 5xx) test the
 * client's retries; every request is logged for assertions.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDatabentoOptions {
  apiKey: string;
  cost: number;
  /** File served as the get_range body. */
  rangeFile: string;
  /** Statuses answered before the real answer, per method (e.g. { 'timeseries.get_range': [429] }). */
  failFirst?: Record<string, number[]>;
  retryAfter?: string;
}

export interface LoggedRequest {
  method: string;
  form: Record<string, string>;
  user: string;
  password: string;
  status: number;
}

export interface FakeDatabento {
  baseUrl: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

const DATASETS = new Set(['XNAS.ITCH', 'GLBX.MDP3']);
const REQUIRED = ['dataset', 'symbols', 'schema', 'start', 'end'];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
  return status;
}

async function formOf(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function credentials(req: IncomingMessage): { user: string; password: string } {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Basic ')) return { user: '', password: '' };
  const [user, ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
  return { user, password: rest.join(':') };
}

function validate(form: Record<string, string>): string | null {
  for (const k of REQUIRED) if (!form[k]) return `Missing required parameter '${k}'`;
  if (!DATASETS.has(form.dataset)) return `Unknown dataset '${form.dataset}'`;
  if (Number.isNaN(Date.parse(form.start)) || Number.isNaN(Date.parse(form.end))) return 'start and end must be ISO 8601';
  if (Date.parse(form.end) <= Date.parse(form.start)) return 'end must be after start';
  return null;
}

export async function startFakeDatabento(opts: FakeDatabentoOptions): Promise<FakeDatabento> {
  const requests: LoggedRequest[] = [];
  const pending = Object.fromEntries(Object.entries(opts.failFirst ?? {}).map(([k, v]) => [k, [...v]]));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const method = (req.url ?? '').replace(/^\/v0\//, '').split('?')[0];
    const form = await formOf(req);
    const { user, password } = credentials(req);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): number => {
      requests.push({ method, form, user, password, status });
      return json(res, status, body, headers);
    };
    if (req.method !== 'POST' && req.method !== 'GET') return reply(405, { detail: 'Method not allowed' });
    if (user !== opts.apiKey || password !== '') return reply(401, { detail: 'Authentication failed.' });
    const fail = pending[method]?.shift();
    if (fail === 429) return reply(429, { detail: 'Too many requests' }, opts.retryAfter ? { 'retry-after': opts.retryAfter } : {});
    if (fail) return reply(fail, { detail: 'Internal server error' });
    const bad = validate(form);
    if (bad) return reply(422, { detail: bad });
    if (method === 'metadata.get_cost') return reply(200, opts.cost);
    if (method === 'timeseries.get_range') {
      if (form.encoding !== 'dbn' || form.compression !== 'zstd') return reply(422, { detail: 'this server only serves dbn+zstd' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      requests.push({ method, form, user, password, status: 200 });
      createReadStream(opts.rangeFile).pipe(res);
      return 200;
    }
    return reply(404, { detail: `Unknown method ${method}` });
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => json(res, 500, { detail: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
