/**
 * Turns what Electron's installer saw (fetch events recorded by fetch-probe.mjs, plus its stderr) into a
 * short explanation and what to do, instead of @electron/get's stack trace.
 */
export type FetchEvent =
  | { type: 'response'; url: string; status: number; length?: number }
  | { type: 'error'; url: string; code?: string; message: string };

export interface FailureInput {
  version: string;
  platform: string;
  arch: string;
  events: FetchEvent[];
  stderr: string;
  env: NodeJS.ProcessEnv;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name did not resolve',
  EAI_AGAIN: 'the host name did not resolve (DNS unavailable)',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One sentence: why the download failed. */
export function failureReason(input: FailureInput): string {
  const { events, stderr } = input;
  const error = events.find((e): e is Extract<FetchEvent, { type: 'error' }> => e.type === 'error');
  if (error) {
    const what = (error.code && NETWORK_CODES[error.code]) ?? (error.code ? `${error.code}` : error.message);
    return `could not reach ${hostOf(error.url)}: ${what} (${error.code ?? 'network error'}) fetching ${error.url}`;
  }
  const bad = events.find((e): e is Extract<FetchEvent, { type: 'response' }> => e.type === 'response' && e.status >= 400);
  if (bad) {
    const missing = bad.status === 404 ? `: it has no Electron ${input.version} for ${input.platform}-${input.arch} there` : '';
    return `${bad.url} answered HTTP ${bad.status}${missing}`;
  }
  if (/did not match expected checksum|No checksum found/i.test(stderr)) {
    return 'the download does not match Electron\'s published SHA-256 checksum (a mirror with other files, or a corrupted download)';
  }
  const first = stderr.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  return first ?? 'Electron\'s installer exited without saying why';
}

/** The whole message: why, what to do, and that the headless app works meanwhile. */
export function describeDownloadFailure(input: FailureInput): string {
  const { env } = input;
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror;
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  const checksum = /checksum/i.test(failureReason(input));
  const lines = [
    `Tapedeck could not download the Electron ${input.version} binary for ${input.platform}-${input.arch}.`,
    `Why: ${failureReason(input)}.`,
    'What to do:',
    '  - check the network connection, then run `npm start` again;',
    proxy
      ? `  - the proxy in use is ${proxy}: check it (Electron's downloader was told to use it via ELECTRON_GET_USE_PROXY);`
      : '  - behind a proxy: set HTTPS_PROXY=http://host:port (Tapedeck passes it to Electron\'s downloader);',
    mirror
      ? `  - ELECTRON_MIRROR is ${mirror}: check it serves v${input.version}/electron-v${input.version}-${input.platform}-${input.arch}.zip and SHASUMS256.txt;`
      : '  - or use a mirror: ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start;',
  ];
  if (checksum) lines.push('  - a mirror you trust with its own SHASUMS256.txt: electron_use_remote_checksums=1 npm start;');
  lines.push(
    'Nothing was installed. Meanwhile the headless app works without Electron: npm run serve -- --demo (open the printed URL).',
  );
  return lines.join('\n');
}
