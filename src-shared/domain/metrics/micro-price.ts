/**
 * The micro-price of Stoikov (2018), "The micro-price: a high-frequency estimator of future prices",
 * Quantitative Finance 18(12): P_micro = M + g*(I, S), with I = qb / (qb + qa) discretized into `imbBins`
 * bins and the spread S in ticks (1..`spreadTicks`; wider books are left out). Estimated from the session:
 * - sample the best quotes whenever they change; pairs of consecutive samples give transitions x → y with
 *   mid change dM; the data is symmetrized (I → 1 − I, dM → −dM) as in the paper;
 * - Q = P(x → y, dM = 0), R1 = E[dM·1{dM ≠ 0} | x], T = P(x → y, dM ≠ 0);
 * - G1 = (1 − Q)⁻¹ R1, B = (1 − Q)⁻¹ T, and g* = Σ_{i≥0} Bⁱ G1, iterated until the added term is below
 *   `tol` (the estimator converges when B's spectral radius is < 1).
 * The paper's micro-price lies between bid and ask in practice but a finite sample does not guarantee
 * |g*| ≤ spread / 2: `microPriceAt` clamps to [bid, ask] and `clampedShare` says how often that bound bit.
 */
import type { BookSeries } from './series';

export interface MicroPriceOptions {
  tickSize: number;
  imbBins?: number;
  spreadTicks?: number;
  tol?: number;
  maxIter?: number;
}

export interface MicroPriceModel {
  tickSize: number;
  imbBins: number;
  spreadTicks: number;
  /** g*(state) in price units, state = (spreadTicks − 1)·imbBins + imbalance bin. */
  adjustment: Float64Array;
  /** G1 alone (the first-order adjustment), price units. */
  g1: Float64Array;
  iterations: number;
  converged: boolean;
  transitions: number;
}

/** State index of event i (−1 when one-sided or the spread is out of range). */
export function microState(s: BookSeries, i: number, tickSize: number, imbBins: number, spreadTicks: number): number {
  const k = i * s.levels;
  const qb = s.bidSz[k];
  const qa = s.askSz[k];
  const sp = Math.round((s.askPx[k] - s.bidPx[k]) / tickSize);
  if (!(qb + qa > 0) || !(sp >= 1 && sp <= spreadTicks)) return -1;
  return (sp - 1) * imbBins + Math.min(imbBins - 1, Math.floor((qb / (qb + qa)) * imbBins));
}

const mirror = (x: number, bins: number): number => x - (x % bins) + (bins - 1 - (x % bins));

/** Transition counts of the symmetrized sample. */
function countTransitions(s: BookSeries, tick: number, bins: number, spreads: number) {
  const N = bins * spreads;
  const q = new Float64Array(N * N);
  const t = new Float64Array(N * N);
  const r1 = new Float64Array(N);
  const total = new Float64Array(N);
  let prev = -1;
  let prevMid = NaN;
  let pairs = 0;
  const L = s.levels;
  const add = (x: number, y: number, dM: number) => {
    total[x]++;
    if (Math.abs(dM) < tick * 1e-6) q[x * N + y]++;
    else {
      t[x * N + y]++;
      r1[x] += dM;
    }
  };
  for (let i = 0; i < s.n; i++) {
    const k = i * L;
    if (i > 0 && s.bidPx[k] === s.bidPx[k - L] && s.askPx[k] === s.askPx[k - L] && s.bidSz[k] === s.bidSz[k - L] && s.askSz[k] === s.askSz[k - L]) continue;
    const x = microState(s, i, tick, bins, spreads);
    const mid = (s.bidPx[k] + s.askPx[k]) / 2;
    if (prev >= 0 && x >= 0) {
      const dM = mid - prevMid;
      add(prev, x, dM);
      add(mirror(prev, bins), mirror(x, bins), -dM);
      pairs++;
    }
    prev = x;
    prevMid = mid;
  }
  return { N, q, t, r1, total, pairs };
}

/** Solves (I − Q) X = rhs for an N×c right-hand side (row-major); null when singular. */
function solveIminusQ(N: number, q: Float64Array, rhs: Float64Array, c: number): Float64Array | null {
  const w = N + c;
  const A = new Float64Array(N * w);
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < N; j++) A[r * w + j] = (r === j ? 1 : 0) - q[r * N + j];
    for (let j = 0; j < c; j++) A[r * w + N + j] = rhs[r * c + j];
  }
  for (let col = 0; col < N; col++) {
    let piv = col;
    for (let r = col + 1; r < N; r++) if (Math.abs(A[r * w + col]) > Math.abs(A[piv * w + col])) piv = r;
    if (Math.abs(A[piv * w + col]) < 1e-12) return null;
    if (piv !== col) for (let j = 0; j < w; j++) [A[col * w + j], A[piv * w + j]] = [A[piv * w + j], A[col * w + j]];
    const d = A[col * w + col];
    for (let j = 0; j < w; j++) A[col * w + j] /= d;
    for (let r = 0; r < N; r++) {
      const f = A[r * w + col];
      if (r === col || f === 0) continue;
      for (let j = 0; j < w; j++) A[r * w + j] -= f * A[col * w + j];
    }
  }
  const out = new Float64Array(N * c);
  for (let r = 0; r < N; r++) for (let j = 0; j < c; j++) out[r * c + j] = A[r * w + N + j];
  return out;
}

export function estimateMicroPrice(s: BookSeries, o: MicroPriceOptions): MicroPriceModel {
  const bins = o.imbBins ?? 10;
  const spreads = o.spreadTicks ?? 2;
  const tol = (o.tol ?? 1e-9) * o.tickSize;
  const maxIter = o.maxIter ?? 10_000;
  const c = countTransitions(s, o.tickSize, bins, spreads);
  const { N } = c;
  // Rows become probabilities; a state never left keeps zeros (its adjustment is 0).
  for (let x = 0; x < N; x++) {
    if (!c.total[x]) continue;
    c.r1[x] /= c.total[x];
    for (let y = 0; y < N; y++) {
      c.q[x * N + y] /= c.total[x];
      c.t[x * N + y] /= c.total[x];
    }
  }
  const base = { tickSize: o.tickSize, imbBins: bins, spreadTicks: spreads, transitions: c.pairs };
  const g1 = solveIminusQ(N, c.q, c.r1, 1);
  const B = solveIminusQ(N, c.q, c.t, N);
  if (!g1 || !B) return { ...base, adjustment: new Float64Array(N), g1: new Float64Array(N), iterations: 0, converged: false };
  const g = Float64Array.from(g1);
  let term = Float64Array.from(g1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    const next = new Float64Array(N);
    let norm = 0;
    for (let r = 0; r < N; r++) {
      let v = 0;
      for (let j = 0; j < N; j++) v += B[r * N + j] * term[j];
      next[r] = v;
      norm = Math.max(norm, Math.abs(v));
    }
    for (let r = 0; r < N; r++) g[r] += next[r];
    term = next;
    iterations++;
    if (norm < tol) {
      converged = true;
      break;
    }
  }
  return { ...base, adjustment: g, g1, iterations, converged };
}

/** Micro-price after event i, clamped to [bid, ask]; the mid where the model has no state. */
export function microPriceAt(m: MicroPriceModel, s: BookSeries, i: number): number {
  const k = i * s.levels;
  const mid = (s.bidPx[k] + s.askPx[k]) / 2;
  const x = microState(s, i, m.tickSize, m.imbBins, m.spreadTicks);
  return x < 0 ? mid : Math.min(s.askPx[k], Math.max(s.bidPx[k], mid + m.adjustment[x]));
}

/** Share of modelled events where mid + g* fell outside [bid, ask] and was clamped. */
export function clampedShare(m: MicroPriceModel, s: BookSeries): number {
  let modelled = 0;
  let clamped = 0;
  for (let i = 0; i < s.n; i++) {
    const x = microState(s, i, m.tickSize, m.imbBins, m.spreadTicks);
    if (x < 0) continue;
    modelled++;
    const k = i * s.levels;
    if (Math.abs(m.adjustment[x]) > (s.askPx[k] - s.bidPx[k]) / 2 + 1e-12) clamped++;
  }
  return modelled ? clamped / modelled : 0;
}

/** Tick size guess: the smallest positive change of a best price (rounded to 1e-6), or 0.01. */
export function inferTickSize(s: BookSeries): number {
  let best = Infinity;
  const L = s.levels;
  for (let i = 1; i < s.n; i++) {
    for (const px of [s.bidPx, s.askPx]) {
      const d = Math.abs(px[i * L] - px[(i - 1) * L]);
      if (d > 1e-9 && d < best) best = d;
    }
  }
  return Number.isFinite(best) ? Math.round(best * 1e6) / 1e6 : 0.01;
}
