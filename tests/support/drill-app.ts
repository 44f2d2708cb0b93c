/**
 * createApp in a process of its own, as `npm run serve` runs it minus the renderer build, for the
 * startup drills: `node --import tsx tests/support/drill-app.ts <dataDir>` prints each notice as
 * `NOTICE <text>`, then `READY <pid>`, and stays up until killed; a refused start prints
 * `Tapedeck could not start: <message>` on stderr and exits 1, as serve.ts does.
 */
import { createApp } from '../../src-main/app';
import { createLogger } from '../../src-main/platform/log';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: drill-app.ts <dataDir>');
try {
  const app = await createApp({ dataDir, carrier: 'websocket', version: 'test', demo: true, demoOptions: { seed: 11, depthLimit: 5 }, pdfPrinter: null, dailyReport: false, log: createLogger('drill-app') });
  for (const n of app.notices) process.stdout.write(`NOTICE ${n}\n`);
  process.stdout.write(`READY ${process.pid}\n`);
  process.on('SIGTERM', () => void app.dispose().then(() => process.exit(0)));
} catch (e) {
  process.stderr.write(`Tapedeck could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
