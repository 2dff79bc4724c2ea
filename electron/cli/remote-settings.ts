import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const REMOTE_SETTINGS_FILE = 'remote.json';

/** The cloud to sync with. The key is a secret: the file is readable by the user only. */
export const RemoteSettingsSchema = z.object({
  remote_url: z.string().min(1),
  remote_token: z.string().min(1),
});
export type RemoteSettings = z.infer<typeof RemoteSettingsSchema>;

export function remoteSettingsPath(dataDir: string): string {
  return join(dataDir, REMOTE_SETTINGS_FILE);
}

/** The saved remote, or undefined when none was saved (or the file is unreadable as settings). */
export function readRemoteSettings(dataDir: string): RemoteSettings | undefined {
  const file = remoteSettingsPath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = RemoteSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole under a temporary name, then renamed: a crash never leaves half a key. */
export function saveRemoteSettings(dataDir: string, settings: RemoteSettings): void {
  const file = remoteSettingsPath(dataDir);
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
  renameSync(draft, file);
  if (process.platform !== 'win32') chmodSync(file, 0o600);
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
    clear: () => rmSync(remoteSettingsPath(dataDir), { force: true }),
  };
}
