/**
 * `npm run bench`: every benchmark prints one figure a line, `name: value unit`.
 * Figures are measurements, never pass/fail assertions; budgets are in DESIGN §8 and docs/ARCHITECTURE.md.
 * Pick a subset with `npm run bench -- sim recorder`.
 */
type Figure = { name: string; value: number; unit: string };
type Bench = () => Promise<Figure[]>;

const suites: Record<string, () => Promise<Bench>> = {
  book: async () => (await import('./book-bench')).benchBook,
  sim: async () => (await import('./sim-bench')).benchSim,
  recorder: async () => (await import('./recorder-bench')).benchRecorder,
  'depth-path': async () => (await import('./depth-path-bench')).benchDepthPath,
  bars: async () => (await import('./bars-bench')).benchBars,
  router: async () => (await import('./router-bench')).benchRouter,
  scanner: async () => (await import('./scanner-bench')).benchScanner,
  replay: async () => (await import('./replay-bench')).benchReplay,
  report: async () => (await import('./report-bench')).benchReport,
  backfill: async () => (await import('./backfill-bench')).benchBackfill,
  dbn: async () => (await import('./dbn-bench')).benchDbn,
  databento: async () => (await import('./databento-bench')).benchDatabento,
  orders: async () => (await import('./orders-bench')).benchOrders,
  'ladder-click': async () => (await import('./ladder-click-bench')).benchLadderClick,
  analysis: async () => (await import('./analysis-bench')).benchAnalysis,
  memory: async () => (await import('./memory-bench')).benchMemory,
  'replay-ui': async () => (await import('./replay-ui-bench')).benchReplayUi,
  research: async () => (await import('./research-bench')).benchResearch,
};

/** Suites that need more than node (a built renderer, a browser): run only when named. */
const namedOnly: Record<string, () => Promise<Bench>> = {
  'replay-browser': async () => (await import('./replay-browser-bench')).benchReplayBrowser,
};

/** Names are single tokens so `name: value unit` splits unambiguously. */
function token(name: string): string {
  return name
    .replace(/→/g, 'to')
    .replace(/[^A-Za-z0-9_.]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  return value.toPrecision(3);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(suites);
  const all = { ...suites, ...namedOnly };
  let failed = 0;
  for (const name of names) {
    const load = all[name];
    if (!load) {
      console.error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`);
      failed++;
      continue;
    }
    try {
      const figures = await (await load())();
      for (const f of figures) console.log(`${token(f.name)}: ${format(f.value)} ${f.unit.replace(/\s+/g, '')}`);
    } catch (e) {
      failed++;
      console.error(`${name} benchmark failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
