/** Something that holds a resource (socket, timer, subscription) until disposed. */
export interface Disposable {
  dispose(): void;
}

/** Collects disposables as they are created and releases them in reverse order. */
export class DisposableStore implements Disposable {
  private items: Array<() => void> = [];
  private disposed = false;

  add<T extends Disposable | (() => void)>(item: T): T {
    const fn = typeof item === 'function' ? (item as () => void) : () => (item as Disposable).dispose();
    if (this.disposed) fn();
    else this.items.push(fn);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const fn of this.items.reverse()) {
      try {
        fn();
      } catch {
        // Disposal continues past a failing item so nothing else leaks.
      }
    }
    this.items = [];
  }
}
