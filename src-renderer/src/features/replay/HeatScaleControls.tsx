import { useState } from 'react';
import { parseCutoffs, roundCutoff, type HeatScale } from './heat-scale';
import type { HeatOptions } from './heatmap-raster';

// A wall that rests all session fills a few % of the cells, so the default cap sits below that.
const HI_PCTS = [80, 90, 95, 98, 99, 100];
const LO_PCTS = [0, 1, 5, 10, 25, 50];

interface Props {
  opts: HeatOptions;
  onChange: (patch: Partial<HeatOptions>) => void;
  /** The scale the heatmap last drew with, to prefill the size fields when switching to sizes. */
  shown: () => HeatScale | null;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The heatmap's colour cut-offs: percentiles of the visible sizes (floor and cap), or exact sizes typed in
 * shares; and the contrast. A typed pair applies as soon as it is valid; until then the last valid pair stays
 * in force and a message says what to fix.
 */
export function HeatScaleControls({ opts, onChange, shown }: Props) {
  const [lo, setLo] = useState(fmt(opts.loSize));
  const [hi, setHi] = useState(fmt(opts.hiSize));
  const [error, setError] = useState<{ field: 'lo' | 'hi'; message: string } | null>(null);

  const typed = (nextLo: string, nextHi: string) => {
    setLo(nextLo);
    setHi(nextHi);
    const r = parseCutoffs(nextLo, nextHi);
    if (!r.ok) return setError({ field: r.field, message: r.message });
    setError(null);
    onChange({ loSize: r.lo, hiSize: r.hi });
  };
  const mode = (m: HeatOptions['mode']) => {
    if (m === 'size') {
      // Start from what the percentiles show now, so switching does not change the picture by surprise.
      const s = shown();
      const [l, h] = s && s.hi > s.lo ? [roundCutoff(s.lo), roundCutoff(s.hi)] : [opts.loSize, opts.hiSize];
      const pair = h > l ? [l, h] : [opts.loSize, opts.hiSize];
      setLo(fmt(pair[0]));
      setHi(fmt(pair[1]));
      setError(null);
      onChange({ mode: m, loSize: pair[0], hiSize: pair[1] });
    } else onChange({ mode: m });
  };

  return (
    <>
      <label className="muted" title="Colour cut-offs: percentiles of the sizes in view, or exact sizes in shares">
        cut-offs{' '}
        <select value={opts.mode} onChange={(e) => mode(e.target.value as HeatOptions['mode'])} data-testid="heat-cutoff-mode">
          <option value="pct">percentile</option>
          <option value="size">size</option>
        </select>
      </label>
      {opts.mode === 'pct' ? (
        <>
          <label className="muted" title="Lower cut-off: sizes under this percentile get the darkest colour">
            floor{' '}
            <select value={opts.loPct} onChange={(e) => onChange({ loPct: Number(e.target.value) })} data-testid="heat-lo">
              {LO_PCTS.filter((p) => p < opts.hiPct).map((p) => (
                <option key={p} value={p}>
                  p{p}
                </option>
              ))}
            </select>
          </label>
          <label className="muted" title="Upper cut-off: sizes above this percentile get the brightest colour">
            cap{' '}
            <select value={opts.hiPct} onChange={(e) => onChange({ hiPct: Number(e.target.value) })} data-testid="heat-hi">
              {HI_PCTS.map((p) => (
                <option key={p} value={p}>
                  p{p}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <span className="muted">
          <input
            style={{ width: 64 }}
            value={lo}
            inputMode="numeric"
            aria-label="Lower cut-off in shares"
            aria-invalid={error?.field === 'lo'}
            title="Sizes at or under this many shares get the darkest colour (e.g. 200, 1.5k)"
            onChange={(e) => typed(e.target.value, hi)}
            data-testid="heat-lo-size"
          />
          –
          <input
            style={{ width: 64 }}
            value={hi}
            inputMode="numeric"
            aria-label="Upper cut-off in shares"
            aria-invalid={error?.field === 'hi'}
            title="Sizes at or over this many shares get the brightest colour (e.g. 5000, 5k)"
            onChange={(e) => typed(lo, e.target.value)}
            data-testid="heat-hi-size"
          />{' '}
          sh
        </span>
      )}
      {opts.mode === 'size' && error && (
        <span className="replay-warning" role="alert" data-testid="heat-cutoff-error">
          {error.message}
        </span>
      )}
      <label className="muted" title="Contrast (gamma): left shows small sizes, right only the big walls">
        contrast{' '}
        <input type="range" min={0.2} max={3} step={0.1} value={opts.gamma} onChange={(e) => onChange({ gamma: Number(e.target.value) })} data-testid="heat-contrast" />
      </label>
    </>
  );
}
