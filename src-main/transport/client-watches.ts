/**
 * Remembers what each renderer client watches (depth books, live charts) so a closed window or socket
 * releases its watches, and a watch shared by two clients is released only when both let go.
 */
export class ClientWatches {
  private readonly byClient = new Map<string, Map<string, number>>();

  /** Returns true when this is the first watch of `key` across all clients. */
  add(clientId: string, key: string): boolean {
    const first = this.total(key) === 0;
    const mine = this.byClient.get(clientId) ?? new Map<string, number>();
    mine.set(key, (mine.get(key) ?? 0) + 1);
    this.byClient.set(clientId, mine);
    return first;
  }

  /** Returns true when no client watches `key` any more. */
  remove(clientId: string, key: string): boolean {
    const mine = this.byClient.get(clientId);
    const n = mine?.get(key) ?? 0;
    if (!mine || n === 0) return false;
    if (n === 1) mine.delete(key);
    else mine.set(key, n - 1);
    return this.total(key) === 0;
  }

  /** Drops every watch of a client; returns the keys nobody watches any more. */
  dropClient(clientId: string): string[] {
    const mine = this.byClient.get(clientId);
    this.byClient.delete(clientId);
    if (!mine) return [];
    return [...mine.keys()].filter((key) => this.total(key) === 0);
  }

  private total(key: string): number {
    let n = 0;
    for (const m of this.byClient.values()) n += m.get(key) ?? 0;
    return n;
  }
}
