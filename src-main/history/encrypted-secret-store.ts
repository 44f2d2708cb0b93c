/**
 * Secrets encrypted by an OS-keychain cipher (Electron's safeStorage) in one file of the data directory,
 * never in settings.json. The cipher is a port, so the file format and its failure rules are tested here
 * with a fake one; the Electron adapter only wraps encryptString/decryptString.
 *
 * `secrets.json`: `{ "format": "tapedeck-secrets", "version": 1, "secrets": { "<name>": "<base64 ciphertext>" } }`,
 * written to a temporary file and renamed into place, mode 0600. Only ciphertext is on disk: no name's value
 * is ever written in the clear. A value that no longer decrypts (another user, a reset keychain) reads as
 * absent, and an unreadable file as empty, so the trader is asked again rather than the app failing.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from './secret-store';

export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export const SECRETS_FILE = 'secrets.json';
const FORMAT = 'tapedeck-secrets';

interface SecretsFile {
  format: typeof FORMAT;
  version: 1;
  secrets: Record<string, string>;
}

/** The file's entries, or none when it is missing, not JSON or not ours. */
export function readSecretsFile(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    const v = JSON.parse(text) as Partial<SecretsFile>;
    if (v.format !== FORMAT || v.version !== 1 || typeof v.secrets !== 'object' || v.secrets === null) return {};
    return Object.fromEntries(Object.entries(v.secrets).filter(([, s]) => typeof s === 'string'));
  } catch {
    return {};
  }
}

export function writeSecretsFile(secrets: Record<string, string>): string {
  const file: SecretsFile = { format: FORMAT, version: 1, secrets };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export class EncryptedFileSecretStore implements SecretStore {
  readonly protection = 'os' as const;

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(name: string): Promise<string | null> {
    const b64 = this.entries()[name];
    if (b64 === undefined) return null;
    try {
      return this.cipher.decrypt(Buffer.from(b64, 'base64'));
    } catch {
      return null;
    }
  }

  async set(name: string, value: string): Promise<void> {
    this.save({ ...this.entries(), [name]: this.cipher.encrypt(value).toString('base64') });
  }

  async delete(name: string): Promise<void> {
    const entries = this.entries();
    if (!(name in entries)) return;
    delete entries[name];
    this.save(entries);
  }

  private entries(): Record<string, string> {
    return readSecretsFile(existsSync(this.file) ? readFileSync(this.file, 'utf8') : null);
  }

  private save(entries: Record<string, string>): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, writeSecretsFile(entries), { mode: 0o600 });
    renameSync(tmp, this.file);
    // rename keeps the temporary file's mode; an older file's looser mode is not inherited.
    chmodSync(this.file, 0o600);
  }
}
