/** Parsing the client's version offer and negotiating the server version like a real Gateway. */
import { SIM_MAX_SERVER_VERSION, SIM_MIN_SERVER_VERSION } from './ids';

export interface IbVersionOffer {
  min: number;
  max: number;
  options: string;
}

/** Parses `"v100..193"`, `"v157..178 +PACEAPI"` or `"v187"`; undefined when malformed. */
export function parseVersionOffer(text: string): IbVersionOffer | undefined {
  const m = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/.exec(text.trim());
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] !== undefined ? Number(m[2]) : min;
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return undefined;
  return { min, max, options: m[3] ?? '' };
}

/** min(193, client max), or undefined when that falls below what the client (or v100 framing) accepts. */
export function negotiateVersion(offer: IbVersionOffer): number | undefined {
  const v = Math.min(SIM_MAX_SERVER_VERSION, offer.max);
  if (v < Math.max(SIM_MIN_SERVER_VERSION, offer.min)) return undefined;
  return v;
}
