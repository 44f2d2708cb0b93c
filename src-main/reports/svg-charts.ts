/**
 * Inline SVG charts for the self-contained report: no script, no external reference (inline <svg> in
 * HTML needs no xmlns, so not even the SVG namespace URL appears).
 */
import type { Bar } from '../../src-shared/domain/bar';
import { parseYmd, weekday } from '../../src-shared/domain/civil-date';
import type { RoundTrip } from '../../src-shared/domain/trades/round-trip';
import type { DailyPnl } from '../../src-shared/domain/trades/stats';
import { escapeHtml, etClock, money } from './format';

const UP = '#1a7f37';
const DOWN = '#cf222e';
const r1 = (v: number) => Math.round(v * 10) / 10;

interface Scale {
  (v: number): number;
}
function linear(d0: number, d1: number, r0: number, r1_: number): Scale {
  const span = d1 - d0 || 1;
  return (v) => r1(r0 + ((v - d0) / span) * (r1_ - r0));
}

/** Cumulative net after each closed trip through the day, from 0 at the first entry. */
export function pnlCurveSvg(trips: readonly RoundTrip[], width = 720, height = 200): string {
  const closed = trips.filter((t) => !t.open).sort((a, b) => a.exitTime! - b.exitTime!);
  if (closed.length === 0) return `<svg width="${width}" height="40" role="img" aria-label="no closed trips"><text x="8" y="24">No closed trips.</text></svg>`;
  let total = 0;
  const pts = [{ t: Math.min(...closed.map((t) => t.entryTime)), v: 0 }, ...closed.map((t) => ({ t: t.exitTime!, v: (total += t.net) }))];
  const vs = pts.map((p) => p.v);
  const lo = Math.min(0, ...vs), hi = Math.max(0, ...vs);
  const pad = 36;
  const x = linear(pts[0].t, pts[pts.length - 1].t, pad, width - 8);
  const y = linear(lo, hi, height - 20, 10);
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.t)},${y(p.v)}`).join(' ');
  const colour = total >= 0 ? UP : DOWN;
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="intraday P&amp;L curve">
<line x1="${pad}" x2="${width - 8}" y1="${y(0)}" y2="${y(0)}" stroke="#999" stroke-dasharray="4 3"/>
<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>
${pts.map((p) => `<circle cx="${x(p.t)}" cy="${y(p.v)}" r="2.5" fill="${colour}"/>`).join('')}
<text x="2" y="${y(hi) + 4}" font-size="10">${escapeHtml(money(hi, false))}</text>
<text x="2" y="${y(lo) + 4}" font-size="10">${escapeHtml(money(lo, false))}</text>
<text x="${pad}" y="${height - 4}" font-size="10">${etClock(pts[0].t)} ET</text>
<text x="${width - 8}" y="${height - 4}" font-size="10" text-anchor="end">${etClock(pts[pts.length - 1].t)} ET</text>
</svg>`;
}

/** The month as a Mon–Fri grid, each day coloured by its net P&L. */
export function calendarSvg(date: string, days: readonly DailyPnl[], cell = 96): string {
  const { y, m } = parseYmd(date);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const maxAbs = Math.max(1, ...days.map((d) => Math.abs(d.net)));
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: string[] = [];
  let row = 0;
  for (let d = 1; d <= daysInMonth; d++) {
    const dow = weekday(y, m, d);
    if (dow === 0 || dow === 6) continue;
    if (dow === 1 && d > 1 && cells.length) row += 1;
    const ymd = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const pnl = byDate.get(ymd);
    const alpha = pnl ? 0.15 + 0.75 * Math.min(1, Math.abs(pnl.net) / maxAbs) : 0;
    const fill = pnl ? (pnl.net >= 0 ? `rgba(26,127,55,${alpha.toFixed(2)})` : `rgba(207,34,46,${alpha.toFixed(2)})`) : '#f6f8fa';
    const cx = (dow - 1) * cell, cy = 18 + row * (cell * 0.6);
    const stroke = ymd === date ? ' stroke="#0969da" stroke-width="2"' : ' stroke="#d0d7de"';
    cells.push(`<rect x="${cx + 1}" y="${cy + 1}" width="${cell - 2}" height="${r1(cell * 0.6 - 2)}" fill="${fill}"${stroke}/>` +
      `<text x="${cx + 6}" y="${cy + 15}" font-size="11">${d}</text>` +
      (pnl ? `<text x="${cx + cell - 6}" y="${r1(cy + cell * 0.6 - 10)}" font-size="11" text-anchor="end">${escapeHtml(money(pnl.net))}</text>` : ''));
  }
  const height = 18 + (row + 1) * cell * 0.6 + 2;
  const head = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].map((n, i) => `<text x="${i * cell + 6}" y="12" font-size="11" fill="#57606a">${n}</text>`).join('');
  return `<svg width="${cell * 5}" height="${r1(height)}" viewBox="0 0 ${cell * 5} ${r1(height)}" role="img" aria-label="month calendar">${head}${cells.join('')}</svg>`;
}

/** One trip's 1-minute candles (±10 min around it) with its fills: ▲ buys, ▼ sells. */
export function tripCandlesSvg(trip: RoundTrip, bars: readonly Bar[], width = 720, height = 220): string {
  const from = trip.entryTime - 10 * 60_000;
  const to = (trip.exitTime ?? trip.legs[trip.legs.length - 1].time) + 10 * 60_000;
  const shown = bars.filter((b) => b.tsOpen + 60_000 > from && b.tsOpen < to);
  const prices = [...shown.flatMap((b) => [b.high, b.low]), ...trip.legs.map((l) => l.price)];
  const lo = Math.min(...prices), hi = Math.max(...prices);
  const pad = 44;
  const x = linear(from, to, pad, width - 8);
  const y = linear(lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05, height - 18, 8);
  const w = Math.max(1, (x(from + 60_000) - x(from)) * 0.7);
  const candles = shown.map((b) => {
    const c = b.close >= b.open ? UP : DOWN;
    const cx = x(b.tsOpen + 30_000);
    const top = y(Math.max(b.open, b.close)), bot = y(Math.min(b.open, b.close));
    return `<line x1="${cx}" x2="${cx}" y1="${y(b.high)}" y2="${y(b.low)}" stroke="${c}"/><rect x="${r1(cx - w / 2)}" y="${top}" width="${r1(w)}" height="${r1(Math.max(1, bot - top))}" fill="${c}"/>`;
  });
  const marks = trip.legs.map((l) => {
    const cx = x(l.time), cy = y(l.price);
    const tri = l.side === 'BUY' ? `${cx},${r1(cy + 2)} ${r1(cx - 6)},${r1(cy + 12)} ${r1(cx + 6)},${r1(cy + 12)}` : `${cx},${r1(cy - 2)} ${r1(cx - 6)},${r1(cy - 12)} ${r1(cx + 6)},${r1(cy - 12)}`;
    return `<polygon points="${tri}" fill="${l.side === 'BUY' ? '#0969da' : '#bf3989'}"><title>${l.side} ${l.shares} @ ${l.price} ${etClock(l.time)}</title></polygon>`;
  });
  const note = shown.length ? '' : `<text x="${pad}" y="20" font-size="11" fill="#57606a">No cached 1-minute bars for this day: fills only.</text>`;
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(trip.symbol)} candles with fills">
<text x="2" y="${y(hi) + 4}" font-size="10">${hi.toFixed(2)}</text><text x="2" y="${y(lo) + 4}" font-size="10">${lo.toFixed(2)}</text>
<text x="${pad}" y="${height - 4}" font-size="10">${etClock(from)}</text><text x="${width - 8}" y="${height - 4}" font-size="10" text-anchor="end">${etClock(to)} ET</text>
${candles.join('')}${marks.join('')}${note}</svg>`;
}
