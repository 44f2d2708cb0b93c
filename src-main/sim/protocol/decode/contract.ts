/** The contract block clients send inside requests. */
import { IbFieldReader } from '../fields';
import type { IbContract } from '../types';

/**
 * conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier, exchange,
 * [primaryExch], currency, localSymbol, tradingClass.
 */
export function readIbContract(r: IbFieldReader, withPrimaryExch = true): IbContract {
  const conId = r.int();
  const symbol = r.str();
  const secType = r.str();
  const lastTradeDateOrContractMonth = r.str();
  const strike = r.num();
  const right = r.str();
  const multiplier = r.str();
  const exchange = r.str();
  const primaryExch = withPrimaryExch ? r.str() : '';
  const currency = r.str();
  const localSymbol = r.str();
  const tradingClass = r.str();
  return { conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass };
}

/** Combo legs for BAG contracts in market-data and historical requests: count, (conId, ratio, action, exchange)×n. */
export function skipBagLegs(r: IbFieldReader, contract: IbContract): void {
  if (contract.secType.toUpperCase() !== 'BAG') return;
  const n = r.int();
  r.skip(n * 4);
}
