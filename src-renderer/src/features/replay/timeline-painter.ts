/**
 * Paints the transport's timeline: the replay's span, gaps, session breaks and markers. The progress up to
 * the playhead and the playhead are DOM marks over it (playhead-marks.ts), so playing repaints nothing here.
 */
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';

export function paintTimeline(ctx: CanvasRenderingContext2D, info: ReplayInfo, width: number, height: number): void {
  const span = Math.max(1, info.end - info.start);
  const x = (ts: number) => ((ts - info.start) / span) * width;
  ctx.fillStyle = '#131820';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1f3a5f';
  ctx.fillRect(0, height / 2 - 3, width, 6);
  ctx.fillStyle = 'rgba(245,158,11,0.5)';
  for (const g of info.gaps) {
    const a = x(g.start);
    ctx.fillRect(a, 0, Math.max(2, x(g.end ?? info.end) - a), height);
  }
  ctx.fillStyle = '#7b8796';
  for (const s of info.sessions.slice(1)) ctx.fillRect(Math.round(x(s.startedAt)), 0, 1, height);
  ctx.fillStyle = '#a78bfa';
  for (const m of info.markers) ctx.fillRect(Math.round(x(m.ts)) - 1, 0, 2, height / 3);
}
