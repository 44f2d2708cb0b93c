/**
 * `npm run analyze -- --data-dir <dir> --symbol <S> --date <YYYY-MM-DD> [--session <id>] [--from HH:MM --to HH:MM]
 *  [--bucket 10s] [--levels 10] [--depth-levels 5] [--stale 10] [--json]` — every analysis metric of a recorded
 * session (docs/analysis.md). `--json` prints one JSON object; otherwise a short table. `--describe` prints
 * the inputs and outputs as JSON.
 */
import { type AnalyzeArgs, parseAnalyzeArgs, runAnalysis, table } from './run-analysis';

const HELP = `npm run analyze -- --data-dir <dir> --symbol <S> --date <YYYY-MM-DD> [options]

Order-flow and liquidity metrics of a recorded session (definitions: docs/analysis.md).
  --data-dir <dir>     Tapedeck data folder (holding recordings/)
  --symbol <S>         symbol, e.g. AAPL
  --date <YYYY-MM-DD>  trading date (New York)
  --session <id>       one session (HHMMSS-xxxx); default: all of the date's sessions in order
  --from HH:MM         start of the range, ET (inclusive)
  --to HH:MM           end of the range, ET (exclusive)
  --bucket <d>         bucket for OFI, Kyle's lambda and depth: 500ms, 1s, 10s, 1m (default 10s)
  --levels <n>         book levels read from the recording (default 10)
  --depth-levels <k>   levels for depth and depth imbalance (default 5)
  --stale <s>          seconds without an update that count as stale (default 10)
  --json               print one JSON object (default: a short table)
  --describe           print inputs and outputs as JSON
  --help               this text`;

const DESCRIBE = {
  name: 'analyze',
  inputs: {
    '--data-dir': 'path, required', '--symbol': 'string, required', '--date': 'YYYY-MM-DD, required', '--session': 'string, optional',
    '--from': 'HH:MM ET, optional', '--to': 'HH:MM ET, optional', '--bucket': 'duration (ms|s|m), default 10s', '--levels': 'int 1-50, default 10',
    '--depth-levels': 'int 1-levels, default 5', '--stale': 'seconds, default 10', '--json': 'flag', '--describe': 'flag', '--help': 'flag',
  },
  outputs: {
    json: {
      symbol: 'string', date: 'string', sessions: 'string[]', warnings: 'string[]', range: '{ from, to, events, trades }',
      ofi: '{ bucketMs, beta, alpha, r2, n, byBucket: {1s,10s,1m}, buckets: [{ t, ofi, dMid }], units, definition, source }',
      multiLevelOfi: '{ bucketMs, levels, beta[], r2, perLevel[] }', microPrice: '{ tickSize, adjustment[], converged, iterations, weightedMidOffsetMean }',
      spread: '{ quotedMean, relativeMeanBps, effectiveMean, effectiveVwMean, effectiveMeanBps }', depthImbalance: '{ levels, mean }',
      depth: '{ levels, bucketMs, buckets: [{ t, bid, ask }] }', profile: '{ binSize, poc, vah, val, valueAreaShare, bins[] }',
      cvd: '{ final, method, inferred, buyVolume, sellVolume }', impact: '{ kyleLambda, r2, bucketMs }', quality: '{ score, reasons[], stalePeriods[], stream: depth }', tapeQuality: '{ score, reasons[], stream: trades }',
    },
    exitCodes: { 0: 'ok', 1: 'cannot read the recording', 2: 'bad arguments' },
  },
};

function main(): void {
  const argv = process.argv.slice(2).filter((x) => x !== '--');
  if (argv.includes('--help')) return void process.stdout.write(`${HELP}\n`);
  if (argv.includes('--describe')) return void process.stdout.write(`${JSON.stringify(DESCRIBE, null, 2)}\n`);
  let args: AnalyzeArgs;
  try {
    args = parseAnalyzeArgs(argv);
  } catch (e) {
    process.stderr.write(`analyze: ${(e as Error).message}\n${HELP}\n`);
    process.exit(2);
  }
  try {
    const r = runAnalysis(args);
    process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : table(r));
  } catch (e) {
    process.stderr.write(`analyze: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

main();
