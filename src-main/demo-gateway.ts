import { etDate, etToEpoch, isTradingDay, previousSessions } from '../src-shared/domain/market-time';
import type { Clock } from './platform/clock';
import type { Logger } from './platform/log';
import { startSimulator, type Simulator } from './sim';
import { createSimMarket } from './sim/market';

export interface DemoGateway {
  readonly port: number;
  /** The simulator's clock: the demo morning runs on it. */
  readonly clock: Clock;
  readonly simulator: Simulator;
  close(): Promise<void>;
}

/**
 * The demo always opens on a gap morning: 09:00 ET of the latest trading day, 30 minutes before the bell,
 * so a newcomer sees premarket gappers at once whatever the wall-clock time.
 */
export function demoStartTime(now: number): number {
  const today = etDate(now);
  const day = isTradingDay(today) ? today : previousSessions(today, 1)[0];
  return etToEpoch(day, 9, 0);
}

/** Starts the gateway simulator in-process on a free loopback port. */
export async function startDemoGateway(
  options: { seed?: number; depthLimit?: number; speed?: number; startTime?: number },
  log: Logger,
): Promise<DemoGateway> {
  const market = createSimMarket({
    seed: options.seed ?? 20260102,
    speed: options.speed ?? 1,
    startTime: options.startTime ?? demoStartTime(Date.now()),
  });
  // A demo account behaves like a well-provisioned one: five depth slots.
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', depthLimit: options.depthLimit ?? 5, market });
  log.info('demo gateway listening', { port: simulator.port });
  return {
    port: simulator.port,
    clock: { now: () => simulator.market.now() },
    simulator,
    close: () => simulator.close(),
  };
}
