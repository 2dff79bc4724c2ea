import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../core/private-files';

export const API_TOKEN_FILE = 'api-token';

/** 256 random bits, URL-safe so it pastes cleanly into a header or a macro. */
export function generateApiToken(): string {
  return randomBytes(32).toString('base64url');
}

export function apiTokenPath(dataDir: string): string {
  return join(dataDir, API_TOKEN_FILE);
}

/**
 * The local API token kept in `dataDir/api-token`, created on first run with
 * mode 0600 (readable by the user only). The new file is written whole under
 * a temporary name and linked into place, which fails if the token already
 * exists: two processes starting at once agree on one complete token.
 */
export function loadOrCreateApiToken(dataDir: string): string {
  const file = apiTokenPath(dataDir);
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, generateApiToken() + '\n', { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < 22) throw new Error(`The API token file ${file} is empty or too short; delete it to make a new one.`);
  return token;
}

/** Replaces the token file whole (written aside, then renamed), mode 0600; returns the new token. */
export function replaceApiToken(dataDir: string): string {
  const token = generateApiToken();
  writePrivateFile(apiTokenPath(dataDir), token + '\n');
  return token;
}
