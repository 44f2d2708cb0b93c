/**
 * `npm run sim -- --port <p> [--host h] [--seed n] [--depth-limit n] [--speed x] [--replay SYM=path]…
 *  [--position SYM=qty@cost]… [--accounts DU1,DU2] [--pacing-time-scale x]` — prints `listening on <port>` and serves until SIGINT/SIGTERM.
 */
import { startSimulator, type SimulatorOptions } from './index';

const USAGE = `Tapedeck's IB simulator: speaks the TWS socket protocol (server versions 100..193) on loopback.

  npm run sim -- --port <p> [--host 127.0.0.1] [--seed n] [--depth-limit n] [--tbt-limit n] [--speed x]
                 [--replay SYM=path]... [--position SYM=qty@cost]... [--accounts DU1,DU2] [--pacing-time-scale x]
  npm run sim -- --help | --describe

Prints "listening on <port>" once it accepts connections; stops cleanly on SIGINT/SIGTERM.`;

const DESCRIBE = {
  name: 'sim',
  summary: 'A gateway for tests and the demo: market, scanner, depth, tape, history with pacing, orders, accounts, faults.',
  inputs: {
    '--port': 'int, TCP port; default 0 (any free port, printed)',
    '--host': 'string, default 127.0.0.1',
    '--seed': 'int, the synthetic market\'s seed',
    '--depth-limit': 'int, concurrent depth streams allowed (309 beyond); default 3',
    '--tbt-limit': 'int, concurrent tick-by-tick streams allowed (10190 beyond)',
    '--speed': 'number, simulated seconds per real second',
    '--replay': 'SYM=path, repeatable: replay a recorded session or a LOBSTER file for SYM',
    '--position': 'SYM=qty@cost, repeatable: an initial position',
    '--accounts': 'comma-separated account ids (DU… = paper)',
    '--pacing-time-scale': 'number, historical pacing windows run this many times faster',
    '--help': 'flag', '--describe': 'flag',
  },
  outputs: {
    stdout: 'one line "listening on <port>", then nothing',
    socket: 'the TWS API protocol on <host>:<port>',
    exit: '0 after SIGINT/SIGTERM, 2 on bad options, 1 on a failure to start',
  },
};

function parseArgs(argv: string[]): SimulatorOptions {
  const o: SimulatorOptions = {};
  const replay: NonNullable<SimulatorOptions['replay']> = [];
  const positions: NonNullable<SimulatorOptions['initialPositions']> = [];
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => (inline !== undefined && flag !== '--replay' && flag !== '--position' ? inline : argv[++i]);
    switch (flag) {
      case '--port': o.port = num(flag, value()); break;
      case '--host': o.host = value(); break;
      case '--seed': o.seed = num(flag, value()); break;
      case '--speed': o.speed = num(flag, value()); break;
      case '--pacing-time-scale': o.pacingTimeScale = num(flag, value()); break;
      case '--depth-limit': o.depthLimit = num(flag, value()); break;
      case '--tbt-limit': o.tickByTickLimit = num(flag, value()); break;
      case '--accounts': o.accounts = (value() ?? '').split(',').filter(Boolean); break;
      case '--replay': {
        const spec = argv[++i] ?? '';
        const eq = spec.indexOf('=');
        if (eq <= 0) throw new Error('--replay needs SYM=path');
        replay.push({ symbol: spec.slice(0, eq).toUpperCase(), path: spec.slice(eq + 1), loop: true });
        break;
      }
      case '--position': {
        const m = /^([A-Za-z.]+)=(-?\d+(?:\.\d+)?)@(\d+(?:\.\d+)?)$/.exec(argv[++i] ?? '');
        if (!m) throw new Error('--position needs SYM=qty@cost');
        positions.push({ symbol: m[1].toUpperCase(), quantity: Number(m[2]), avgCost: Number(m[3]) });
        break;
      }
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (replay.length) o.replay = replay;
  if (positions.length) o.initialPositions = positions;
  return o;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  if (argv.includes('--describe')) return void process.stdout.write(`${JSON.stringify(DESCRIBE, null, 2)}\n`);
  let options: SimulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2).filter((a) => a !== '--'));
  } catch (e) {
    process.stderr.write(`sim: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  process.stdout.write(`listening on ${sim.port}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`sim: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
