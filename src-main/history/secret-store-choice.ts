/**
 * Which secret store a run gets, decided once at start-up: an OS-keychain cipher that really protects
 * (Electron's safeStorage with a keyring) encrypts into the data directory; otherwise — `serve`, the CLI, or
 * Linux without a keyring, where safeStorage falls back to a hard-coded key ("basic_text") — secrets stay in
 * memory for the session, and the UI says so.
 */
import { join } from 'node:path';
import { EncryptedFileSecretStore, SECRETS_FILE, type SecretCipher } from './encrypted-secret-store';
import { MemorySecretStore, type SecretStore } from './secret-store';

export interface KeychainCipher extends SecretCipher {
  /** safeStorage.isEncryptionAvailable(). */
  available(): boolean;
  /** Linux: safeStorage.getSelectedStorageBackend(); undefined elsewhere. */
  backend?(): string;
}

/** Backends that store the key next to the data (no protection from another reader of the disk). */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

export function keychainProtects(cipher: KeychainCipher | null | undefined): boolean {
  if (!cipher || !cipher.available()) return false;
  const backend = cipher.backend?.();
  return backend === undefined || !WEAK_BACKENDS.has(backend);
}

export function chooseSecretStore(dataDir: string, cipher?: KeychainCipher | null): SecretStore {
  return cipher && keychainProtects(cipher) ? new EncryptedFileSecretStore(join(dataDir, SECRETS_FILE), cipher) : new MemorySecretStore();
}
