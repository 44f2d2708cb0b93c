/**
 * Units, definitions and sources of the metrics as the reports print them: one copy, so the full report
 * (analyze.ts, `npm run analyze --json`) and the Replay panes' report (pane-report.ts) cannot drift apart.
 */
export const TEXT = {
  ofi: {
    units: { ofi: 'shares', dMid: 'price', beta: 'price per share' },
    definition: 'e_n = I{Pb_n>=Pb_n-1}qb_n - I{Pb_n<=Pb_n-1}qb_n-1 - I{Pa_n<=Pa_n-1}qa_n + I{Pa_n>=Pa_n-1}qa_n-1; OFI_k = sum e_n in bucket k; OLS dMid_k = alpha + beta OFI_k',
    source: 'Cont, Kukanov & Stoikov (2014), J. Financial Econometrics 12(1)',
  },
  spread: {
    units: { quotedMean: 'price', relativeMeanBps: 'bps of mid', effectiveMean: 'price', effectiveMeanBps: 'bps of trade price' },
    definition: 'quoted = ask - bid and relative = (ask - bid)/mid*1e4, time-weighted; effective = 2|p - m|, m the mid prevailing just before the trade, mean over trades',
    source: 'Bessembinder (2003), J. Financial Markets 6(3); Hasbrouck (2009)',
  },
  depthImbalance: {
    unit: 'ratio in [-1, 1]',
    definition: '(sum bid size - sum ask size)/(sum bid size + sum ask size) over the best k levels, time-weighted',
    source: 'Cao, Hansch & Wang (2009), J. Futures Markets 29(1)',
  },
  depth: { unit: 'shares, time-weighted per bucket' },
  profile: {
    units: { poc: 'price', volume: 'shares' },
    definition: 'volume per price bin; POC = max-volume bin; 70% value area grown from the POC two bins at a time, larger pair first',
    source: 'Steidlmayer, CBOT Market Profile (1984); Dalton, Mind over Markets',
  },
  cvd: { unit: 'shares', source: 'Lee & Ready (1991), J. Finance 46(2)' },
  impact: {
    unit: 'price per share of signed volume',
    definition: 'OLS dMid_k = alpha + lambda * sum(sign * size) per bucket; signs inferred as in cvd',
    source: 'Kyle (1985), Econometrica 53(6); Hasbrouck (2009)',
  },
  quality: {
    unit: 'score 0-100',
    definition: 'see docs/analysis.md (penalties for stale time, gaps, crossed/locked books, spread outliers)',
  },
} as const;
