/** Connection-level server messages: errors, ids, accounts, time, user info. */
import { IbIn, MinVer } from '../ids';
import { escapeAscii7 } from '../fields';

export type IbFields = Array<string | number>;

/** ERR_MSG; id -1 is informational (@stoqey/ib emits `info`). */
export function encError(sv: number, id: number, code: number, text: string, advancedOrderRejectJson = ''): IbFields {
  const f: IbFields = [IbIn.ERR_MSG, 2, id, code, sv >= MinVer.ENCODE_MSG_ASCII7 ? escapeAscii7(text) : text];
  if (sv >= MinVer.ADVANCED_ORDER_REJECT) f.push(advancedOrderRejectJson);
  return f;
}

export const encNextValidId = (orderId: number): IbFields => [IbIn.NEXT_VALID_ID, 1, orderId];
export const encManagedAccounts = (accounts: readonly string[]): IbFields => [IbIn.MANAGED_ACCTS, 1, accounts.join(',')];
export const encCurrentTime = (epochSec: number): IbFields => [IbIn.CURRENT_TIME, 1, Math.floor(epochSec)];
export const encUserInfo = (reqId: number, whiteBrandingId: string): IbFields => [IbIn.USER_INFO, reqId, whiteBrandingId];

export function encMarketRule(ruleId: number, increments: Array<{ lowEdge: number; increment: number }>): IbFields {
  const f: IbFields = [IbIn.MARKET_RULE, ruleId, increments.length];
  for (const i of increments) f.push(String(i.lowEdge), String(i.increment));
  return f;
}
