// Loaded with `node --import` into Electron's own installer (node_modules/electron/install.js): it leaves
// the download to @electron/get and only records each fetch's outcome (URL, status, size, or the network
// error's code, which @electron/get's "fetch failed" stack hides) as JSON lines for the start preflight's
// progress line and failure message.
import { appendFileSync } from 'node:fs';

const logFile = process.env.TAPEDECK_FETCH_LOG;
const original = globalThis.fetch;

function record(event) {
  if (logFile) appendFileSync(logFile, `${JSON.stringify(event)}\n`);
}

if (logFile && typeof original === 'function') {
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : (input?.url ?? String(input));
    try {
      const response = await original(input, init);
      const length = Number(response.headers.get('content-length')) || undefined;
      record({ type: 'response', url, status: response.status, length });
      return response;
    } catch (e) {
      record({ type: 'error', url, code: e?.cause?.code ?? e?.code, message: String(e?.cause?.message ?? e?.message ?? e) });
      throw e;
    }
  };
}
