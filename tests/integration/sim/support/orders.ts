/** What the simulator's order tests share: a default order, and the orderStatus trail of one order id. */
import { EventName, type Order, OrderAction, OrderType, Stock } from '@stoqey/ib';
import type { IbTestClient } from './ib-client';

export const aapl = new Stock('AAPL');

/** A 100-share DAY market buy, transmitted, with `o` on top. */
export const order = (o: Partial<Order>): Order => ({ action: OrderAction.BUY, totalQuantity: 100, orderType: OrderType.MKT, tif: 'DAY', transmit: true, ...o }) as Order;

/** [status, filled, remaining] of every orderStatus for one order. */
export const statuses = (cl: IbTestClient, id: number) => cl.of(EventName.orderStatus).filter((a) => a[0] === id).map((a) => [a[1], a[2], a[3]]);

export const lastStatus = (cl: IbTestClient, id: number) => statuses(cl, id).at(-1)?.[0];
