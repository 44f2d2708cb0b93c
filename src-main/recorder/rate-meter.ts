/** Messages per second over the last few whole seconds, in O(1) per message and no allocation. */
export class RateMeter {
  private readonly buckets: Float64Array;
  private second = -1;

  constructor(private readonly windowSec = 5) {
    this.buckets = new Float64Array(windowSec);
  }

  add(now: number, n = 1): void {
    this.roll(now);
    this.buckets[this.second % this.windowSec] += n;
  }

  /** Average over the completed seconds of the window (the current, partial second is left out). */
  rate(now: number): number {
    this.roll(now);
    if (this.second < 0) return 0;
    let sum = 0;
    for (let i = 0; i < this.windowSec; i++) sum += this.buckets[i];
    return (sum - this.buckets[this.second % this.windowSec]) / (this.windowSec - 1);
  }

  private roll(now: number): void {
    const s = Math.floor(now / 1000);
    if (this.second < 0) {
      this.second = s;
      return;
    }
    if (s <= this.second) return;
    if (s - this.second >= this.windowSec) this.buckets.fill(0);
    else for (let t = this.second + 1; t <= s; t++) this.buckets[t % this.windowSec] = 0;
    this.second = s;
  }
}
