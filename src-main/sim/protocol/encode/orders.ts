/** Order lifecycle messages: OPEN_ORDER, ORDER_STATUS, executions and commissions. */
import { IbIn, MinVer } from '../ids';
import { fmtBool, fmtPrice, fmtSize } from '../fields';
import type { IbCommissionReport, IbContract, IbExecution, IbOrder, IbOrderState } from '../types';
import type { IbFields } from './session';

/** IB's "no value" for doubles such as realizedPNL on an opening fill. */
export const IB_DOUBLE_MAX = '1.7976931348623157E308';

/**
 * OPEN_ORDER for a plain order (no combo, scale, hedge, delta-neutral or PEG BENCH), field for field as
 * @stoqey/ib's OrderDecoder and IB's EOrderDecoder read it. Below v145 the message carries a version
 * field; sending the server version there keeps every decoder on the same branch.
 */
export function encOpenOrder(sv: number, o: IbOrder, c: IbContract, s: IbOrderState): IbFields {
  const f: IbFields = [IbIn.OPEN_ORDER];
  if (sv < MinVer.ORDER_CONTAINER) f.push(sv);
  f.push(o.orderId);
  f.push(c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, fmtPrice(c.strike), c.secType === 'STK' ? '?' : c.right,
    c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass);
  f.push(o.action, fmtSize(o.totalQuantity), o.orderType, fmtPrice(o.lmtPrice), fmtPrice(o.auxPrice), o.tif, o.ocaGroup, o.account,
    o.openClose, o.origin, o.orderRef, o.clientId, o.permId, fmtBool(o.outsideRth), fmtBool(o.hidden), '0', o.goodAfterTime, '');
  f.push('', '', ''); // faGroup, faMethod, faPercentage
  if (sv < MinVer.FA_PROFILE_DESUPPORT) f.push('');
  if (sv >= MinVer.MODELS_SUPPORT) f.push(o.modelCode);
  f.push(o.goodTillDate, '', '', '', 0, '', -1, 0); // gtd, rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation, exemptCode, auctionStrategy
  f.push('', '', '', '', '', o.displaySize ?? ''); // startingPrice, stockRefPrice, delta, stockRangeLower/Upper, displaySize
  f.push('0', '0', '0', '', o.ocaType, '0', '0', ''); // blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly, firmQuoteOnly, nbboPriceCap
  f.push(o.parentId, o.triggerMethod);
  f.push('', 0, '', '', 0, 0); // volatility, volatilityType, deltaNeutralOrderType "", auxPrice, continuousUpdate, referencePriceType
  f.push(fmtPrice(o.trailStopPrice), fmtPrice(o.trailingPercent)); // trailStopPrice, trailingPercent
  f.push('', ''); // basisPoints, basisPointsType
  f.push('', 0, 0); // comboLegsDescription, comboLegs, orderComboLegs
  f.push(0); // smartComboRoutingParams
  f.push('', '', ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
  f.push(''); // hedgeType
  f.push('0', '', '', '0', '0'); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld, deltaNeutralContract
  f.push(o.algoStrategy);
  if (o.algoStrategy) {
    f.push(o.algoParams.length);
    for (const p of o.algoParams) f.push(p.tag, p.value);
  }
  f.push('0'); // solicited
  f.push(fmtBool(o.whatIf), s.status);
  if (sv >= MinVer.WHAT_IF_EXT_FIELDS) {
    f.push(fmtPrice(s.initMarginBefore), fmtPrice(s.maintMarginBefore), fmtPrice(s.equityWithLoanBefore));
    f.push(fmtPrice(s.initMarginChange), fmtPrice(s.maintMarginChange), fmtPrice(s.equityWithLoanChange));
  }
  f.push(fmtPrice(s.initMarginAfter), fmtPrice(s.maintMarginAfter), fmtPrice(s.equityWithLoanAfter));
  f.push(fmtPrice(s.commission), fmtPrice(s.minCommission), fmtPrice(s.maxCommission), s.commissionCurrency, s.warningText);
  f.push('0', '0'); // randomizeSize, randomizePrice
  f.push(o.conditions.length);
  if (o.conditions.length) {
    for (const cond of o.conditions) f.push(cond.type, cond.conjunction, ...cond.fields);
    f.push(fmtBool(o.conditionsIgnoreRth), fmtBool(o.conditionsCancelOrder));
  }
  f.push('', '', fmtPrice(o.trailStopPrice), '', '', '', '', 0); // adjusted order params
  if (sv >= MinVer.SOFT_DOLLAR_TIER) f.push('', '', '');
  if (sv >= MinVer.CASH_QTY) f.push(fmtPrice(o.cashQty));
  if (sv >= MinVer.AUTO_PRICE_FOR_HEDGE) f.push('0');
  if (sv >= MinVer.ORDER_CONTAINER) f.push('0');
  if (sv >= MinVer.D_PEG_ORDERS) f.push('0');
  if (sv >= MinVer.PRICE_MGMT_ALGO) f.push('0');
  if (sv >= MinVer.DURATION) f.push('');
  if (sv >= MinVer.POST_TO_ATS) f.push('');
  if (sv >= MinVer.AUTO_CANCEL_PARENT) f.push('0');
  if (sv >= MinVer.PEGBEST_PEGMID_OFFSETS) f.push('', '', '', '', '');
  if (sv >= MinVer.CUSTOMER_ACCOUNT) f.push('');
  if (sv >= MinVer.PROFESSIONAL_CUSTOMER) f.push('0');
  if (sv >= MinVer.BOND_ACCRUED_INTEREST) f.push('');
  if (sv >= MinVer.INCLUDE_OVERNIGHT) f.push('0');
  if (sv >= MinVer.CME_TAGGING_FIELDS_IN_OPEN_ORDER) f.push('', '');
  return f;
}

export interface IbOrderStatusOut {
  orderId: number;
  status: string;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  permId: number;
  parentId: number;
  lastFillPrice: number;
  clientId: number;
  whyHeld: string;
}

export function encOrderStatus(sv: number, s: IbOrderStatusOut): IbFields {
  const f: IbFields = [IbIn.ORDER_STATUS];
  if (sv < MinVer.MARKET_CAP_PRICE) f.push(6);
  f.push(s.orderId, s.status, fmtSize(s.filled), fmtSize(s.remaining), fmtPrice(s.avgFillPrice), s.permId, s.parentId,
    fmtPrice(s.lastFillPrice), s.clientId, s.whyHeld);
  if (sv >= MinVer.MARKET_CAP_PRICE) f.push('0');
  return f;
}

export const encOpenOrderEnd = (): IbFields => [IbIn.OPEN_ORDER_END, 1];
export const encCompletedOrdersEnd = (): IbFields => [IbIn.COMPLETED_ORDERS_END];

/** EXECUTION_DATA; reqId is -1 for executions pushed as they happen. */
export function encExecution(sv: number, reqId: number, c: IbContract, e: IbExecution, timeText: string): IbFields {
  const f: IbFields = [IbIn.EXECUTION_DATA];
  if (sv < MinVer.LAST_LIQUIDITY) f.push(10);
  f.push(reqId, e.orderId, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, fmtPrice(c.strike), c.right, c.multiplier,
    c.exchange, c.currency, c.localSymbol, c.tradingClass);
  f.push(e.execId, timeText, e.account, e.exchange, e.side, fmtSize(e.shares), fmtPrice(e.price), e.permId, e.clientId, 0,
    fmtSize(e.cumQty), fmtPrice(e.avgPrice), e.orderRef, '', '');
  if (sv >= MinVer.MODELS_SUPPORT) f.push(e.modelCode);
  if (sv >= MinVer.LAST_LIQUIDITY) f.push(e.lastLiquidity);
  if (sv >= MinVer.PENDING_PRICE_REVISION) f.push('0');
  return f;
}

export const encExecutionEnd = (reqId: number): IbFields => [IbIn.EXECUTION_DATA_END, 1, reqId];

export const encCommissionReport = (r: IbCommissionReport): IbFields => [
  IbIn.COMMISSION_REPORT, 1, r.execId, fmtPrice(r.commission), r.currency, r.realizedPnl === undefined ? IB_DOUBLE_MAX : fmtPrice(r.realizedPnl), IB_DOUBLE_MAX, '',
];

export interface IbCompletedOut {
  status: string;
  filled: number;
  /** "yyyyMMdd HH:mm:ss" ET, as IB prints it. */
  completedTime: string;
  /** e.g. "Filled Size: 100" or "Cancelled by Trader". */
  completedStatus: string;
}

/**
 * COMPLETED_ORDER (101) for a plain order, field for field as @stoqey/ib's decodeMsg_COMPLETED_ORDER reads it
 * (no order id, no clientId; the order decoder runs at version MAX, so every versioned field is present).
 */
export function encCompletedOrder(sv: number, o: IbOrder, c: IbContract, s: IbCompletedOut): IbFields {
  const f: IbFields = [IbIn.COMPLETED_ORDER];
  f.push(c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, fmtPrice(c.strike), c.secType === 'STK' ? '?' : c.right,
    c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass);
  f.push(o.action, fmtSize(o.totalQuantity), o.orderType, fmtPrice(o.lmtPrice), fmtPrice(o.auxPrice), o.tif, o.ocaGroup, o.account,
    o.openClose, o.origin, o.orderRef, o.permId, fmtBool(o.outsideRth), fmtBool(o.hidden), '0', o.goodAfterTime);
  f.push('', '', '', o.modelCode); // faGroup, faMethod, faPercentage, modelCode
  f.push(o.goodTillDate, '', '', '', 0, '', -1); // gtd, rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation, exemptCode
  f.push('', '', '', '', '', o.displaySize ?? ''); // startingPrice, stockRefPrice, delta, stockRangeLower/Upper, displaySize
  f.push('0', '0', '', o.ocaType, o.triggerMethod); // sweepToFill, allOrNone, minQty, ocaType, triggerMethod
  f.push('', 0, '', '', 0, 0); // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate, referencePriceType
  f.push(fmtPrice(o.trailStopPrice), fmtPrice(o.trailingPercent));
  f.push('', 0, 0, 0); // comboLegsDescription, comboLegs, orderComboLegs, smartComboRoutingParams
  f.push('', '', '', ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement, hedgeType
  f.push('', '', '0', '0'); // clearingAccount, clearingIntent, notHeld, deltaNeutralContract
  f.push(o.algoStrategy);
  if (o.algoStrategy) {
    f.push(o.algoParams.length);
    for (const p of o.algoParams) f.push(p.tag, p.value);
  }
  f.push('0', s.status, '0', '0'); // solicited, status, randomizeSize, randomizePrice
  if (sv >= MinVer.PEGGED_TO_BENCHMARK) {
    f.push(o.conditions.length);
    if (o.conditions.length) {
      for (const cond of o.conditions) f.push(cond.type, cond.conjunction, ...cond.fields);
      f.push(fmtBool(o.conditionsIgnoreRth), fmtBool(o.conditionsCancelOrder));
    }
  }
  f.push(fmtPrice(o.trailStopPrice), ''); // trailStopPrice, lmtPriceOffset
  if (sv >= MinVer.CASH_QTY) f.push(fmtPrice(o.cashQty));
  if (sv >= MinVer.AUTO_PRICE_FOR_HEDGE) f.push('0');
  if (sv >= MinVer.ORDER_CONTAINER) f.push('0');
  f.push('', fmtSize(s.filled), 0, '0', '', '0', '0', 0); // autoCancelDate, filledQuantity, refFuturesConId, autoCancelParent, shareholder, imbalanceOnly, routeMarketableToBbo, parentPermId
  f.push(s.completedTime, s.completedStatus);
  if (sv >= MinVer.PEGBEST_PEGMID_OFFSETS) f.push('', '', '', '', '');
  if (sv >= MinVer.CUSTOMER_ACCOUNT) f.push('');
  if (sv >= MinVer.PROFESSIONAL_CUSTOMER) f.push('0');
  return f;
}
