/**
 * Where secrets (the Flex Web Service token) live: never in settings.json. The Electron shell provides a
 * store backed by safeStorage (the OS keychain); headless runs and tests use the in-memory one, which
 * forgets on exit rather than writing a secret to disk in the clear.
 */
export interface SecretStore {
  /** 'os' when an OS keychain protects the values, 'memory' when they last only this run. */
  readonly protection: 'os' | 'memory';
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export const FLEX_TOKEN_SECRET = 'flex.token';
/** Not a secret, but kept beside the token so the two travel together (and never in settings.json). */
export const FLEX_QUERY_SECRET = 'flex.queryId';

export class MemorySecretStore implements SecretStore {
  readonly protection = 'memory' as const;
  private readonly values = new Map<string, string>();

  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }

  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}
