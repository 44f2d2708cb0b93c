// A replay worker that crashes on demand, for the proxy's crash path: the real worker (through tsx), except
// that a call naming the replay 'crash-now' throws inside the worker before the worker sees it (an uncaught
// error, as a bug would). The real worker's own listener is wrapped, so no message is lost at start.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const on = parentPort.on.bind(parentPort);
parentPort.on = (event, fn) =>
  on(event, event !== 'message' ? fn : (m) => {
    if (m?.type === 'call' && m.args?.[0]?.replayId === 'crash-now') throw new Error('boom: the stand-in worker crashed on purpose');
    fn(m);
  });
register();
await import('../../src-main/replay/replay-worker.ts');
