import { useEffect, useRef, useState } from 'react';
import { fmtInt } from '../../lib/format';
import { CanvasView } from './canvas-view';
import { fmtEtClockMs, jumpTarget, SPEEDS, timelineTs, type Speed } from './replay-time';
import { PlayheadMarks } from './playhead-marks';
import { paintTimeline } from './timeline-painter';
import { pause, play, seekTs, setSpeed, step, useReplayStore } from './replay-store';

/** Play/pause, speed, step and jump buttons, jump-to-time, and the timeline (click or drag to seek). */
export function Transport() {
  const info = useReplayStore((s) => s.info);
  const playing = useReplayStore((s) => s.playing);
  const speed = useReplayStore((s) => s.speed);
  const [jump, setJump] = useState('');
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const clockRef = useRef<HTMLSpanElement>(null);
  const pastRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    if (!pastRef.current || !lineRef.current) return;
    const marks = new PlayheadMarks({ past: pastRef.current, line: lineRef.current, lineW: 3 });
    const view = new CanvasView(host, canvas, (ctx, width, height, f) => {
      const { info: i, frame } = useReplayStore.getState();
      marks.set(i && frame ? ((frame.ts - i.start) / Math.max(1, i.end - i.start)) * width : null);
      if (clockRef.current && i && frame) {
        clockRef.current.textContent = `${fmtEtClockMs(frame.ts)} ET · event ${fmtInt(frame.seq)} / ${fmtInt(i.events)} · trades ${fmtInt(frame.tradeCount)}${frame.inGap ? ' · in gap' : ''}${frame.atEnd ? ' · end' : ''}`;
      }
      // Gaps, sessions and markers are the replay's: the canvas repaints when it or the size changes.
      if (f.same([i, width, height])) return;
      if (!i) return ctx.clearRect(0, 0, width, height);
      paintTimeline(ctx, i, width, height);
    });
    // Drag-seek: one seek in flight at a time, the latest position wins.
    let dragging = false;
    let busy = false;
    let pending: number | null = null;
    const seekTo = (clientX: number) => {
      const i = useReplayStore.getState().info;
      if (!i) return;
      const rect = host.getBoundingClientRect();
      pending = timelineTs(clientX - rect.left, rect.width, i.start, i.end);
      if (busy) return;
      busy = true;
      const next = pending;
      pending = null;
      void seekTs(next).finally(() => {
        busy = false;
        if (pending !== null) seekTo(rect.left + ((pending - i.start) / Math.max(1, i.end - i.start)) * rect.width);
      });
    };
    const down = (e: PointerEvent) => {
      dragging = true;
      host.setPointerCapture(e.pointerId);
      seekTo(e.clientX);
    };
    const move = (e: PointerEvent) => dragging && seekTo(e.clientX);
    const up = () => (dragging = false);
    host.addEventListener('pointerdown', down);
    host.addEventListener('pointermove', move);
    host.addEventListener('pointerup', up);
    return () => {
      host.removeEventListener('pointerdown', down);
      host.removeEventListener('pointermove', move);
      host.removeEventListener('pointerup', up);
      view.dispose();
    };
  }, []);

  const doJump = () => {
    if (!info) return;
    const ts = jumpTarget(jump, info.date, info.start, info.end);
    if (ts !== null) void seekTs(ts);
  };

  return (
    <div className="replay-transport" data-testid="replay-transport">
      <div className="replay-buttons">
        <button className="btn btn-xs" title="Previous marker" onClick={() => void step('marker', -1)}>⇤M</button>
        <button className="btn btn-xs" title="Previous gap" onClick={() => void step('gap', -1)}>⇤G</button>
        <button className="btn btn-xs" title="Previous trade (Shift+←)" onClick={() => void step('trade', -1)} data-testid="replay-prev-trade">◀T</button>
        <button className="btn btn-xs" title="Step back one event (←)" onClick={() => void step('event', -1)} data-testid="replay-step-back">◀1</button>
        <button className="btn btn-xs replay-play" title="Play / pause (Space)" onClick={() => void (playing ? pause() : play())} data-testid="replay-play" data-playing={playing}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button className="btn btn-xs" title="Step forward one event (→)" onClick={() => void step('event', 1)} data-testid="replay-step">1▶</button>
        <button className="btn btn-xs" title="Next trade (Shift+→)" onClick={() => void step('trade', 1)} data-testid="replay-next-trade">T▶</button>
        <button className="btn btn-xs" title="Next gap (G)" onClick={() => void step('gap', 1)}>G⇥</button>
        <button className="btn btn-xs" title="Next marker (M)" onClick={() => void step('marker', 1)}>M⇥</button>
        <select value={String(speed)} title="Speed (+ / −)" data-testid="replay-speed" onChange={(e) => void setSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s === 'max' ? 'max' : `${s}×`}
            </option>
          ))}
        </select>
        <input className="replay-jump mono" placeholder="HH:MM:SS ET" value={jump} onChange={(e) => setJump(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && doJump()} data-testid="replay-jump" />
        <button className="btn btn-xs" onClick={doJump}>Go</button>
        <span className="mono muted replay-clock" ref={clockRef} data-testid="replay-clock" />
      </div>
      <div className="replay-timeline" ref={hostRef} data-testid="replay-timeline" data-start={info?.start} data-end={info?.end} title="Click or drag to seek">
        <canvas ref={canvasRef} />
        <div ref={pastRef} className="replay-mark-past" />
        <div ref={lineRef} className="replay-mark-line" />
      </div>
    </div>
  );
}
