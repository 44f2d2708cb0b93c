/**
 * Main's clock as seen from the page. The demo runs on the simulator's clock (a gap morning at any hour),
 * so times from main — reconnect deadlines, trade prints, last updates — are compared with this, not
 * with Date.now().
 */
let offsetMs = 0;

export function setAppClockOffset(ms: number): void {
  offsetMs = Number.isFinite(ms) ? ms : 0;
}

export function appNow(): number {
  return Date.now() + offsetMs;
}
