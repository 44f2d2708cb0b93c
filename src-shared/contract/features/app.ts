import { z } from 'zod';

export const AppInfo = z.object({
  name: z.literal('Tapedeck'),
  version: z.string(),
  /** How this renderer talks to main: Electron IPC or the headless WebSocket. */
  carrier: z.enum(['electron', 'websocket']),
  dataDir: z.string(),
  demo: z.boolean(),
  startedAt: z.number().int(),
  /**
   * The app clock minus the wall clock, in ms. The demo runs on the simulator's clock (a gap morning at any
   * hour), so a renderer compares times from main (e.g. nextRetryAt) with Date.now() + clockOffsetMs.
   */
  clockOffsetMs: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AppNotice = z.object({
  ts: z.number().int(),
  level: z.enum(['info', 'warn', 'error']),
  feature: z.string(),
  message: z.string(),
});
export type AppNotice = z.infer<typeof AppNotice>;
