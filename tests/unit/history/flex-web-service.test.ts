import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFlexWebService } from '../../../src-main/history/flex/flex-import';
import { FlexWebServiceClient } from '../../../src-main/history/flex/flex-web-service';
import { FLEX_TOKEN_SECRET, MemorySecretStore } from '../../../src-main/history/secret-store';
import { ManualClock } from '../../../src-main/platform/clock';
import { openStorage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const STATEMENT = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'flex', 'activity.xml'), 'utf8');
const reply = (inner: string) => `<?xml version="1.0" encoding="utf-8"?>\n<FlexStatementResponse timestamp="02 March, 2026 05:05 PM EST">${inner}</FlexStatementResponse>`;
const warn = (code: number, msg: string) => reply(`<Status>Warn</Status><ErrorCode>${code}</ErrorCode><ErrorMessage>${msg}</ErrorMessage>`);
const fail = (code: number, msg: string) => reply(`<Status>Fail</Status><ErrorCode>${code}</ErrorCode><ErrorMessage>${msg}</ErrorMessage>`);

/** A loopback stand-in for IB's Flex Web Service whose answers each test scripts. */
let server: Server;
let base: string;
let requests: URL[];
let answer: (u: URL) => string;
beforeEach(async () => {
  requests = [];
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', base);
    requests.push(u);
    res.writeHead(200, { 'content-type': 'text/xml' }).end(answer(u));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/AccountManagement/FlexWebService`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
});

const sleeps: number[] = [];
const client = (maxAttempts = 5) => new FlexWebServiceClient({ baseUrl: base, maxAttempts, sleep: async (ms) => void sleeps.push(ms) });

describe('Flex Web Service client', () => {
  it('SendRequest → ReferenceCode → GetStatement, polling while IB says the statement is being generated', async () => {
    sleeps.length = 0;
    let polls = 0;
    answer = (u) => {
      if (u.pathname.endsWith('/SendRequest')) return reply(`<Status>Success</Status><ReferenceCode>1234567890</ReferenceCode><Url>${base}/GetStatement</Url>`);
      return ++polls < 3 ? warn(1019, 'Statement generation in progress. Please try again shortly.') : STATEMENT;
    };
    const r = await client().fetchStatement('tok123', '987654');
    expect(r).toEqual({ ok: true, value: STATEMENT });
    expect(requests.map((u) => [u.pathname.split('/').pop(), u.searchParams.get('t'), u.searchParams.get('q'), u.searchParams.get('v')])).toEqual([
      ['SendRequest', 'tok123', '987654', '3'], ['GetStatement', 'tok123', '1234567890', '3'], ['GetStatement', 'tok123', '1234567890', '3'], ['GetStatement', 'tok123', '1234567890', '3'],
    ]);
    expect(sleeps).toEqual([2000, 4000]);
  });

  it('final errors come back as results a trader can act on; retryable ones give up after maxAttempts', async () => {
    answer = () => fail(1015, 'Token is invalid.');
    expect(await client().fetchStatement('bad', '1')).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Flex Web Service error 1015: the Flex token is invalid.' } });
    answer = () => fail(1012, 'Token has expired.');
    const expired = await client().fetchStatement('old', '1');
    expect(!expired.ok && expired.error.message).toMatch(/expired/);
    requests = [];
    answer = () => warn(1018, 'Too many requests have been made from this token.');
    const busy = await client(3).fetchStatement('tok', '1');
    expect(busy.ok ? null : busy.error.code).toBe('PACING');
    expect(requests).toHaveLength(3);
    answer = () => '<html>maintenance</html>';
    const junk = await client().fetchStatement('tok', '1');
    expect(junk.ok ? null : junk.error.code).toBe('INTERNAL');
  });

  it('never sends the token to a host a reply names unless it is IB or the configured service', async () => {
    answer = (u) => (u.pathname.endsWith('/SendRequest') ? reply('<Status>Success</Status><ReferenceCode>42</ReferenceCode><Url>https://evil.example.com/GetStatement</Url>') : STATEMENT);
    expect((await client().fetchStatement('tok', '1')).ok).toBe(true);
    expect(requests.map((u) => u.host)).toEqual([new URL(base).host, new URL(base).host]);
  });

  it('refuses a missing token or a non-numeric query id without calling out, and reports an unreachable service', async () => {
    answer = () => STATEMENT;
    expect((await client().fetchStatement('', '1')).ok).toBe(false);
    expect((await client().fetchStatement('tok', '1; DROP')).ok).toBe(false);
    expect(requests).toEqual([]);
    const dead = new FlexWebServiceClient({ baseUrl: 'http://127.0.0.1:1/x', sleep: async () => {} });
    const r = await dead.fetchStatement('tok', '1');
    expect(r.ok ? null : r.error.code).toBe('NOT_CONNECTED');
  });

  it('imports through the service with the token from the secret store', async () => {
    const tmp = makeTempDir();
    const storage = openStorage(tmp.dir, { clock: new ManualClock(1) });
    try {
      answer = (u) => (u.pathname.endsWith('/SendRequest') ? reply('<Status>Success</Status><ReferenceCode>42</ReferenceCode>') : STATEMENT);
      const secrets = new MemorySecretStore();
      const missing = await importFlexWebService(storage.ledger, secrets, client(), '1');
      expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
      await secrets.set(FLEX_TOKEN_SECRET, 'tok-from-store');
      const r = await importFlexWebService(storage.ledger, secrets, client(), '55');
      expect(r.ok && r.value).toMatchObject({ inserted: 7, duplicates: 0 });
      expect(requests.at(-1)?.searchParams.get('t')).toBe('tok-from-store');
      expect(readFileSync(join(tmp.dir, 'tapedeck.db')).includes('tok-from-store')).toBe(false);
    } finally {
      storage.close();
      tmp.cleanup();
    }
  });
});
