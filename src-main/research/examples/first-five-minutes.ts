/**
 * The worked example (docs/research.md): average spread and depth in the first five minutes of regular
 * trading, 09:30:00 to 09:35:00 ET (exclusive), of every recorded symbol and day, over the 100 ms book
 * samples, with the scanner's largest gap % for the name that day where it listed it.
 */
export const FIRST_FIVE_MINUTES_SQL = `-- Average spread and depth, 09:30-09:35 ET, of every recorded symbol/day (book samples every 100 ms)
WITH open5 AS (
  SELECT symbol, date, bid, ask, spread, bid_size, ask_size, bid_depth, ask_depth
  FROM book
  WHERE spread IS NOT NULL
    AND CAST(timezone('America/New_York', ts) AS TIME) >= TIME '09:30:00'
    AND CAST(timezone('America/New_York', ts) AS TIME) <  TIME '09:35:00'
),
gaps AS (
  SELECT symbol, date, max(gap_pct) AS gap_pct FROM hits GROUP BY symbol, date
)
SELECT
  o.symbol,
  o.date,
  g.gap_pct,
  count(*) AS samples,
  avg(o.spread) AS avg_spread,
  avg(o.spread / ((o.bid + o.ask) / 2)) * 10000 AS avg_spread_bps,
  avg(o.bid_size) AS avg_bid_size,
  avg(o.ask_size) AS avg_ask_size,
  avg(o.bid_depth) AS avg_bid_depth,
  avg(o.ask_depth) AS avg_ask_depth,
  avg(o.bid_depth + o.ask_depth) AS avg_depth
FROM open5 o
LEFT JOIN gaps g USING (symbol, date)
GROUP BY o.symbol, o.date, g.gap_pct
ORDER BY o.date, o.symbol`;
