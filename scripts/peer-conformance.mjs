#!/usr/bin/env node
/**
 * Peer conformance: starts the simulator (`src-main/sim/cli.ts`) on an ephemeral port and runs an
 * allow-list of @stoqey/ib's own compiled live tests (node_modules/@stoqey/ib/dist/tests) against it
 * with jest 30 and IB_HOST/IB_PORT. Prints `N passed, N failed`; exits non-zero if any allow-listed
 * test fails or does not run.
 *
 * Each entry was picked after reading its assertions: it must hold for any TWS, not for IB's real
 * market (exact historical bars, option chains, DAX/EUREX, crypto and futures are left out).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** file (under dist/tests/unit) → full test names (describe + title) expected to pass. */
export const ALLOW_LIST = {
  'api/connect.test.js': ['IBApi connection Tests Connect', 'IBApi connection Tests Disconnect', 'IBApi connection Tests Connect / disconnect'],
  'api/contract-details.test.js': ['IBApi reqContractDetails Tests Stock'],
  'api/market-data.test.js': ['IBApi Market data Tests ETF market data', 'IBApi Market data Tests Stock market data'],
  'api/market-scanner.test.js': ['IBApi market scanner tests Scanner parameters', 'IBApi market scanner tests Most active US stocks'],
  'api/head-timestamp.test.js': ['IBApi Historical data Tests Returns the correct head timestamp'],
  'api/matching-symbols.test.js': ['IBApi reqMatchingSymbols Tests SPY', 'IBApi reqMatchingSymbols Tests META'],
  'api/pnl.test.js': ['IBApi Tests Test reqPositions / cancelPositions', 'IBApi Tests Test reqPnL / cancelPnL', 'IBApi Tests Test reqPnLSingle / cancelPnLSingle'],
  'api/positions.test.js': ['IBApi Tests Test reqPositions / cancelPositions', 'IBApi Tests Test reqPositionsMulti / cancelPositionsMulti'],
  'api/order/placeOrder.test.js': ['Place Orders Stock placeOrder', 'Place Orders What if Order'],
  'api/order/cancelOrder.test.js': ['CancelOrder cancelOrder', 'CancelOrder cancelOrder immediate', 'CancelOrder cancelOrder later'],
  'api/order/reqAllOpenOrders.test.js': ['RequestAllOpenOrders Test reqAllOpenOrders'],
  'api/order/reqCompletedOrders.test.js': ['RequestAllOpenOrders Test reqCompletedOrders'],
  'api/order/placeConditionalOrder.test.js': [
    'Place Conditional Orders placeOrder with PriceCondition', 'Place Conditional Orders placeOrder with ExecutionCondition',
    'Place Conditional Orders placeOrder with MarginCondition', 'Place Conditional Orders placeOrder with PercentChangeCondition',
    'Place Conditional Orders placeOrder with TimeCondition', 'Place Conditional Orders placeOrder with VolumeCondition',
    'Place Conditional Orders placeOrder with all conditions',
  ],
  'api-next-live/get-current-time.test.js': ['ApiNext: getCurrentTime() getCurrentTime once', 'ApiNext: getCurrentTime() getCurrentTime twice', 'ApiNext: getCurrentTime() getCurrentTime n times'],
  'api-next-live/get-managed-accounts.test.js': ['ApiNext: getManagedAccounts() getManagedAccounts once', 'ApiNext: getManagedAccounts() getManagedAccounts n times'],
  'api-next-live/get-market-rule.test.js': ['ApiNext: getMarketRule() getMarketRule once', 'ApiNext: getMarketRule() getMarketRule n times'],
  'api-next-live/get-user-info.test.js': ['ApiNext: getManagedAccounts() getUserInfo once', 'ApiNext: getManagedAccounts() getUserInfo n times'],
  'api-next-live/get-contract-details.test.js': ['ApiNext: getContractDetails() Stock contract details'],
  'api-next-live/subscription-registry.test.js': ['Subscription registry Tests Twice the same event callback bug'],
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function startSimulator() {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src-main/sim/cli.ts'), '--port', '0', '--seed', '11',
    '--position', 'AAPL=100@150', '--position', 'SPY=20@500', '--position', 'MSFT=-10@450'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start within 30 s')), 30_000);
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited early (${code})`)));
  });
}

function runJest(port, files, names, outFile) {
  const args = [join(root, 'node_modules/jest/bin/jest.js'), '-c', join(root, 'jest.peer.config.cjs'), '--forceExit', '--ci', '--maxWorkers=2',
    '--json', `--outputFile=${outFile}`, '--silent', '--testNamePattern', `^(${names.map(escapeRe).join('|')})$`,
    ...files.map((f) => `tests/unit/${f}`.replace(/[.]/g, '\\.'))];
  return new Promise((resolveCode) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, IB_HOST: '127.0.0.1', IB_PORT: String(port), TAPEDECK_LOG: process.env.TAPEDECK_LOG ?? 'error' },
    });
    child.on('exit', (code) => resolveCode(code ?? 1));
  });
}

async function main() {
  const { child: sim, port } = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'peer-'));
  const outFile = join(dir, 'results.json');
  try {
    const files = Object.keys(ALLOW_LIST);
    const names = [...new Set(Object.values(ALLOW_LIST).flat())];
    await runJest(port, files, names, outFile);
    const report = JSON.parse(readFileSync(outFile, 'utf8'));
    let passed = 0;
    let failed = 0;
    for (const [file, wanted] of Object.entries(ALLOW_LIST)) {
      const suite = report.testResults.find((r) => r.name.endsWith(`/tests/unit/${file}`));
      for (const name of wanted) {
        const result = suite?.assertionResults.find((a) => a.fullName === name);
        if (result?.status === 'passed') passed++;
        else {
          failed++;
          const why = result ? `${result.status}: ${(result.failureMessages ?? []).join(' ').split('\n')[0]}` : suite ? 'not run' : `suite missing${report.testResults.length ? '' : ' (no results)'}`;
          console.error(`FAIL ${file} › ${name} (${why})`);
        }
      }
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    sim.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
