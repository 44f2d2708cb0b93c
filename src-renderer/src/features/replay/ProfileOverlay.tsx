import { type RefObject, useEffect, useRef } from 'react';
import { profileRows } from './analysis-panes';
import { usePanesStore } from './analysis-panes-store';
import { useReplayStore } from './replay-store';

/** Width of the heatmap's price labels (heatmap-painter.ts) and of the profile's longest bar. */
const AXIS_W = 52;
const BAR_W = 80;

/**
 * The volume profile of the analysed range (POC, value area) drawn over the heatmap's right edge, beside
 * its price axis, row for row. It reads the heatmap's price window from the attributes the heatmap stamps
 * on its canvas host after each paint (data-top-row, data-rows, data-group) and repaints when they change.
 */
export function ProfileOverlay({ wrapRef }: { wrapRef: RefObject<HTMLDivElement | null> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const wrap = wrapRef.current;
    const canvas = canvasRef.current;
    if (!wrap || !canvas) return;
    let raf = 0;
    let seen = '';
    const paint = () => {
      raf = 0;
      const host = wrap.querySelector<HTMLElement>('[data-testid="replay-heatmap"]');
      const ctx = canvas.getContext('2d');
      if (!host || !ctx) return;
      const { data } = usePanesStore.getState();
      const info = useReplayStore.getState().info;
      const top = Number(host.dataset.topRow);
      const rows = Number(host.dataset.rows);
      const group = Number(host.dataset.group) || 1;
      const wr = wrap.getBoundingClientRect();
      const hr = host.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      Object.assign(canvas.style, { top: `${hr.top - wr.top}px`, left: `${hr.right - wr.left - AXIS_W - BAR_W}px`, width: `${BAR_W}px`, height: `${hr.height}px` });
      canvas.width = Math.round(BAR_W * dpr);
      canvas.height = Math.max(1, Math.round(hr.height * dpr));
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, BAR_W, hr.height);
      canvas.dataset.poc = '';
      if (!data || !info || !Number.isFinite(top) || !(rows > 0)) return;
      const p = profileRows(data.profile.bins ?? [], info.minTick, group, top, rows, data.profile.poc, data.profile.val, data.profile.vah);
      const max = Math.max(...p.volume);
      if (!(max > 0)) return;
      const h = hr.height / rows;
      // A dark strip under the bars, so the profile reads against a bright heatmap.
      ctx.fillStyle = 'rgba(14,17,22,0.6)';
      ctx.fillRect(0, 0, BAR_W, hr.height);
      for (let i = 0; i < rows; i++) {
        if (!(p.volume[i] > 0)) continue;
        const len = (p.volume[i] / max) * (BAR_W - 4);
        const inVa = p.vahRow !== null && p.valRow !== null && i >= p.vahRow && i <= p.valRow;
        ctx.fillStyle = i === p.pocRow ? 'rgba(250,204,21,0.85)' : inVa ? 'rgba(96,165,250,0.55)' : 'rgba(148,163,184,0.35)';
        ctx.fillRect(BAR_W - len, i * h + (h > 3 ? 0.5 : 0), len, Math.max(1, h - (h > 3 ? 1 : 0)));
      }
      ctx.fillStyle = 'rgba(96,165,250,0.9)';
      for (const r of [p.vahRow, p.valRow]) if (r !== null && r >= 0 && r < rows) ctx.fillRect(BAR_W - 10, r * h + h / 2, 10, 1);
      canvas.dataset.poc = String(data.profile.poc ?? '');
    };
    const invalidate = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    // The heatmap re-stamps its attributes on every paint: repaint only when the price window really moved.
    const mo = new MutationObserver(() => {
      const host = wrap.querySelector<HTMLElement>('[data-testid="replay-heatmap"]');
      const key = host ? `${host.dataset.topRow}|${host.dataset.rows}|${host.dataset.group}|${host.clientHeight}` : '';
      if (key !== seen) {
        seen = key;
        invalidate();
      }
    });
    mo.observe(wrap, { attributes: true, subtree: true, attributeFilter: ['data-top-row', 'data-rows', 'data-group'] });
    const ro = new ResizeObserver(invalidate);
    ro.observe(wrap);
    const off = usePanesStore.subscribe(invalidate);
    invalidate();
    return () => {
      cancelAnimationFrame(raf);
      mo.disconnect();
      ro.disconnect();
      off();
    };
  }, [wrapRef]);

  return <canvas ref={canvasRef} className="replay-profile-overlay" data-testid="replay-profile" />;
}
