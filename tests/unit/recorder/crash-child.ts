/** Child process for the kill -9 test: records synthetic deltas into argv[2] until killed. */
import { systemClock } from '../../../src-main/platform/clock';
import { SessionWriter } from '../../../src-main/recorder/session-writer';

const w = new SessionWriter({ dataDir: process.argv[2], symbol: 'CRSH', instrument: null, clock: systemClock, snapshotLevels: 5, batchRows: 256 });
let i = 0;
let flushes = 0;
setInterval(() => {
  for (let k = 0; k < 300; k++, i++) {
    w.depth({ tsRecv: 1_700_000_000_000 + i, position: 0, operation: i < 5 ? 0 : 1, side: (i & 1) as 0 | 1, price: 50 + (i % 7) / 100, size: 100 + (i % 13), marketMaker: 'NSDQ', isSmart: true });
  }
  w.snapshot(Date.now());
  w.flush();
  if (++flushes === 3) process.stdout.write(`ready ${w.dir}\n`);
}, 20);
