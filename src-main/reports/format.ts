/** Number and time formatting shared by the report writers (ET wall time; money with a real minus sign). */
import { etMsOfDay } from '../../src-shared/domain/et-time';

/** Thousands separators by hand: Intl.NumberFormat costs ~0.5 µs a call and a 10k-trip table makes 50k. */
function grouped(cents: number): string {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = cents % 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

export function money(v: number | null, signed = true): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const cents = Math.round(v * 100);
  const body = `$${grouped(Math.abs(cents))}`;
  if (cents < 0) return `−${body}`;
  return signed && cents > 0 ? `+${body}` : body;
}

export function plain(v: number | null, digits = 2): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

export function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)} %`;
}

export function etClock(ms: number): string {
  const s = Math.floor(etMsOfDay(ms) / 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

const SPECIAL = /[&<>"']/;

export function escapeHtml(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
