/**
 * Worker-thread entry of the replay: it owns the open replays (a ReplayCore with its own frame ticker), so
 * opening a full day (reading Arrow files, checking or building keyframes and the index) and its analysis
 * run here, never on the main process's event loop, where the IB socket and the order path live. Imports
 * neither electron nor better-sqlite3: the main thread resolves catalog rows to folders first.
 * Started by ReplayProxy (replay-proxy.ts); protocol in replay-worker-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { err, type Result } from '../../src-shared/contract/result';
import { ReplayCore } from './replay-core';
import { type FromReplayWorker, REPLAY_OPS, type ToReplayWorker } from './replay-worker-protocol';

const port = parentPort;
if (!port) throw new Error('replay-worker runs as a worker thread started by ReplayProxy.');

const post = (m: FromReplayWorker) => port.postMessage(m);
const core = new ReplayCore({
  emitFrame: (frame) => post({ type: 'frame', frame }),
  log: {
    warn: (message, context) => post({ type: 'log', level: 'warn', message, context }),
    error: (message, context) => post({ type: 'log', level: 'error', message, context }),
  },
});
const OPS = new Set<string>(REPLAY_OPS);

function run(op: string, args: unknown[]): Result<unknown> {
  if (!OPS.has(op)) return err('INTERNAL', `Unknown replay operation ${op}.`);
  try {
    const method = core[op as keyof ReplayCore] as (...a: unknown[]) => Result<unknown>;
    return method.apply(core, args);
  } catch (e) {
    return err('INTERNAL', `Replay ${op} failed: ${(e as Error).message}`);
  }
}

port.on('message', (m: ToReplayWorker) => {
  if (m.type === 'clientClosed') return core.clientClosed(m.clientId);
  if (m.type !== 'call') return;
  const result = run(m.op, m.args);
  try {
    post({ type: 'result', id: m.id, result });
  } catch (e) {
    // An answer that cannot be cloned must still answer the call.
    post({ type: 'result', id: m.id, result: err('INTERNAL', `Replay ${m.op} answered something that cannot be sent: ${(e as Error).message}`) });
  }
});
post({ type: 'ready' });
