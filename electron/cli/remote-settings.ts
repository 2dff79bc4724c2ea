import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writePrivateFile } from '../core/private-files';

export const REMOTE_SETTINGS_FILE = 'remote.json';
/**
 * Where the desktop app keeps the same settings, encrypted with the OS
 * keychain's key: `serve` and `sync` cannot read it, but remove it when they
 * save or clear a cloud, so a data folder never has two.
 */
export const ENCRYPTED_REMOTE_SETTINGS_FILE = 'remote-settings.enc';

/** The cloud to sync with. The key is a secret: the file is readable by the user only. */
export const RemoteSettingsSchema = z.object({
  remote_url: z.string().min(1),
  remote_token: z.string().min(1),
});
export type RemoteSettings = z.infer<typeof RemoteSettingsSchema>;

export function remoteSettingsPath(dataDir: string): string {
  return join(dataDir, REMOTE_SETTINGS_FILE);
}

export function encryptedRemoteSettingsPath(dataDir: string): string {
  return join(dataDir, ENCRYPTED_REMOTE_SETTINGS_FILE);
}

/** The saved remote, or undefined when none was saved (or the file is unreadable as settings). */
export function readRemoteSettings(dataDir: string): RemoteSettings | undefined {
  return readJsonFile(remoteSettingsPath(dataDir), RemoteSettingsSchema);
}

/**
 * Written whole under a temporary name, then renamed: a crash never leaves
 * half a key. The cloud saved last is the folder's cloud: the desktop app's
 * own (encrypted) settings give way.
 */
export function saveRemoteSettings(dataDir: string, settings: RemoteSettings): void {
  writePrivateFile(remoteSettingsPath(dataDir), JSON.stringify(settings, null, 2) + '\n');
  rmSync(encryptedRemoteSettingsPath(dataDir), { force: true });
}

/** The folder syncs with no cloud: neither `serve` nor the desktop app keeps one. */
export function clearRemoteSettings(dataDir: string): void {
  rmSync(remoteSettingsPath(dataDir), { force: true });
  rmSync(encryptedRemoteSettingsPath(dataDir), { force: true });
}

/** Where the cloud's address and key are kept: DATA/remote.json here, the OS keychain in the desktop app. */
export interface RemoteSettingsStore {
  load: () => RemoteSettings | undefined;
  save: (settings: RemoteSettings) => void;
  clear: () => void;
}

export function fileRemoteSettingsStore(dataDir: string): RemoteSettingsStore {
  return {
    load: () => readRemoteSettings(dataDir),
    save: (settings) => saveRemoteSettings(dataDir, settings),
    clear: () => clearRemoteSettings(dataDir),
  };
}
