import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isInsideFolder } from '../core/private-files';

export const PRODUCT_NAME = 'Recruiter Desk';
export const DATABASE_FILE = 'recruiter-desk.sqlite';

/**
 * The per-user app-data folder, the same one Electron's `userData` names, so
 * the desktop app and `npm run serve` share one store.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** Creates the folder if needed, readable by the user only: it holds personal data and the token. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** How the command line chooses another data folder; the desktop app has no such choice. */
export const CHOOSE_ANOTHER_WITH_FLAG = 'choose another folder with --data-dir';

/**
 * A start-up failure over the data folder in words that name it and say what
 * to do, instead of an errno or SQLite's text; any other error as it is.
 * `chooseAnother` says how to use another folder, where there is a way.
 */
export function explainDataFolderError(error: unknown, dataDir: string, chooseAnother?: string): string {
  const { code, path } = error as { code?: unknown; path?: unknown };
  const database = join(dataDir, DATABASE_FILE);
  const orChooseAnother = chooseAnother ? `, or ${chooseAnother}` : '';
  if (code === 'SQLITE_NOTADB') return `${database} is not a Recruiter Desk database: move it away${orChooseAnother}.`;
  if (code === 'SQLITE_CORRUPT') return `${database} is damaged (SQLite: malformed). Restore it from a backup, or move it away to start afresh.`;
  const inFolder = typeof path === 'string' && isInsideFolder(dataDir, path);
  if (!inFolder) return (error as Error).message;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Cannot write in the data folder ${dataDir}: check that it is yours and writable${orChooseAnother}.`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `The data folder ${dataDir} is a file, not a folder: ${chooseAnother ?? 'move the file away'}.`;
    case 'ENOSPC':
      return `The disk that holds ${dataDir} is full.`;
    default:
      return (error as Error).message;
  }
}
