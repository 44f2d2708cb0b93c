/** Electron's safeStorage as the secret store's cipher; the rules live in history/secret-store-choice.ts. */
import type { SafeStorage } from 'electron';
import type { KeychainCipher } from '../history/secret-store-choice';

export function safeStorageCipher(safeStorage: SafeStorage, platform = process.platform): KeychainCipher {
  return {
    available: () => safeStorage.isEncryptionAvailable(),
    ...(platform === 'linux' ? { backend: () => safeStorage.getSelectedStorageBackend() } : {}),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
