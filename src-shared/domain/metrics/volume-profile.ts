/**
 * Volume profile (Steidlmayer's Market Profile, CBOT 1984; the value-area procedure as in J. Dalton,
 * "Mind over Markets"): traded volume per price bin of width `binSize` (bin = round(price / binSize)).
 * POC = the bin with the most volume (lowest price on ties). Value area: start at the POC, compare the
 * volume of the two bins above with the two bins below, add the larger pair (above on ties; a side with
 * fewer than two bins left offers what it has), until ≥ `share` (70 %) of the volume is inside.
 * VAH / VAL are the highest / lowest bin prices inside.
 */
export interface VolumeProfile {
  binSize: number;
  /** Bin prices ascending and their volume. */
  prices: number[];
  volumes: number[];
  poc: number;
  vah: number;
  val: number;
  /** Volume inside the value area over the total. */
  valueAreaShare: number;
  total: number;
}

export function volumeProfile(price: ArrayLike<number>, size: ArrayLike<number>, binSize: number, share = 0.7): VolumeProfile {
  if (!(binSize > 0)) throw new Error('binSize must be positive');
  const byBin = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < price.length; i++) {
    if (!Number.isFinite(price[i]) || !(size[i] > 0)) continue;
    const b = Math.round(price[i] / binSize);
    byBin.set(b, (byBin.get(b) ?? 0) + size[i]);
    total += size[i];
  }
  const bins = [...byBin.keys()].sort((a, b) => a - b);
  const first = bins[0] ?? 0;
  const last = bins.at(-1) ?? -1;
  // Dense bins between the lowest and highest traded price: empty bins count as zero-volume steps.
  const volumes: number[] = [];
  const prices: number[] = [];
  for (let b = first; b <= last; b++) {
    volumes.push(byBin.get(b) ?? 0);
    prices.push(b * binSize);
  }
  if (!volumes.length) return { binSize, prices, volumes, poc: NaN, vah: NaN, val: NaN, valueAreaShare: NaN, total: 0 };
  let poc = 0;
  for (let i = 1; i < volumes.length; i++) if (volumes[i] > volumes[poc]) poc = i;
  let lo = poc;
  let hi = poc;
  let inside = volumes[poc];
  while (inside < share * total && (lo > 0 || hi < volumes.length - 1)) {
    const up = (volumes[hi + 1] ?? 0) + (volumes[hi + 2] ?? 0);
    const down = (volumes[lo - 1] ?? 0) + (volumes[lo - 2] ?? 0);
    const upAvail = hi < volumes.length - 1;
    const downAvail = lo > 0;
    if (upAvail && (!downAvail || up >= down)) {
      hi = Math.min(volumes.length - 1, hi + 2);
      inside += up;
    } else {
      lo = Math.max(0, lo - 2);
      inside += down;
    }
  }
  return { binSize, prices, volumes, poc: prices[poc], vah: prices[hi], val: prices[lo], valueAreaShare: inside / total, total };
}
