#!/usr/bin/env node
// Adds up the test counts CI produced (vitest JSON reports + the peer conformance run) into one line.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of ['test-results/vitest-unit.json', 'test-results/vitest-e2e.json']) {
  if (!existsSync(file)) {
    console.error(`missing ${file}`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
const peer = existsSync('test-results/peer.txt') ? /(\d+) passed, (\d+) failed/.exec(readFileSync('test-results/peer.txt', 'utf8')) : null;
if (peer) {
  passed += Number(peer[1]);
  failed += Number(peer[2]);
} else {
  console.error('missing the peer conformance counts');
  failed++;
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
