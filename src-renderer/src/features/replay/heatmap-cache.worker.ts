/**
 * The column-cache worker (a module worker: vite bundles it from `new Worker(new URL(…), { type: 'module' })`).
 * All it does is hand messages to the pure handler and post the replies, transferring their buffers.
 */
import { CacheWorkerHandler, type ToWorker } from './heatmap-worker-protocol';

/** The slice of DedicatedWorkerGlobalScope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handler = new CacheWorkerHandler();

scope.onmessage = (e) => {
  let replies;
  try {
    replies = handler.handle(e.data);
  } catch (err) {
    replies = [{ msg: { kind: 'error', message: err instanceof Error ? err.message : String(err) }, transfer: [] }];
  }
  for (const r of replies) scope.postMessage(r.msg, r.transfer);
};
