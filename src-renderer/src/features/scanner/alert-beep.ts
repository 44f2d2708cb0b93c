let ctx: AudioContext | null = null;
let lastBeep = 0;

/** A short two-tone beep for a name entering the top N; rate-limited so a burst beeps once. */
export function beep(): void {
  const now = Date.now();
  if (now - lastBeep < 1500) return;
  lastBeep = now;
  try {
    ctx ??= new AudioContext();
    const t = ctx.currentTime;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.frequency.setValueAtTime(880, t);
    osc.frequency.setValueAtTime(1320, t + 0.1);
    osc.connect(gain);
    osc.start(t);
    osc.stop(t + 0.26);
  } catch {
    // Audio can be unavailable (no device, autoplay policy); the row flash still shows.
  }
}
