/**
 * What a view's picture was last painted from, so a frame that would paint the same picture can skip it
 * (canvas-view.ts). Pure, for the node tests.
 */

/** Item by item with Object.is: identity for objects (the store replaces what changes), value for the rest. */
export const sameDeps = (a: readonly unknown[] | null, b: readonly unknown[]): boolean =>
  a !== null && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export class PaintedDeps {
  private last: readonly unknown[] | null = null;

  /** True when `deps` equal the last call's and nothing was forgotten since; remembers `deps` either way. */
  same(deps: readonly unknown[]): boolean {
    const same = sameDeps(this.last, deps);
    this.last = deps;
    return same;
  }

  /** The canvas was resized or must be drawn again whatever the deps say. */
  forget(): void {
    this.last = null;
  }
}
