/** @stoqey/ib sends `ScanCode[sub.scanCode]`, so the scan code must be the numeric enum, never a string. */
import { ScanCode, type ScannerSubscription } from '@stoqey/ib';
import type { ScannerRequest } from './port';

export function ibScanCode(name: string): ScanCode | undefined {
  const v = (ScanCode as unknown as Record<string, number | string>)[name.trim().toUpperCase()];
  return typeof v === 'number' ? (v as ScanCode) : undefined;
}

/** Undefined when the scan code is unknown to IB. Rows are capped at IB's 50. */
export function toIbScannerSubscription(req: ScannerRequest): ScannerSubscription | undefined {
  const scanCode = ibScanCode(req.scanCode);
  if (scanCode === undefined) return undefined;
  const sub: ScannerSubscription = {
    scanCode,
    numberOfRows: Math.max(1, Math.min(50, Math.floor(req.rows))),
    instrument: (req.instrument ?? 'STK') as ScannerSubscription['instrument'],
    locationCode: (req.locationCode ?? 'STK.US.MAJOR') as ScannerSubscription['locationCode'],
  };
  if (req.priceAbove !== undefined) sub.abovePrice = req.priceAbove;
  if (req.priceBelow !== undefined) sub.belowPrice = req.priceBelow;
  if (req.volumeAbove !== undefined) sub.aboveVolume = req.volumeAbove;
  return sub;
}
