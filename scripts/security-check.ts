/**
 * `npm run security`: Electronegativity over the project, offline, failing on any high or medium
 * finding (or a file it cannot parse). Low findings and `eng-disable` suppressions are printed and
 * explained in docs/security.md.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../src-main/cli-args';
import { blockingFindings, formatFindings, NETWORK_CHECKS, scan } from './security/electronegativity';
import { findSuppressions } from './security/suppressions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `npm run security [-- options]   Electronegativity over the project; exit 1 on any high or medium finding
  --input DIR   directory to scan (default: the project; node_modules is skipped)
  --json        print the findings as JSON instead of lines
Offline: the one network check (${NETWORK_CHECKS.join(', ')}) is left out. See docs/security.md.`;

const DESCRIBE = {
  name: 'security',
  inputs: { flags: ['--input DIR', '--json'], files: ['**/*.{ts,tsx,js,jsx,html,htm}', 'package.json', 'package-lock.json'] },
  outputs: {
    stdout: 'one line per finding: SEVERITY CHECK_ID file:line:col description; then the eng-disable suppressions (--json: {checks, findings, suppressions, parseErrors, blocking})',
    exit: { 0: 'no high or medium finding', 1: 'a high or medium finding, or a file that could not be parsed', 2: 'the scan itself failed' },
  },
};

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.has('help')) return console.log(HELP), 0;
  if (args.has('describe')) return console.log(JSON.stringify(DESCRIBE, null, 2)), 0;
  const input = resolve(typeof args.get('input') === 'string' ? (args.get('input') as string) : root);
  const started = Date.now();
  const result = await scan(input);
  const blocking = blockingFindings(result.findings);
  const suppressions = findSuppressions(input);
  if (args.has('json')) {
    console.log(JSON.stringify({ ...result, suppressions, blocking: blocking.length }, null, 2));
  } else {
    console.log(`Electronegativity: ${result.checks} checks over ${input} in ${Date.now() - started} ms`);
    for (const line of formatFindings(result.findings)) console.log(`  ${line}`);
    for (const s of suppressions) console.log(`  suppressed    ${s.checks}  ${s.file}:${s.line}  (eng-disable, see docs/security.md)`);
    for (const e of result.parseErrors) console.log(`  PARSE ERROR   ${e.file}: ${e.message}`);
    const count = (sev: string) => result.findings.filter((f) => f.severity === sev).length;
    console.log(`high ${count('HIGH')}, medium ${count('MEDIUM')}, low ${count('LOW')}, informational ${count('INFORMATIONAL')}, suppressed ${suppressions.length}`);
  }
  if (blocking.length > 0 || result.parseErrors.length > 0) {
    console.error('npm run security: FAILED (a high or medium finding, or an unparsable file; see docs/security.md)');
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`npm run security: the scan failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
