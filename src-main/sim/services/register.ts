/** Every request handler the simulator serves. */
import type { SimRoutes } from './router';
import { registerBasic } from './basic';
import { registerMarketData } from './market-data/service';
import { registerDepth } from './depth';
import { registerTickByTick } from './tick-by-tick';
import { registerScanner } from './scanner';
import { registerHistorical } from './history/historical';
import { registerHistoricalTicks } from './history/historical-ticks';
import { registerOrders } from './orders/handlers';
import { registerAccounts } from './accounts/handlers';

export function registerAll(): SimRoutes {
  const routes: SimRoutes = new Map();
  registerBasic(routes);
  registerMarketData(routes);
  registerDepth(routes);
  registerTickByTick(routes);
  registerScanner(routes);
  registerHistorical(routes);
  registerHistoricalTicks(routes);
  registerOrders(routes);
  registerAccounts(routes);
  return routes;
}
