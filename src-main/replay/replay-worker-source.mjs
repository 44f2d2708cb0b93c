// Replay worker entry when the app runs from TypeScript source (tsx, vitest): Node 20 does not carry the
// parent's module hooks into a worker thread, so the worker registers tsx's loader itself, then loads the
// real entry. The production bundle starts out/main/replay-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
