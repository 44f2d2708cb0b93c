/**
 * `npm run databento -- --symbol SYM --date YYYY-MM-DD [--window 09:00-11:00] [--max-cost 5] [--yes]
 *   [--cost-only] --data-dir DIR` — one DataBento MBP-10 import into DIR/recordings (docs/databento.md).
 * The key comes from an environment variable (DATABENTO_API_KEY unless --key-env names another), never argv.
 */
import { resolve } from 'node:path';
import { DatabentoImportInput } from '../../../src-shared/contract/features/databento';
import { parseArgs } from '../../cli-args';
import { MemorySecretStore } from '../../history/secret-store';
import { openStorage } from '../../storage';
import { DatabentoHttpClient } from './client';
import { DATABENTO_KEY_SECRET, databentoCost, importDatabento } from './import-job';

const HELP = `Usage: npm run databento -- --symbol SYM --date YYYY-MM-DD --data-dir DIR [options]

Imports DataBento's historical MBP-10 (top 10 levels, every change) of one symbol over an ET window of one
day into DIR/recordings/symbol=SYM/date=YYYY-MM-DD/<session>/ (source: databento), registered in
DIR/tapedeck.db, so Replay and \`npm run analyze\` read it like a recorded session. Asks the cost first;
a cost above --max-cost needs --yes. The raw DBN download is kept in DIR/databento/raw (a rerun pays nothing).

  --symbol SYM          ticker (also --databento SYM)
  --date YYYY-MM-DD     ET date
  --window HH:MM-HH:MM  ET wall times, DST-aware (default 09:00-11:00)
  --dataset D           Databento dataset (default XNAS.ITCH)
  --max-cost USD        cost allowed without --yes (default 5)
  --yes                 accept the cost even above --max-cost
  --cost-only           print the cost and stop
  --force               download again even when the raw file is on disk
  --key-env VAR         environment variable holding the API key (default DATABENTO_API_KEY)
  --base-url URL        API root (default https://hist.databento.com; tests use a loopback server)
  --data-dir DIR        Tapedeck data directory (required)
  --describe            print inputs and outputs as JSON
  --help                this text

Outputs: "COST $x.xx ..." then progress lines, and a last line "DONE {json}".
Exit: 0 done, 1 failed, 2 bad arguments or no key, 3 the cost needs --yes.`;

const DESCRIBE = {
  name: 'databento',
  inputs: {
    symbol: 'ticker (required; alias databento)', date: 'ET date YYYY-MM-DD (required)', window: 'HH:MM-HH:MM ET, default 09:00-11:00',
    dataset: 'default XNAS.ITCH', 'max-cost': 'USD, default 5', yes: 'flag', 'cost-only': 'flag', force: 'flag',
    'key-env': 'env var name, default DATABENTO_API_KEY', 'base-url': 'URL', 'data-dir': 'directory (required)',
  },
  outputs: {
    stdout: ['COST $x.xx <dataset> <SYM> <date> <start>-<end> ET [cached]', '<phase> <message>', 'DONE {"sessionId","path","cost","records","depthRows","trades",...}'],
    files: ['recordings/symbol=SYM/date=YYYY-MM-DD/<HHMMSS-xxxx>/{depth,ticks}.arrows, session.json (source: databento)',
      'databento/raw/<dataset>/<SYM>/<date>_<HHMM>-<HHMM>.mbp-10.dbn.zst', 'tapedeck.db (recordings)'],
    exit: { 0: 'done', 1: 'failed', 2: 'bad arguments or no API key', 3: 'cost above --max-cost without --yes' },
  },
};

type Args = Map<string, string | true>;
const str = (a: Args, k: string): string | undefined => (typeof a.get(k) === 'string' ? (a.get(k) as string) : undefined);
const out = (line: string) => process.stdout.write(`${line}\n`);

function inputFrom(a: Args): DatabentoImportInput | string {
  const [start, end] = (str(a, 'window') ?? '09:00-11:00').split('-');
  const parsed = DatabentoImportInput.safeParse({
    symbol: str(a, 'symbol') ?? str(a, 'databento'), date: str(a, 'date'), start, end,
    dataset: str(a, 'dataset') ?? 'XNAS.ITCH', maxCost: Number(str(a, 'max-cost') ?? 5), confirm: a.has('yes'), force: a.has('force'),
  });
  return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  if (a.has('help')) return (out(HELP), 0);
  if (a.has('describe')) return (out(JSON.stringify(DESCRIBE, null, 2)), 0);
  const dataDir = str(a, 'data-dir');
  const input = inputFrom(a);
  if (!dataDir || typeof input === 'string') return (process.stderr.write(`databento: ${dataDir ? input : '--data-dir is required'}\nTry --help.\n`), 2);
  const secrets = new MemorySecretStore();
  const key = process.env[str(a, 'key-env') ?? 'DATABENTO_API_KEY'];
  if (key) await secrets.set(DATABENTO_KEY_SECRET, key);
  const storage = openStorage(resolve(dataDir));
  try {
    const deps = {
      dataDir: resolve(dataDir), secrets, catalog: storage.recordings,
      client: (k: string) => new DatabentoHttpClient({ apiKey: k, baseUrl: str(a, 'base-url') }),
      onProgress: (p: { phase: string; message: string }) => out(`${p.phase} ${p.message}`),
    };
    const cost = await databentoCost(deps, input);
    if (!cost.ok) return (process.stderr.write(`databento: ${cost.error.message}\n`), 2);
    const c = cost.value;
    out(`COST $${c.cost.toFixed(2)} ${c.dataset} ${c.symbol} ${c.date} ${input.start}-${input.end} ET${c.cached ? ' cached' : ''}`);
    if (a.has('cost-only')) return 0;
    const done = await importDatabento(deps, input);
    if (!done.ok) return (process.stderr.write(`databento: ${done.error.message}\n`), done.error.code === 'LIMIT_REACHED' ? 3 : 1);
    out(`DONE ${JSON.stringify(done.value)}`);
    return 0;
  } finally {
    storage.close();
  }
}

main(process.argv.slice(2).filter((x) => x !== '--')).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`databento: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
