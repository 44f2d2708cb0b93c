import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, SECRETS_FILE, readSecretsFile, type SecretCipher } from '../../../src-main/history/encrypted-secret-store';
import { FlexWebServiceClient } from '../../../src-main/history/flex/flex-web-service';
import { HistoryService } from '../../../src-main/history/history-service';
import { FLEX_TOKEN_SECRET, MemorySecretStore } from '../../../src-main/history/secret-store';
import { chooseSecretStore, type KeychainCipher } from '../../../src-main/history/secret-store-choice';
import type { LedgerRepo } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

/** A stand-in for safeStorage: a keyed byte XOR with a header, so a wrong key is detected as Electron's is. */
function fakeCipher(key = 0x5a): SecretCipher {
  return {
    encrypt: (plain) => Buffer.concat([Buffer.from('v10'), Buffer.from([key]), Buffer.from(plain, 'utf8').map((b) => b ^ key)]),
    decrypt: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10' || data[3] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(4).map((b) => b ^ key)).toString('utf8');
    },
  };
}
const keychain = (available: boolean, backend?: string): KeychainCipher => ({ ...fakeCipher(), available: () => available, ...(backend ? { backend: () => backend } : {}) });

describe('secret store: safeStorage-encrypted file in the data dir', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir();
    file = join(tmp.dir, SECRETS_FILE);
  });
  afterEach(() => tmp.cleanup());

  it('writes only ciphertext, as base64 under the name, in a versioned file of mode 0600 that a later run reads back', async () => {
    const store = new EncryptedFileSecretStore(file, fakeCipher());
    expect(store.protection).toBe('os');
    await store.set('flex.token', '123456789012345678901234');
    await store.set('flex.queryId', '987654');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('123456789012345678901234');
    expect(text).not.toContain('987654');
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe('tapedeck-secrets');
    expect(parsed.version).toBe(1);
    expect(Object.keys(parsed.secrets)).toEqual(['flex.token', 'flex.queryId']);
    expect(Buffer.from(parsed.secrets['flex.queryId'], 'base64')).toEqual(fakeCipher().encrypt('987654'));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const later = new EncryptedFileSecretStore(file, fakeCipher());
    expect(await later.get('flex.token')).toBe('123456789012345678901234');
    await later.delete('flex.token');
    expect(await store.get('flex.token')).toBeNull();
    expect(await store.get('flex.queryId')).toBe('987654');
    await later.delete('never-set');
    expect(readSecretsFile(readFileSync(file, 'utf8'))).toEqual({ 'flex.queryId': parsed.secrets['flex.queryId'] });
  });

  it('a value another key encrypted reads as absent; a damaged or foreign file reads as empty and is replaced on the next write', async () => {
    await new EncryptedFileSecretStore(file, fakeCipher(1)).set('flex.token', 'abcdefgh12');
    expect(await new EncryptedFileSecretStore(file, fakeCipher(2)).get('flex.token')).toBeNull();
    for (const bad of ['{not json', '{"format":"other","version":1,"secrets":{}}', '{"format":"tapedeck-secrets","version":2,"secrets":{}}', '[]']) {
      writeFileSync(file, bad);
      expect(await new EncryptedFileSecretStore(file, fakeCipher()).get('flex.token')).toBeNull();
    }
    const store = new EncryptedFileSecretStore(file, fakeCipher());
    await store.set('databento.apiKey', 'db-abcdefgh');
    expect(Object.keys(readSecretsFile(readFileSync(file, 'utf8')))).toEqual(['databento.apiKey']);
    expect(readSecretsFile(null)).toEqual({});
    expect(readSecretsFile('{"format":"tapedeck-secrets","version":1,"secrets":{"a":"QQ==","b":3}}')).toEqual({ a: 'QQ==' });
  });

  it('uses the keychain only where it protects: not without encryption, not with Linux’s basic_text fallback', () => {
    expect(chooseSecretStore(tmp.dir, null).protection).toBe('memory');
    expect(chooseSecretStore(tmp.dir, keychain(false)).protection).toBe('memory');
    expect(chooseSecretStore(tmp.dir, keychain(true, 'basic_text')).protection).toBe('memory');
    expect(chooseSecretStore(tmp.dir, keychain(true, 'unknown')).protection).toBe('memory');
    expect(chooseSecretStore(tmp.dir, keychain(true, 'gnome_libsecret')).protection).toBe('os');
    expect(chooseSecretStore(tmp.dir, keychain(true)).protection).toBe('os'); // macOS Keychain, Windows DPAPI
  });

  it('history:setFlex keeps the token and query id in the store and the status never carries the token', async () => {
    const secrets = new MemorySecretStore();
    const history = new HistoryService({ ledger: {} as LedgerRepo, secrets, flex: new FlexWebServiceClient() });
    expect(await history.flexStatus()).toEqual({ ok: true, value: { hasToken: false, queryId: null, protection: 'memory' } });
    const set = await history.setFlex({ token: '123456789012345678901234', queryId: '4242' });
    expect(set).toEqual({ ok: true, value: { hasToken: true, queryId: '4242', protection: 'memory' } });
    expect(JSON.stringify(set)).not.toContain('1234567890');
    expect(await secrets.get(FLEX_TOKEN_SECRET)).toBe('123456789012345678901234');
    expect(await history.setFlex({ queryId: '77' })).toMatchObject({ value: { hasToken: true, queryId: '77' } });
    expect(await history.setFlex({ token: null })).toMatchObject({ value: { hasToken: false, queryId: '77' } });
  });
});
