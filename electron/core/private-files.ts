import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { z } from 'zod';

/**
 * Writes `data` to `file`, readable by this user only, whole: under a
 * temporary name first, then renamed over the old file, so a crash leaves the
 * old file or the new one, never half of either.
 */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, data, { mode: 0o600 });
  renameSync(draft, file);
  // For a draft a crashed run left behind with other modes: writeFileSync's mode applies only to a new file.
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

/** A JSON file we wrote, read back as untrusted: undefined when it is missing, unreadable or not of `schema`. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is `folder` or lies inside it, once both are resolved. */
export function isInsideFolder(folder: string, path: string): boolean {
  const [outer, inner] = [resolve(folder), resolve(path)];
  return inner === outer || inner.startsWith(outer + sep);
}
