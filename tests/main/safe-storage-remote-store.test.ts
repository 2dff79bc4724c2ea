import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENCRYPTED_REMOTE_SETTINGS_FILE,
  fileRemoteSettingsStore,
  REMOTE_SETTINGS_FILE,
  saveRemoteSettings,
} from '../../electron/cli/remote-settings';
import { SafeStorageRemoteStore, SecretStorageUnavailableError } from '../../electron/main/safe-storage-remote-store';
import { makeTempDir } from '../helpers/temp-dir';
import { resetFakeElectron, safeStorage } from './fake-electron';

const settings = { remote_url: 'https://cloud.example.com', remote_token: 'sk_live_very-secret-api-key-1234' };

function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)));
}

describe('SafeStorageRemoteStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    resetFakeElectron();
  });
  afterEach(() => temp.remove());

  it('saves the remote encrypted and reads it back', () => {
    const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
    expect(store.load()).toBeUndefined();
    store.save(settings);
    expect(store.load()).toEqual(settings);
    expect(readdirSync(temp.dir)).toEqual([ENCRYPTED_REMOTE_SETTINGS_FILE]);
  });

  it('never writes the key or the URL in plaintext', () => {
    new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux').save(settings);
    expect(filesContaining(temp.dir, settings.remote_token)).toEqual([]);
    expect(filesContaining(temp.dir, 'remote_token')).toEqual([]);
    expect(filesContaining(temp.dir, 'cloud.example.com')).toEqual([]);
  });

  it('keeps the file readable by the user only', () => {
    const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
    store.save(settings);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('refuses to save, and writes nothing, when encryption is unavailable', () => {
    safeStorage.available = false;
    const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'darwin');
    expect(() => store.save(settings)).toThrow(SecretStorageUnavailableError);
    expect(() => store.save(settings)).toThrow(expect.objectContaining({ code: 'service_unavailable' }));
    expect(() => store.save(settings)).toThrow(/the system keychain is not available.*never stores the key unencrypted/);
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  it("refuses Linux's hard-coded-key fallback (no keyring running)", () => {
    safeStorage.backend = 'basic_text';
    const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
    expect(() => store.save(settings)).toThrow(/no keyring/);
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  it('loads nothing from a file it cannot decrypt or parse, or once cleared', () => {
    const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
    writeFileSync(store.file, JSON.stringify(settings));
    expect(store.load()).toBeUndefined();
    writeFileSync(store.file, safeStorage.encryptString('{"remote_url": ""}'));
    expect(store.load()).toBeUndefined();
    store.save(settings);
    store.clear();
    expect(store.load()).toBeUndefined();
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  describe('one cloud per data folder, shared with `npm run serve` and `npm run sync`', () => {
    const saved = { remote_url: 'https://eu.cloud.example.com', remote_token: 'sk_live_saved-by-sync-cli-5678' };

    it('takes the cloud `sync --save` kept when it has none of its own, keychain or not', () => {
      saveRemoteSettings(temp.dir, saved);
      expect(new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux').load()).toEqual(saved);
      safeStorage.available = false;
      expect(new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'darwin').load()).toEqual(saved);
      expect(readdirSync(temp.dir)).toEqual([REMOTE_SETTINGS_FILE]);
    });

    it('replaces that file when the recruiter sets a cloud in the app: the key is then kept encrypted only', () => {
      saveRemoteSettings(temp.dir, saved);
      const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
      store.save(settings);
      expect(readdirSync(temp.dir)).toEqual([ENCRYPTED_REMOTE_SETTINGS_FILE]);
      expect(filesContaining(temp.dir, saved.remote_token)).toEqual([]);
      expect(store.load()).toEqual(settings);
      expect(fileRemoteSettingsStore(temp.dir).load()).toBeUndefined();
    });

    it('keeps the file when saving in the app fails, so nothing the recruiter saved is lost', () => {
      saveRemoteSettings(temp.dir, saved);
      safeStorage.available = false;
      const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'darwin');
      expect(() => store.save(settings)).toThrow(SecretStorageUnavailableError);
      expect(store.load()).toEqual(saved);
    });

    it('gives way to a cloud saved later by `sync --save`', () => {
      const store = new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux');
      store.save(settings);
      saveRemoteSettings(temp.dir, saved);
      expect(readdirSync(temp.dir)).toEqual([REMOTE_SETTINGS_FILE]);
      expect(store.load()).toEqual(saved);
    });

    it.each([
      ['the app', (dir: string) => new SafeStorageRemoteStore(dir, safeStorage as any, 'linux').clear()],
      ['serve', (dir: string) => fileRemoteSettingsStore(dir).clear()],
    ])('forgets the cloud everywhere when %s disconnects it', (_who, disconnect) => {
      new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux').save(settings);
      writeFileSync(join(temp.dir, REMOTE_SETTINGS_FILE), JSON.stringify(saved));
      disconnect(temp.dir);
      expect(readdirSync(temp.dir)).toEqual([]);
      expect(new SafeStorageRemoteStore(temp.dir, safeStorage as any, 'linux').load()).toBeUndefined();
    });
  });
});
