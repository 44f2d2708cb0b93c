/**
 * Paper accounts: cash, positions (IB's average cost includes commissions), realized P&L and the
 * values TWS reports (net liquidation, margin, buying power). Prices come from the market's last trade.
 */
import type { SimMarket, SimStock } from '../../market/types';

export interface SimPosition {
  stock: SimStock;
  qty: number;
  /** Per share, commissions included (IB convention). */
  avgCost: number;
  /** Reference for today's P&L: previous close for carried shares, cost for shares opened today. */
  dailyRef: number;
  realizedToday: number;
}

interface Account {
  cash: number;
  positions: Map<number, SimPosition>;
  realizedToday: number;
  commissionsToday: number;
}

export interface SimAccountValues {
  netLiquidation: number;
  totalCash: number;
  grossPositionValue: number;
  unrealizedPnl: number;
  realizedPnl: number;
  dailyPnl: number;
  initMargin: number;
  maintMargin: number;
  availableFunds: number;
  excessLiquidity: number;
  buyingPower: number;
}

export type PositionListener = (account: string, pos: SimPosition) => void;

export class SimAccounts {
  private readonly accounts = new Map<string, Account>();
  private readonly listeners = new Set<PositionListener>();

  constructor(private readonly market: SimMarket, readonly names: readonly string[], initialCash = 1_000_000) {
    for (const n of names) this.accounts.set(n, { cash: initialCash, positions: new Map(), realizedToday: 0, commissionsToday: 0 });
  }

  has(account: string): boolean {
    return this.accounts.has(account);
  }

  seed(account: string, stock: SimStock, qty: number, avgCost: number): void {
    const a = this.get(account);
    a.positions.set(stock.conId, { stock, qty, avgCost, dailyRef: stock.prevClose, realizedToday: 0 });
    a.cash -= qty * avgCost;
  }

  onPosition(l: PositionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  positions(account: string): SimPosition[] {
    return [...this.get(account).positions.values()];
  }

  position(account: string, conId: number): SimPosition | undefined {
    return this.get(account).positions.get(conId);
  }

  /** Books a fill; returns the realized P&L of the closing part (undefined for a pure opening fill). */
  applyFill(account: string, stock: SimStock, buy: boolean, shares: number, price: number, commission: number): number | undefined {
    const a = this.get(account);
    let p = a.positions.get(stock.conId);
    if (!p) a.positions.set(stock.conId, (p = { stock, qty: 0, avgCost: 0, dailyRef: price, realizedToday: 0 }));
    const signed = buy ? shares : -shares;
    a.cash -= signed * price + commission;
    a.commissionsToday += commission;
    let realized: number | undefined;
    const closing = p.qty !== 0 && Math.sign(p.qty) !== Math.sign(signed) ? Math.min(Math.abs(p.qty), shares) : 0;
    if (closing > 0) {
      const perShareCommission = commission / shares;
      realized = (buy ? p.avgCost - price : price - p.avgCost) * closing - perShareCommission * closing;
      p.realizedToday += realized;
      a.realizedToday += realized;
    }
    const opening = shares - closing;
    const newQty = p.qty + signed;
    if (opening > 0) {
      const openSigned = buy ? opening : -opening;
      const carried = newQty - openSigned; // 0 when the position flipped
      const costPerShare = price + (buy ? 1 : -1) * (commission / shares);
      p.avgCost = (carried * p.avgCost + openSigned * costPerShare) / newQty;
      p.dailyRef = (carried * p.dailyRef + openSigned * price) / newQty;
    }
    p.qty = newQty;
    if (newQty === 0) p.avgCost = 0;
    for (const l of this.listeners) l(account, p);
    return realized;
  }

  lastPrice(stock: SimStock): number {
    const q = this.market.quote(stock.conId);
    return q.last > 0 ? q.last : q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : stock.prevClose;
  }

  unrealized(p: SimPosition): number {
    return p.qty === 0 ? 0 : (this.lastPrice(p.stock) - p.avgCost) * p.qty;
  }

  dailyPnl(p: SimPosition): number {
    return p.realizedToday + (p.qty === 0 ? 0 : (this.lastPrice(p.stock) - p.dailyRef) * p.qty);
  }

  values(account: string): SimAccountValues {
    const a = this.get(account);
    let gross = 0;
    let market = 0;
    let unrealized = 0;
    let daily = 0;
    for (const p of a.positions.values()) {
      const px = this.lastPrice(p.stock);
      gross += Math.abs(p.qty * px);
      market += p.qty * px;
      unrealized += this.unrealized(p);
      daily += this.dailyPnl(p);
    }
    const netLiquidation = a.cash + market;
    const initMargin = gross * 0.25;
    const maintMargin = gross * 0.25;
    const excessLiquidity = netLiquidation - maintMargin;
    return {
      netLiquidation, totalCash: a.cash, grossPositionValue: gross, unrealizedPnl: unrealized, realizedPnl: a.realizedToday, dailyPnl: daily,
      initMargin, maintMargin, availableFunds: netLiquidation - initMargin, excessLiquidity, buyingPower: Math.max(0, (netLiquidation - initMargin) * 4),
    };
  }

  private get(account: string): Account {
    const a = this.accounts.get(account);
    if (!a) throw new Error(`unknown account ${account}`);
    return a;
  }
}
