import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { AppError } from '@shared/errors';
import { type RemoteSettings, RemoteSettingsSchema, type RemoteSettingsStore } from '../cli/remote-settings';
import { writePrivateFile } from '../core/private-files';

/** Beside the database in userData; its bytes are ciphertext from the OS keychain's key. */
export const ENCRYPTED_REMOTE_SETTINGS_FILE = 'remote-settings.enc';

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
 */
export class SafeStorageRemoteStore implements RemoteSettingsStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly safeStorage: SafeStorageApi,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = join(dataDir, ENCRYPTED_REMOTE_SETTINGS_FILE);
  }

  private unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) return 'the system keychain is not available';
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'no keyring (GNOME Keyring or KWallet) is running';
    }
    return undefined;
  }

  /** The saved remote, or undefined when none is saved or it can no longer be decrypted (e.g. a new keychain). */
  load(): RemoteSettings | undefined {
    if (!existsSync(this.file) || this.unavailableReason()) return undefined;
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
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
