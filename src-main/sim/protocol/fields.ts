/**
 * Reading client fields and formatting server fields. Every value on the wire is a string:
 * ints are plain digits, bools are 0/1, unset doubles are "" (or IB's MAX markers on input).
 */

/** Thrown when a client message is shorter than its layout or holds a non-number where one is needed. */
export class IbFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IbFieldError';
  }
}

const INT_MAX = 2147483647;
const DOUBLE_MAX = 1.7976931348623157e308;

/** Sequential reader over one message's fields (the message id is already consumed). */
export class IbFieldReader {
  private pos = 0;
  constructor(private readonly fields: readonly string[], start = 0) {
    this.pos = start;
  }

  get remaining(): number {
    return this.fields.length - this.pos;
  }

  str(): string {
    if (this.pos >= this.fields.length) throw new IbFieldError(`message ended at field ${this.pos}`);
    return this.fields[this.pos++];
  }

  /** A string when present, `fallback` when the message already ended (optional trailing fields). */
  optStr(fallback = ''): string {
    return this.pos < this.fields.length ? this.fields[this.pos++] : fallback;
  }

  int(): number {
    const s = this.str();
    if (s === '') return 0;
    const v = Number(s);
    if (!Number.isFinite(v)) throw new IbFieldError(`field ${this.pos - 1} is not an integer: ${JSON.stringify(s)}`);
    return Math.trunc(v);
  }

  /** An int, or undefined for "" and Integer.MAX_VALUE. */
  intOrUnset(): number | undefined {
    const s = this.str();
    if (s === '') return undefined;
    const v = Number(s);
    if (!Number.isFinite(v)) throw new IbFieldError(`field ${this.pos - 1} is not an integer: ${JSON.stringify(s)}`);
    return v === INT_MAX ? undefined : Math.trunc(v);
  }

  /** A double, or undefined for "", Double.MAX_VALUE, Infinity and Decimal max. */
  numOrUnset(): number | undefined {
    const s = this.str();
    if (s === '' || s === 'Infinity') return undefined;
    const v = Number(s.replaceAll(',', ''));
    if (Number.isNaN(v)) throw new IbFieldError(`field ${this.pos - 1} is not a number: ${JSON.stringify(s)}`);
    if (v >= DOUBLE_MAX || v === INT_MAX || v >= 9.2e18) return undefined;
    return v;
  }

  num(): number {
    return this.numOrUnset() ?? 0;
  }

  /** IB bools: "1"/"0", also tolerates "true"/"false" from hand-written clients. */
  bool(): boolean {
    const s = this.str();
    if (s === '' || s === '0' || s.toLowerCase() === 'false') return false;
    if (s.toLowerCase() === 'true') return true;
    const v = Number(s);
    return Number.isFinite(v) && v !== 0;
  }

  skip(n: number): void {
    if (this.pos + n > this.fields.length) throw new IbFieldError(`message ended skipping ${n} fields at ${this.pos}`);
    this.pos += n;
  }
}

/** Rounds away binary noise (0.1 + 0.2) so prices print like TWS prints them. */
export function fmtPrice(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '';
  const r = Math.round(v * 1e8) / 1e8;
  return String(r);
}

/** Same formatting as prices, for other doubles (ratios, values). */
export function fmtNum(v: number | undefined | null): string {
  return fmtPrice(v);
}

export function fmtInt(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '';
  return String(Math.trunc(v));
}

/** Sizes are Decimals on the wire; shares are whole numbers here. */
export function fmtSize(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e4) / 1e4);
}

export function fmtBool(v: boolean | undefined | null): string {
  return v ? '1' : '0';
}

/** IB (v >= 153) sends ASCII-7 with \uXXXX escapes for anything else. */
export function escapeAscii7(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 128 ? s[i] : '\\u' + c.toString(16).padStart(4, '0');
  }
  return out;
}
