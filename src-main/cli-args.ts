/** Tiny argv parser for the headless entries: `--name value`, `--flag`, `--name=value`. */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      out.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.set(arg.slice(2), argv[++i]);
    } else {
      out.set(arg.slice(2), true);
    }
  }
  return out;
}

export function intArg(args: Map<string, string | true>, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${String(raw)})`);
  }
  return n;
}

/** "host:port" → parts; IPv6 in brackets is accepted ("[::1]:4002"). */
export function parseHostPort(value: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`--gateway must look like 127.0.0.1:4002 (got ${value})`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}
