/** Session times for paper orders: regular and extended hours, DAY/GTD expiry, goodAfterTime. */
import type { IbOrder } from '../../protocol/types';
import { etParts, parseIbDateTime, zonedToEpoch } from '../../protocol/time-format';

/** DAY orders end at the first close (16:00 ET, or 20:00 with outsideRth) after placement; GTD at goodTillDate; GTC never. */
export function expiry(order: IbOrder, placedAt: number): number {
  if (order.tif === 'GTD') {
    const t = parseIbDateTime(order.goodTillDate);
    return typeof t === 'number' ? t : Number.POSITIVE_INFINITY;
  }
  if (order.tif !== 'DAY') return Number.POSITIVE_INFINITY;
  const closeMinute = order.outsideRth ? 20 * 60 : 16 * 60;
  let day = placedAt;
  for (let i = 0; i < 10; i++, day += 86_400_000) {
    const p = etParts(day);
    if (p.weekday === 0 || p.weekday === 6) continue;
    const close = zonedToEpoch(p.year, p.month, p.day, Math.floor(closeMinute / 60), closeMinute % 60, 0);
    if (close > placedAt) return close;
  }
  return Number.POSITIVE_INFINITY;
}

/** Regular hours 09:30-16:00 ET on weekdays; with outsideRth the extended session 04:00-20:00. */
export function inSession(ms: number, outsideRth: boolean): boolean {
  const p = etParts(ms);
  if (p.weekday === 0 || p.weekday === 6) return false;
  const m = p.hour * 60 + p.minute;
  return outsideRth ? m >= 4 * 60 && m < 20 * 60 : m >= 9 * 60 + 30 && m < 16 * 60;
}

/** The next session open (09:30 ET, or 04:00 with outsideRth) after `ms`, as IB's 399 prints it. */
export function nextSessionOpenText(ms: number, outsideRth: boolean): string {
  const [h, m] = outsideRth ? [4, 0] : [9, 30];
  let day = ms;
  for (let i = 0; i < 10; i++, day += 86_400_000) {
    const p = etParts(day);
    if (p.weekday === 0 || p.weekday === 6) continue;
    if (zonedToEpoch(p.year, p.month, p.day, h, m, 0) <= ms) continue;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(h)}:${pad(m)}:00`;
  }
  return '';
}

export function goodAfter(text: string): number {
  if (!text) return 0;
  const t = parseIbDateTime(text);
  return typeof t === 'number' ? t : 0;
}
