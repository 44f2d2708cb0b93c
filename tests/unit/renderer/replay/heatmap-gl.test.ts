import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { chooseRenderer, HeatBody, type GlBody } from '../../../../src-renderer/src/features/replay/heatmap-body';
import { ColumnBuilder, sizeAt, type ColumnCache, type DepthEventLike } from '../../../../src-renderer/src/features/replay/heatmap-columns';
import { viewportFor } from '../../../../src-renderer/src/features/replay/heatmap-layout';
import { bandCovers, bandFor, packBand, texelAt, UNKNOWN } from '../../../../src-renderer/src/features/replay/heatmap-texture';

/** Stand-ins for the 2D context and the GL canvas: the body drawer needs `clearRect` and `style.display`. */
interface Ctx {
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
}
type Canvas = { style: { display: string } };
/** The 2D body as the painter draws it, minus the raster: the hatch fill. */
const paint2d = (ctx: Ctx, _c: ColumnCache, v: { width: number; height: number }) => ctx.fillRect(0, 0, v.width, v.height);

const T0 = 1_700_000_000_000;
let seq = 0;
const ev = (dt: number, side: 0 | 1, position: number, operation: 0 | 1 | 2, price: number, size: number): DepthEventLike => ({
  seq: ++seq, tsRecv: T0 + dt, epoch: 1, position, operation, side, price, size, marketMaker: '',
});

/** Column 0: bids 10.00 (100), 9.98 (300); asks 10.02 (200), 10.03 (50). Column 1 inside a gap (unknown). Column 2: the book moved up 5 ticks. */
function cache(): ColumnCache {
  seq = 0;
  const b = new ColumnBuilder(T0, 100, 0.01, [], [{ start: T0 + 100, end: T0 + 200 }]);
  b.add([ev(10, 1, 0, 0, 10.0, 100), ev(20, 1, 1, 0, 9.98, 300), ev(30, 0, 0, 0, 10.02, 200), ev(40, 0, 1, 0, 10.03, 50)]);
  b.add([ev(210, 1, 0, 1, 10.05, 100), ev(220, 1, 1, 1, 10.03, 300), ev(230, 0, 0, 1, 10.07, 200), ev(240, 0, 1, 1, 10.08, 50)]);
  return b.finish(T0 + 250);
}

describe('texture packing', () => {
  it('keeps unknown prices unknown and empty levels at 0', () => {
    const c = cache();
    const band = { lowRow: 990, rows: 30, cols: c.columns.length };
    const data = packBand(c, band);
    expect(texelAt(data, band, 0, 1000)).toBe(100);
    expect(texelAt(data, band, 0, 999)).toBe(0); // inside the recorded span, nothing rests: empty
    expect(texelAt(data, band, 0, 997)).toBeNull(); // below the deepest bid: unknown
    expect(data[(997 - 990) * band.cols]).toBe(UNKNOWN);
    expect(texelAt(data, band, 1, 1000)).toBeNull(); // the gap's column
    expect(texelAt(data, band, 2, 1005)).toBe(100);
    expect(texelAt(data, band, 2, 1000)).toBeNull();
    expect(texelAt(data, band, 3, 1000)).toBeNull(); // past the last column
  });

  it('agrees with the cache at every cell, for any band, and clips columns to it', () => {
    const c = cache();
    fc.assert(
      fc.property(fc.integer({ min: 985, max: 1010 }), fc.integer({ min: 1, max: 20 }), (lowRow, rows) => {
        const band = { lowRow, rows, cols: c.columns.length };
        const data = packBand(c, band);
        for (let col = 0; col < c.columns.length; col++)
          for (let row = lowRow; row < lowRow + rows; row++) expect(texelAt(data, band, col, row)).toBe(sizeAt(c.columns[col], row));
      }),
    );
  });

  it('reuses the caller’s buffer when it has the right size', () => {
    const c = cache();
    const band = { lowRow: 990, rows: 30, cols: 3 };
    const first = packBand(c, band);
    first[0] = 123;
    expect(packBand(c, band, first)).toBe(first);
    expect(first[0]).toBe(UNKNOWN);
    expect(packBand(c, { ...band, rows: 31 }, first)).not.toBe(first);
  });

  it('bands a view with room above and below, and packs again once the view leaves it', () => {
    const v = viewportFor(T0, T0 + 300, 1000, 100, 800, 400);
    const b = bandFor(v, 3, 4096);
    expect(b.rows).toBe(300);
    expect(b.lowRow).toBeLessThanOrEqual(v.topTick - v.rows + 1 - 100);
    expect(bandCovers(b, v, 3)).toBe(true);
    expect(bandCovers(b, viewportFor(T0, T0 + 300, 1099, 100, 800, 400), 3)).toBe(true);
    expect(bandCovers(b, viewportFor(T0, T0 + 300, 1200, 100, 800, 400), 3)).toBe(false);
    expect(bandCovers(b, v, 4)).toBe(false); // another cache
    expect(bandFor(viewportFor(T0, T0 + 300, 1000, 2000, 800, 400), 3, 2048).rows).toBe(2048);
  });
});

class FakeGl implements GlBody {
  lost = false;
  ok = true;
  maxColumns = 4096;
  draws = 0;
  fits = (c: ColumnCache) => c.columns.length <= this.maxColumns;
  draw = () => (this.draws++, this.ok);
  dispose = vi.fn();
}

function fakeCtx() {
  const calls: string[] = [];
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (_t, k) => (typeof k === 'string' && k !== 'then' ? (...a: unknown[]) => void calls.push(`${k}(${a.length})`) : undefined),
    set: () => true,
  });
  return { ctx: ctx as unknown as Ctx, calls };
}

describe('renderer selection and the canvas-2D fallback', () => {
  const v = viewportFor(T0, T0 + 300, 1000, 20, 300, 200);
  const canvas = (): Canvas => ({ style: { display: '' } });

  it('chooses WebGL2 only when it is there, fits and is not lost, and says why not', () => {
    const ok = { forced: null, gl: true, lost: false, fits: true };
    expect(chooseRenderer(ok).renderer).toBe('webgl2');
    expect(chooseRenderer({ ...ok, fits: null }).renderer).toBe('webgl2');
    expect(chooseRenderer({ ...ok, gl: false })).toEqual({ renderer: 'canvas2d', reason: 'no WebGL2 in this page' });
    expect(chooseRenderer({ ...ok, lost: true }).reason).toMatch(/lost/);
    expect(chooseRenderer({ ...ok, fits: false }).renderer).toBe('canvas2d');
    expect(chooseRenderer({ ...ok, forced: 'canvas2d' }).reason).toMatch(/forced/);
  });

  it('draws the body in 2D and hides the GL canvas when the page has no WebGL2', () => {
    const gl = canvas();
    const body = new HeatBody(gl, () => null, paint2d, null);
    const { ctx, calls } = fakeCtx();
    expect(body.draw(ctx, cache(), v, { lo: 0, hi: 300, gamma: 1 }, 1)).toBe('canvas2d');
    expect(calls).toContain('fillRect(4)'); // the hatch under the raster
    expect(gl.style.display).toBe('none');
    expect(body.bodyCanvas).toBeNull();
  });

  it('draws with WebGL2 and leaves the 2D canvas to the overlays', () => {
    const gl = canvas();
    const fake = new FakeGl();
    const body = new HeatBody(gl, () => fake, paint2d, null);
    const { ctx, calls } = fakeCtx();
    expect(body.draw(ctx, cache(), v, { lo: 0, hi: 300, gamma: 1 }, 2)).toBe('webgl2');
    expect(fake.draws).toBe(1);
    expect(calls).toEqual(['clearRect(4)']);
    expect(gl.style.display).toBe('');
    expect(body.bodyCanvas).toBe(gl);
  });

  it('falls back when the context is lost, within the frame when a draw fails, and for good', () => {
    const fake = new FakeGl();
    const body = new HeatBody(canvas(), () => fake, paint2d, null);
    const scale = { lo: 0, hi: 300, gamma: 1 };
    fake.lost = true;
    expect(body.draw(fakeCtx().ctx, cache(), v, scale, 1)).toBe('canvas2d');
    expect(fake.draws).toBe(0);

    const fake2 = new FakeGl();
    const body2 = new HeatBody(canvas(), () => fake2, paint2d, null);
    fake2.ok = false;
    const { ctx, calls } = fakeCtx();
    expect(body2.draw(ctx, cache(), v, scale, 1)).toBe('canvas2d');
    expect(calls).toContain('fillRect(4)');
    fake2.ok = true;
    expect(body2.draw(fakeCtx().ctx, cache(), v, scale, 1)).toBe('canvas2d');
    expect(fake2.draws).toBe(1);
  });

  it('falls back for a cache wider than a texture, and never creates a context when forced to 2D', () => {
    const fake = new FakeGl();
    fake.maxColumns = 2;
    expect(new HeatBody(canvas(), () => fake, paint2d, null).draw(fakeCtx().ctx, cache(), v, { lo: 0, hi: 1, gamma: 1 }, 1)).toBe('canvas2d');
    const create = vi.fn(() => new FakeGl());
    const forced = new HeatBody(canvas(), create, paint2d, 'canvas2d');
    expect(forced.draw(fakeCtx().ctx, cache(), v, { lo: 0, hi: 1, gamma: 1 }, 1)).toBe('canvas2d');
    expect(create).not.toHaveBeenCalled();
  });
});
