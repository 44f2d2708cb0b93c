import { useRef } from 'react';

interface GutterProps {
  axis: 'x' | 'y';
  area: string;
  label: string;
  /** Called during a drag with the movement since the last call, in px. */
  onDrag(deltaPx: number): void;
  onDone(): void;
}

/** A drag handle between panels (pointer capture, so a fast drag never loses it). */
export function Gutter({ axis, area, label, onDrag, onDone }: GutterProps) {
  const last = useRef<number | null>(null);
  return (
    <div
      className={`gutter gutter-${axis}`}
      style={{ gridArea: area }}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      data-testid={`gutter-${area}`}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        last.current = axis === 'x' ? e.clientX : e.clientY;
      }}
      onPointerMove={(e) => {
        if (last.current === null) return;
        const pos = axis === 'x' ? e.clientX : e.clientY;
        onDrag(pos - last.current);
        last.current = pos;
      }}
      onPointerUp={(e) => {
        e.currentTarget.releasePointerCapture(e.pointerId);
        last.current = null;
        onDone();
      }}
    />
  );
}
