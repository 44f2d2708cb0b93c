/**
 * The symbol box's resolver: reads what the trader typed (src-shared/domain/futures.ts) and asks the
 * broker for the stock, the front month of a future root, or one future contract. What it returns is the
 * key the chart, ladder and recorder use from then on (ticker, or local symbol such as ESZ6).
 */
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { ResolvedInstrument } from '../../src-shared/contract/features/instrument';
import { FUTURE_ROOTS, parseInstrumentQuery } from '../../src-shared/domain/futures';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { BrokerPort, FutureResolver } from '../broker/port';
import type { Logger } from '../platform/log';

export interface InstrumentServiceDeps {
  broker: Pick<BrokerPort, 'resolve'> & FutureResolver;
  log: Logger;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "E-mini S&P 500 · Dec 2026" for a future, the company name (or ticker) for a stock. */
export function describeInstrument(i: Instrument): string {
  if (i.secType !== 'FUT') return i.longName ?? i.symbol;
  const name = FUTURE_ROOTS[i.tradingClass ?? '']?.name ?? i.longName ?? i.tradingClass ?? i.symbol;
  const month = i.expiry ? `${MONTHS[Number(i.expiry.slice(4, 6)) - 1]} ${i.expiry.slice(0, 4)}` : '';
  return month ? `${name} · ${month}` : name;
}

export class InstrumentService {
  constructor(private readonly d: InstrumentServiceDeps) {}

  async resolve(query: string): Promise<Result<ResolvedInstrument>> {
    const q = parseInstrumentQuery(query);
    if (!q) return err('INVALID_INPUT', `"${query}" is neither a ticker (AAPL) nor a future (/ES, ESZ6).`);
    const r =
      q.kind === 'future' ? await this.d.broker.frontMonth(q.root) : await this.d.broker.resolve(q.kind === 'stock' ? q.symbol : q.localSymbol);
    if (!r.ok) return r;
    this.d.log.info('instrument resolved', { query, symbol: r.value.symbol, secType: r.value.secType ?? 'STK', expiry: r.value.expiry });
    return ok({ ...r.value, description: describeInstrument(r.value) });
  }
}
