/**
 * Every analysis metric of one session (or a time range of it) as one plain, JSON-ready object with units,
 * definitions and sources: what `npm run analyze` prints and the Replay panes show.
 */
import { cumulativeVolumeDelta } from './cvd';
import { depthImbalanceMean, depthOverTime, weightedMidOffsetMean } from './depth';
import { kyleLambda } from './impact';
import { clampedShare, estimateMicroPrice, inferTickSize } from './micro-price';
import { multiLevelOfi, ofiEvents, ofiRegression } from './ofi';
import { type QualityReport, streamQuality } from './quality';
import { type BookSeries, topOfBook, type TradeSeries } from './series';
import { TEXT } from './metric-text';
import { spreadSummary } from './spread';
import { volumeProfile } from './volume-profile';

export interface AnalysisInput {
  book: BookSeries;
  trades: TradeSeries;
  bucketMs: number;
  /** Levels for depth and depth imbalance (k). */
  depthLevels?: number;
  tickSize?: number;
  /** Volume-profile bin (price units); default one tick. */
  binSize?: number;
  quality: { open: ReadonlyArray<readonly [number, number]>; gaps: Parameters<typeof streamQuality>[0]['gaps']; markers: Parameters<typeof streamQuality>[0]['markers']; staleMs?: number };
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round = (x: number, d = 10): number | null => (Number.isFinite(x) ? Number(x.toPrecision(d)) : null);

export const REGRESSION_BUCKETS = { '1s': 1_000, '10s': 10_000, '1m': 60_000 } as const;

function ofiSection(book: BookSeries, bucketMs: number) {
  const e = ofiEvents(book);
  const r = ofiRegression(book, bucketMs, e);
  const byBucket = Object.fromEntries(
    Object.entries(REGRESSION_BUCKETS).map(([name, ms]) => {
      const f = ofiRegression(book, ms, e).fit;
      return [name, { bucketMs: ms, beta: fin(f.beta), r2: fin(f.r2), n: f.n }];
    }),
  );
  const buckets = Array.from(r.t, (t, k) => ({ t, ofi: r.ofi[k], dMid: round(r.dMid[k]) }));
  return {
    bucketMs, beta: fin(r.fit.beta), alpha: fin(r.fit.alpha), r2: fin(r.fit.r2), n: r.fit.n, byBucket, buckets,
    ...TEXT.ofi,
  };
}

function multiLevelSection(book: BookSeries, bucketMs: number) {
  const m = multiLevelOfi(book, bucketMs);
  return {
    bucketMs, levels: m.levels, beta: m.beta.map(fin), r2: fin(m.r2),
    perLevel: m.perLevel.map((f, l) => ({ level: l + 1, beta: fin(f.beta), r2: fin(f.r2) })),
    units: { beta: 'price per share' },
    definition: 'OFI at each recorded level m (same e_n on level-m price and size); multivariate OLS dMid_k on OFI_k^1..OFI_k^M',
    source: 'Xu, Gould & Howison (2018), Multi-level order-flow imbalance in a limit order book, arXiv:1907.06230',
  };
}

function microSection(book: BookSeries, tickSize: number) {
  const m = estimateMicroPrice(book, { tickSize });
  return {
    tickSize, imbalanceBins: m.imbBins, spreadTicks: m.spreadTicks, converged: m.converged, iterations: m.iterations,
    transitions: m.transitions, clampedShare: clampedShare(m, book), adjustment: Array.from(m.adjustment, (x) => round(x)),
    weightedMidOffsetMean: fin(weightedMidOffsetMean(book)),
    units: { adjustment: 'price, added to the mid; index = (spreadTicks-1)*imbalanceBins + imbalance bin', clampedShare: 'share of events where mid + g* left [bid, ask] and was clamped', weightedMidOffsetMean: 'price' },
    definition: 'micro-price = mid + g*(imbalance, spread), g* = sum_i B^i G1, G1 = (1-Q)^-1 R1, B = (1-Q)^-1 T from symmetrized best-quote transitions; weighted mid = (Pb qa + Pa qb)/(qa + qb)',
    source: 'Stoikov (2018), The micro-price, Quantitative Finance 18(12)',
  };
}

export function analyze(input: AnalysisInput) {
  const { book: full, trades, bucketMs } = input;
  // Best-level metrics run on a contiguous copy of level 0; depth and multi-level OFI read every level.
  const book = topOfBook(full);
  const k = input.depthLevels ?? Math.min(5, full.levels);
  const tickSize = input.tickSize ?? inferTickSize(book);
  const binSize = input.binSize ?? tickSize;
  const cvd = cumulativeVolumeDelta(book, trades);
  const classified = cvd.byQuote + cvd.byTick;
  const spread = spreadSummary(book, trades);
  const profile = volumeProfile(trades.price, trades.size, binSize);
  const impact = kyleLambda(book, trades, cvd.sign, bucketMs);
  const depth = depthOverTime(full, k, bucketMs);
  const quality: QualityReport = streamQuality({ times: book.t, book, ...input.quality });
  // The tape is its own stream: a quiet name trades rarely, so its stale periods read differently from depth's.
  const tape = streamQuality({ times: trades.t, ...input.quality });
  return {
    range: { from: book.n ? book.t[0] : null, to: book.n ? book.t[book.n - 1] : null, events: book.n, trades: trades.n },
    ofi: ofiSection(book, bucketMs),
    multiLevelOfi: multiLevelSection(full, bucketMs),
    microPrice: microSection(book, tickSize),
    spread: {
      quotedMean: fin(spread.quotedMean), relativeMeanBps: fin(spread.relativeMeanBps), effectiveMean: fin(spread.effectiveMean),
      effectiveVwMean: fin(spread.effectiveVwMean), effectiveMeanBps: fin(spread.effectiveMeanBps), trades: spread.trades,
      ...TEXT.spread,
    },
    depthImbalance: {
      levels: k, mean: fin(depthImbalanceMean(full, k)), ...TEXT.depthImbalance,
    },
    depth: {
      levels: k, bucketMs, ...TEXT.depth,
      buckets: Array.from(depth.t, (t, j) => ({ t, bid: round(depth.bid[j]), ask: round(depth.ask[j]) })),
    },
    profile: {
      binSize, poc: round(profile.poc), vah: round(profile.vah), val: round(profile.val), valueAreaShare: round(profile.valueAreaShare, 6),
      totalVolume: profile.total, bins: profile.prices.map((p, i) => ({ price: round(p), volume: profile.volumes[i] })),
      ...TEXT.profile,
    },
    cvd: {
      final: cvd.final, buyVolume: cvd.buyVolume, sellVolume: cvd.sellVolume, method: cvd.method, inferred: true,
      classified, byQuoteRule: cvd.byQuote, byTickRule: cvd.byTick, unclassified: cvd.unclassified, ...TEXT.cvd,
    },
    impact: {
      kyleLambda: fin(impact.kyleLambda), r2: fin(impact.r2), bucketMs, buckets: impact.buckets, ...TEXT.impact,
    },
    quality: {
      score: quality.score, reasons: quality.reasons, stalePeriods: quality.stale, staleShare: quality.staleShare, gaps: quality.gaps,
      resubscribes1101: quality.resubscribes1101, resets: quality.resets, crossedShare: quality.crossedShare, lockedShare: quality.lockedShare,
      spreadOutlierShare: quality.spreadOutlierShare, stream: 'depth', ...TEXT.quality,
    },
    tapeQuality: { stream: 'trades', score: tape.score, reasons: tape.reasons, stalePeriods: tape.stale.length, staleShare: tape.staleShare, unit: 'score 0-100' },
  };
}

export type AnalysisReport = ReturnType<typeof analyze>;
