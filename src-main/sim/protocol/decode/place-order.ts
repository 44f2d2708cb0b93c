/**
 * PLACE_ORDER decoding. The fixed prefix (through goodTillDate/ocaType) covers what a workstation uses;
 * the value-dependent tail is followed as far as conditions, whatIf, algo and cashQty, and abandoned
 * without harm if a client sends something unexpected (the message is length-delimited).
 */
import { MinVer } from '../ids';
import { IbFieldReader } from '../fields';
import type { IbContract, IbOrder, IbOrderCondition } from '../types';
import { readIbContract } from './contract';

export interface IbPlaceOrderReq {
  contract: IbContract;
  order: IbOrder;
  /** True when `transmit` was "" or "0": TWS holds such an order until a transmit=1 member arrives. */
  held: boolean;
}

/** Fields after type and conjunction, per IB condition type (1 price, 3 time, 4 margin, 5 execution, 6 volume, 7 percent). */
const CONDITION_FIELDS: Record<number, number> = { 1: 5, 3: 2, 4: 2, 5: 3, 6: 4, 7: 4 };

export function decPlaceOrder(r: IbFieldReader, sv: number, clientId: number): IbPlaceOrderReq {
  if (sv < MinVer.ORDER_CONTAINER) r.int();
  const orderId = r.int();
  const contract = readIbContract(r);
  r.str(); // secIdType
  r.str(); // secId
  const order: IbOrder = {
    orderId, clientId, permId: 0, parentId: 0,
    action: r.str().toUpperCase(),
    totalQuantity: r.num(),
    orderType: r.str().toUpperCase(),
    lmtPrice: r.numOrUnset(),
    auxPrice: r.numOrUnset(),
    tif: r.str().toUpperCase() || 'DAY',
    ocaGroup: r.str(),
    account: r.str(),
    openClose: r.str(),
    origin: r.int(),
    orderRef: r.str(),
    transmit: true, outsideRth: false, hidden: false, displaySize: undefined, triggerMethod: 0, goodAfterTime: '', goodTillDate: '',
    ocaType: 0, whatIf: false, algoStrategy: '', algoParams: [], conditions: [], conditionsIgnoreRth: false, conditionsCancelOrder: false,
    trailStopPrice: undefined, trailingPercent: undefined, cashQty: undefined, modelCode: '',
  };
  const transmitRaw = r.str();
  const held = transmitRaw === '' || transmitRaw === '0' || transmitRaw.toLowerCase() === 'false';
  order.transmit = !held;
  order.parentId = r.int();
  r.str(); // blockOrder
  r.str(); // sweepToFill
  order.displaySize = r.intOrUnset();
  order.triggerMethod = r.int();
  order.outsideRth = r.bool();
  order.hidden = r.bool();
  if (contract.secType.toUpperCase() === 'BAG') skipBag(r);
  r.str(); // sharesAllocation
  r.str(); // discretionaryAmt
  order.goodAfterTime = r.str();
  order.goodTillDate = r.str();
  r.skip(3); // faGroup, faMethod, faPercentage
  if (sv < MinVer.FA_PROFILE_DESUPPORT) r.str();
  if (sv >= MinVer.MODELS_SUPPORT) order.modelCode = r.str();
  r.skip(3); // shortSaleSlot, designatedLocation, exemptCode
  order.ocaType = r.int();
  try {
    readTail(r, sv, order);
  } catch {
    // An unexpected tail: the prefix already holds everything the simulator acts on.
  }
  return { contract, order, held };
}

function skipBag(r: IbFieldReader): void {
  r.skip(r.int() * 8);
  r.skip(r.int());
  r.skip(r.int() * 2);
}

function readTail(r: IbFieldReader, sv: number, order: IbOrder): void {
  // rule80A, settlingFirm, allOrNone, minQty, percentOffset, eTradeOnly, firmQuoteOnly, nbboPriceCap, auctionStrategy,
  // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper, overridePercentageConstraints, volatility, volatilityType
  r.skip(17);
  const dnType = r.str();
  r.str(); // deltaNeutralAuxPrice
  if (dnType) r.skip(8);
  r.skip(2); // continuousUpdate, referencePriceType
  order.trailStopPrice = r.numOrUnset();
  order.trailingPercent = r.numOrUnset();
  r.skip(2); // scaleInitLevelSize, scaleSubsLevelSize
  const scaleIncrement = r.numOrUnset();
  if (scaleIncrement !== undefined && scaleIncrement > 0) r.skip(7);
  r.skip(3); // scaleTable, activeStartTime, activeStopTime
  if (r.str()) r.str(); // hedgeType [+ hedgeParam]
  r.skip(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
  if (r.bool()) r.skip(3); // delta-neutral contract
  order.algoStrategy = r.str();
  if (order.algoStrategy) {
    const n = r.int();
    for (let i = 0; i < n; i++) order.algoParams.push({ tag: r.str(), value: r.str() });
  }
  r.str(); // algoId
  order.whatIf = r.bool();
  r.skip(4); // orderMiscOptions, solicited, randomizeSize, randomizePrice
  if (sv < MinVer.PEGGED_TO_BENCHMARK) return;
  if (order.orderType === 'PEG BENCH') r.skip(5);
  const n = r.int();
  for (let i = 0; i < n; i++) {
    const type = r.int();
    const conjunction = r.str();
    const count = CONDITION_FIELDS[type];
    if (count === undefined) throw new Error(`unknown condition type ${type}`);
    const fields: string[] = [];
    for (let k = 0; k < count; k++) fields.push(r.str());
    order.conditions.push({ type, conjunction, fields } satisfies IbOrderCondition);
  }
  if (n > 0) {
    order.conditionsIgnoreRth = r.bool();
    order.conditionsCancelOrder = r.bool();
  }
  r.skip(7); // adjusted order params
  r.str(); // extOperator (v105)
  r.skip(2); // soft dollar tier
  if (sv >= MinVer.CASH_QTY) order.cashQty = r.numOrUnset();
}
