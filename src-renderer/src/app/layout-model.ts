/**
 * The live workspace's panel sizes as fractions, and how dragging a gutter changes them. Pure, so the
 * clamping is unit-tested; Workstation turns a layout into CSS grid tracks.
 */
export interface WorkspaceLayout {
  /** Widths of scanner | chart | ladder, summing to 1. */
  scanner: number;
  chart: number;
  ladder: number;
  /** Height of the recorder row as a fraction of the workspace. */
  recorder: number;
}

export const DEFAULT_LAYOUT: WorkspaceLayout = { scanner: 0.44, chart: 0.38, ladder: 0.18, recorder: 0.3 };
export const GUTTER_PX = 5;
const MIN = { scanner: 0.2, chart: 0.15, ladder: 0.1, recorder: 0.12, top: 0.3 };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A saved layout when it is sane, else the default (settings are user-editable JSON). */
export function readLayout(saved: unknown): WorkspaceLayout {
  const s = saved as Partial<WorkspaceLayout> | null;
  if (!s || ![s.scanner, s.chart, s.ladder, s.recorder].every(finite)) return DEFAULT_LAYOUT;
  const sum = s.scanner! + s.chart! + s.ladder!;
  if (Math.abs(sum - 1) > 0.01 || s.scanner! < MIN.scanner || s.chart! < MIN.chart || s.ladder! < MIN.ladder) return DEFAULT_LAYOUT;
  if (s.recorder! < MIN.recorder || s.recorder! > 1 - MIN.top) return DEFAULT_LAYOUT;
  return { scanner: s.scanner!, chart: s.chart!, ladder: s.ladder!, recorder: s.recorder! };
}

/**
 * Moves the gutter between two neighbouring columns by `dxPx`; the pair keeps its total width and
 * neither side shrinks below its minimum.
 */
export function dragColumn(l: WorkspaceLayout, gutter: 'scanner|chart' | 'chart|ladder', dxPx: number, widthPx: number): WorkspaceLayout {
  const usable = Math.max(1, widthPx - 2 * GUTTER_PX);
  const d = dxPx / usable;
  const [left, right] = gutter === 'scanner|chart' ? (['scanner', 'chart'] as const) : (['chart', 'ladder'] as const);
  const pair = l[left] + l[right];
  const newLeft = Math.min(pair - MIN[right], Math.max(MIN[left], l[left] + d));
  return { ...l, [left]: newLeft, [right]: pair - newLeft };
}

/** Moves the gutter above the recorder by `dyPx` (down = smaller recorder). */
export function dragRow(l: WorkspaceLayout, dyPx: number, heightPx: number): WorkspaceLayout {
  const usable = Math.max(1, heightPx - GUTTER_PX);
  const recorder = Math.min(1 - MIN.top, Math.max(MIN.recorder, l.recorder - dyPx / usable));
  return { ...l, recorder };
}

export function gridTracks(l: WorkspaceLayout): { columns: string; rows: string } {
  const g = `${GUTTER_PX}px`;
  return {
    columns: `minmax(0, ${l.scanner}fr) ${g} minmax(0, ${l.chart}fr) ${g} minmax(0, ${l.ladder}fr)`,
    rows: `minmax(0, ${1 - l.recorder}fr) ${g} minmax(0, ${l.recorder}fr)`,
  };
}
