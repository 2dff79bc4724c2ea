import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import { AppError } from '@shared/errors';
import {
  clearRemoteSettings,
  encryptedRemoteSettingsPath,
  readRemoteSettings,
  type RemoteSettings,
  RemoteSettingsSchema,
  type RemoteSettingsStore,
  remoteSettingsPath,
} from '../cli/remote-settings';
import { writePrivateFile } from '../core/private-files';

/** An AppError, so the API hands the recruiter this message (503) when they set the cloud in Settings. */
export class SecretStorageUnavailableError extends AppError {
  constructor(reason: string) {
    super('service_unavailable', `The remote API key was not saved: ${reason}, and Recruiter Desk never stores the key unencrypted.`);
    this.name = 'SecretStorageUnavailableError';
  }
}

type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * The remote's URL and API key, encrypted with Electron's safeStorage (the
 * macOS Keychain, Windows DPAPI, or libsecret/KWallet on Linux). On Linux
 * without a keyring safeStorage falls back to a hard-coded key ("basic_text"),
 * which is no protection: that counts as unavailable.
 *
 * The data folder is the one `npm run serve` and `npm run sync` use, and
 * holds one cloud at a time: without settings of its own the app takes the
 * ones `sync --save` left in remote.json; saving or clearing here removes
 * that file, as saving there removes this one.
 */
export class SafeStorageRemoteStore implements RemoteSettingsStore {
  readonly file: string;

  constructor(
    private readonly dataDir: string,
    private readonly safeStorage: SafeStorageApi,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = encryptedRemoteSettingsPath(dataDir);
  }

  private unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) return 'the system keychain is not available';
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'no keyring (GNOME Keyring or KWallet) is running';
    }
    return undefined;
  }

  /**
   * The saved remote: the app's own, or else the one `sync --save` kept;
   * undefined when neither is there or the app's can no longer be decrypted
   * (e.g. a new keychain).
   */
  load(): RemoteSettings | undefined {
    if (!existsSync(this.file)) return readRemoteSettings(this.dataDir);
    if (this.unavailableReason()) return undefined;
    try {
      const parsed = RemoteSettingsSchema.safeParse(JSON.parse(this.safeStorage.decryptString(readFileSync(this.file))));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Throws SecretStorageUnavailableError rather than fall back to plaintext. */
  save(settings: RemoteSettings): void {
    const reason = this.unavailableReason();
    if (reason) throw new SecretStorageUnavailableError(reason);
    const ciphertext = this.safeStorage.encryptString(JSON.stringify(RemoteSettingsSchema.parse(settings)));
    writePrivateFile(this.file, ciphertext);
    rmSync(remoteSettingsPath(this.dataDir), { force: true });
  }

  clear(): void {
    clearRemoteSettings(this.dataDir);
  }
}
