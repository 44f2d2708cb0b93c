/** IB wire shapes shared by the simulator's decoders, encoders and services (Ib prefix: IB-specific). */

export interface IbContract {
  conId: number;
  symbol: string;
  secType: string;
  lastTradeDateOrContractMonth: string;
  strike: number;
  right: string;
  multiplier: string;
  exchange: string;
  primaryExch: string;
  currency: string;
  localSymbol: string;
  tradingClass: string;
}

export interface IbContractDetails {
  contract: IbContract;
  marketName: string;
  minTick: number;
  orderTypes: string;
  validExchanges: string;
  longName: string;
  industry: string;
  category: string;
  subcategory: string;
  timeZoneId: string;
  tradingHours: string;
  liquidHours: string;
  marketRuleIds: string;
  stockType: string;
  /** Futures: YYYYMM. */
  contractMonth?: string;
  /** Futures: YYYYMMDD. */
  realExpirationDate?: string;
  /** Futures (v ≥ 182): YYYYMMDD. */
  lastTradeDate?: string;
  /** minSize, sizeIncrement, suggestedSizeIncrement (stocks: 0.0001, 0.0001, 100). */
  sizeRules?: [string, string, string];
}

export interface IbTagValue {
  tag: string;
  value: string;
}

/** An order condition as it travels inside PLACE_ORDER and OPEN_ORDER (fields after type/conjunction). */
export interface IbOrderCondition {
  type: number;
  conjunction: string;
  /** The remaining fields of the condition, verbatim. */
  fields: string[];
}

/** The order fields the simulator reads from PLACE_ORDER and echoes in OPEN_ORDER. */
export interface IbOrder {
  orderId: number;
  clientId: number;
  permId: number;
  parentId: number;
  action: string;
  totalQuantity: number;
  orderType: string;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  tif: string;
  ocaGroup: string;
  ocaType: number;
  account: string;
  openClose: string;
  origin: number;
  orderRef: string;
  transmit: boolean;
  outsideRth: boolean;
  hidden: boolean;
  displaySize: number | undefined;
  triggerMethod: number;
  goodAfterTime: string;
  goodTillDate: string;
  whatIf: boolean;
  algoStrategy: string;
  algoParams: IbTagValue[];
  conditions: IbOrderCondition[];
  conditionsIgnoreRth: boolean;
  conditionsCancelOrder: boolean;
  trailStopPrice: number | undefined;
  trailingPercent: number | undefined;
  cashQty: number | undefined;
  modelCode: string;
}

/** OPEN_ORDER's order-state block. */
export interface IbOrderState {
  status: string;
  initMarginBefore?: number;
  maintMarginBefore?: number;
  equityWithLoanBefore?: number;
  initMarginChange?: number;
  maintMarginChange?: number;
  equityWithLoanChange?: number;
  initMarginAfter?: number;
  maintMarginAfter?: number;
  equityWithLoanAfter?: number;
  commission?: number;
  minCommission?: number;
  maxCommission?: number;
  commissionCurrency: string;
  warningText: string;
}

export interface IbExecution {
  execId: string;
  orderId: number;
  clientId: number;
  permId: number;
  /** Epoch ms. */
  time: number;
  account: string;
  exchange: string;
  side: 'BOT' | 'SLD';
  shares: number;
  price: number;
  cumQty: number;
  avgPrice: number;
  orderRef: string;
  modelCode: string;
  /** 1 added, 2 removed liquidity. */
  lastLiquidity: number;
}

export interface IbCommissionReport {
  execId: string;
  commission: number;
  currency: string;
  realizedPnl: number | undefined;
}

export interface IbDepthExchange {
  exchange: string;
  secType: string;
  listingExch: string;
  serviceDataType: 'Deep' | 'Deep2';
  aggGroup: number;
}
