/**
 * The heatmap body in WebGL2: the column cache as an R32F texture (heatmap-texture.ts), the palette as a
 * 256×1 lookup texture, and one full-screen triangle whose fragment shader maps its pixel to (column, row),
 * scales the size with the cut-offs and gamma (heat-scale.ts, the same formula) and hatches unknown prices.
 * A pan, zoom or seek frame is a few uniforms and one draw call; the texture is packed again only when the
 * cache changes or the price window leaves the texture's band of rows.
 */
import type { ColumnCache } from './heatmap-columns';
import type { HeatViewport } from './heatmap-layout';
import { bandCovers, bandFor, packBand, type TextureBand } from './heatmap-texture';
import { palette, type HeatScale } from './heat-scale';

const VERTEX = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

// Colours of the 2D path's hatch (heatmap-painter.ts), so both paths draw unknown alike.
const FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_sizes;
uniform highp sampler2D u_lut;
uniform float u_dpr;
uniform float u_heightPx;
uniform vec2 u_col;
uniform float u_rowPx;
uniform int u_topInBand;
uniform ivec2 u_texSize;
uniform vec3 u_scale;
out vec4 colour;
vec4 hatch(float x, float y) {
  return mod(x + y, 8.0) < 1.0 ? vec4(0.188, 0.227, 0.282, 1.0) : vec4(0.078, 0.094, 0.122, 1.0);
}
void main() {
  float x = gl_FragCoord.x / u_dpr;
  float y = (u_heightPx - gl_FragCoord.y) / u_dpr;
  int c = int(floor(u_col.x + x * u_col.y));
  int r = u_topInBand - int(floor(y / u_rowPx));
  if (c < 0 || c >= u_texSize.x || r < 0 || r >= u_texSize.y) { colour = hatch(x, y); return; }
  float s = texelFetch(u_sizes, ivec2(c, r), 0).r;
  if (s < 0.0) { colour = hatch(x, y); return; }
  float k = 0.0;
  if (s > 0.0) {
    if (u_scale.y <= u_scale.x) k = s >= u_scale.y ? 1.0 : 0.0;
    else k = pow(clamp((s - u_scale.x) / (u_scale.y - u_scale.x), 0.0, 1.0), u_scale.z);
  }
  colour = texelFetch(u_lut, ivec2(int(floor(k * 255.0 + 0.5)), 0), 0);
}`;

const UNIFORMS = ['u_sizes', 'u_lut', 'u_dpr', 'u_heightPx', 'u_col', 'u_rowPx', 'u_topInBand', 'u_texSize', 'u_scale'] as const;
type Uniforms = Record<(typeof UNIFORMS)[number], WebGLUniformLocation | null>;

function compile(gl: WebGL2RenderingContext): WebGLProgram | null {
  const shader = (type: number, src: string) => {
    const s = gl.createShader(type);
    if (!s) return null;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    return gl.getShaderParameter(s, gl.COMPILE_STATUS) ? s : null;
  };
  const vs = shader(gl.VERTEX_SHADER, VERTEX);
  const fs = shader(gl.FRAGMENT_SHADER, FRAGMENT);
  const p = gl.createProgram();
  if (!vs || !fs || !p) return null;
  gl.attachShader(p, vs);
  gl.attachShader(p, fs);
  gl.linkProgram(p);
  return gl.getProgramParameter(p, gl.LINK_STATUS) ? p : null;
}

function texture(gl: WebGL2RenderingContext, unit: number): WebGLTexture | null {
  const t = gl.createTexture();
  gl.activeTexture(gl.TEXTURE0 + unit);
  gl.bindTexture(gl.TEXTURE_2D, t);
  for (const [k, val] of [
    [gl.TEXTURE_MIN_FILTER, gl.NEAREST],
    [gl.TEXTURE_MAG_FILTER, gl.NEAREST],
    [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE],
    [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE],
  ]) gl.texParameteri(gl.TEXTURE_2D, k, val);
  return t;
}

export class HeatmapGl {
  lost = false;
  readonly maxTextureSize: number;
  private band: TextureBand | null = null;
  private packedFor: ColumnCache | null = null;
  private data: Float32Array | undefined;
  /** Texture packing time of the last upload, ms (a cold frame's CPU share). */
  lastUploadMs = 0;

  private constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly gl: WebGL2RenderingContext,
    private readonly u: Uniforms,
  ) {
    this.maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    canvas.addEventListener('webglcontextlost', this.onLost);
  }

  /** Null when the page has no WebGL2 (or its shader does not compile): the caller draws in 2D instead. */
  static create(canvas: HTMLCanvasElement): HeatmapGl | null {
    const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, preserveDrawingBuffer: true });
    if (!gl) return null;
    const program = compile(gl);
    if (!program) return null;
    gl.useProgram(program);
    const u = Object.fromEntries(UNIFORMS.map((n) => [n, gl.getUniformLocation(program, n)])) as Uniforms;
    texture(gl, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(palette().buffer));
    texture(gl, 0);
    gl.uniform1i(u.u_sizes, 0);
    gl.uniform1i(u.u_lut, 1);
    return new HeatmapGl(canvas, gl, u);
  }

  /** Whether this cache's columns fit in one texture row (they do: sliceMsFor caps a replay at ~3,000). */
  fits(cache: ColumnCache): boolean {
    return cache.columns.length > 0 && cache.columns.length <= this.maxTextureSize;
  }

  /** Draws the body for the view; `width`/`height` in CSS px. Returns false when the context is gone. */
  draw(cache: ColumnCache, v: HeatViewport, scale: HeatScale, width: number, height: number, dpr: number): boolean {
    const { gl, u } = this;
    if (this.lost || gl.isContextLost()) return false;
    const [w, h] = [Math.max(1, Math.round(width * dpr)), Math.max(1, Math.round(height * dpr))];
    if (this.canvas.width !== w || this.canvas.height !== h) {
      Object.assign(this.canvas, { width: w, height: h });
      Object.assign(this.canvas.style, { width: `${width}px`, height: `${height}px` });
    }
    this.upload(cache, v);
    const b = this.band!;
    gl.viewport(0, 0, w, h);
    gl.uniform1f(u.u_dpr, dpr);
    gl.uniform1f(u.u_heightPx, h);
    // Column under CSS x: (t0 − cache.t0) / slice + x · span / (slice · width), in small numbers float32 keeps exact enough.
    gl.uniform2f(u.u_col, (v.t0 - cache.t0) / cache.sliceMs, (v.t1 - v.t0) / cache.sliceMs / Math.max(1, v.width));
    gl.uniform1f(u.u_rowPx, v.height / Math.max(1, v.rows));
    gl.uniform1i(u.u_topInBand, v.topTick - b.lowRow);
    gl.uniform2i(u.u_texSize, b.cols, b.rows);
    gl.uniform3f(u.u_scale, scale.lo, scale.hi, scale.gamma);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    return true;
  }

  /**
   * Stops listening; the context goes with its canvas. Not `loseContext()`: a remount on the same canvas
   * (React's StrictMode runs effects twice) gets the same context back and must find it alive.
   */
  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
  }

  /** Packs and uploads the band when the cache changed or the view left the band. */
  private upload(cache: ColumnCache, v: HeatViewport): void {
    const cols = cache.columns.length;
    if (this.packedFor === cache && this.band && bandCovers(this.band, v, cols)) return;
    const a = performance.now();
    const b = bandFor(v, cols, this.maxTextureSize);
    this.data = packBand(cache, b, this.data);
    const { gl } = this;
    gl.activeTexture(gl.TEXTURE0);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    const same = this.band && this.band.cols === b.cols && this.band.rows === b.rows;
    if (same) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, b.cols, b.rows, gl.RED, gl.FLOAT, this.data);
    else gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, b.cols, b.rows, 0, gl.RED, gl.FLOAT, this.data);
    this.band = b;
    this.packedFor = cache;
    this.lastUploadMs = performance.now() - a;
  }

  private readonly onLost = (e: Event): void => {
    // Not restored: the pane falls back to the 2D path for the rest of its life.
    e.preventDefault();
    this.lost = true;
  };
}
