import { z } from 'zod';
import { AppNotice } from './features/app';
import { BackfillJobInfo } from './features/backfill';
import { ResearchExportProgress } from './features/research';
import { BrokerStatus } from './features/broker';
import { DatabentoProgress } from './features/databento';
import { LiveBar } from './features/chart';
import { DepthFrame } from './features/depth';
import { GatewayStatus } from './features/gateway';
import { RecorderStatus } from './features/recorder';
import { ScannerDelta } from './features/scanner';
import { ReplayFrame } from './features/replay';
import { Settings } from './features/settings';
import { ReportProgress } from './features/history';
import { OrderRow, PositionRow, TradingStatus } from './features/trading';

/** Every event main pushes to renderers: `feature:noun` → zod payload. */
export const events = {
  'app:notice': AppNotice,
  'settings:changed': Settings,
  'broker:status': BrokerStatus,
  'scanner:delta': ScannerDelta,
  'recorder:status': RecorderStatus,
  'depth:frame': DepthFrame,
  'chart:bar': LiveBar,
  'gateway:status': GatewayStatus,
  'replay:frame': ReplayFrame,
  'reports:progress': ReportProgress,
  'backfill:progress': BackfillJobInfo,
  'databento:progress': DatabentoProgress,
  'research:progress': ResearchExportProgress,
  'trading:status': TradingStatus,
  'orders:rows': z.array(OrderRow),
  'positions:rows': z.array(PositionRow),
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
