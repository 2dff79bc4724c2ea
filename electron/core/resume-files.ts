import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { AppError, validationError } from '@shared/errors';
import { findCandidateByIdOrAlias, setResumePath } from '../db/candidate-repository';
import type { CoreContext } from './core-context';
import { writePrivateFile } from './private-files';
import { normalizeCandidateId } from './candidates';

/** Resumes are documents, not photos of a bookshelf: 10 MiB is plenty. */
export const RESUME_MAX_BYTES = 10 * 1024 * 1024;

const RESUMES_DIR = 'resumes';

export interface ResumeFile {
  file_name: string;
  size_bytes: number;
  bytes: Buffer;
}

/**
 * A file name safe on every OS: the last path segment only, no control or
 * reserved characters, at most 120 characters, never empty or dot-only.
 */
export function safeResumeFileName(raw: string): string {
  const cleaned = basename(raw.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .trim();
  const shortened = [...cleaned].slice(-120).join('');
  return /^[.\s]*$/.test(shortened) ? 'resume' : shortened;
}

function candidateOrThrow(ctx: CoreContext, id: string) {
  const candidate = findCandidateByIdOrAlias(ctx.db, normalizeCandidateId(id));
  if (!candidate) throw new AppError('not_found', 'No candidate has that id.');
  return candidate;
}

/**
 * Keeps the file under `<data folder>/resumes/<candidate id>/` and records its
 * path, relative to the data folder, as the candidate's resume_path. The file
 * is written aside and renamed into place before the path moves to it, and the
 * previous file goes only after: a crash leaves the old resume or the new one.
 */
export function attachResume(ctx: CoreContext, dataDir: string, id: string, rawName: string, bytes: Buffer): { file_name: string; size_bytes: number } {
  const candidate = candidateOrThrow(ctx, id);
  if (bytes.length === 0) throw validationError([{ path: '', message: "must be the file's bytes, not empty" }]);
  const fileName = safeResumeFileName(rawName);
  const relativeDir = join(RESUMES_DIR, candidate.id);
  const folder = join(dataDir, relativeDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writePrivateFile(join(folder, fileName), bytes);
  setResumePath(ctx.db, candidate.id, join(relativeDir, fileName));
  for (const other of readdirSync(folder)) if (other !== fileName) rmSync(join(folder, other), { force: true });
  return { file_name: fileName, size_bytes: bytes.length };
}

/** The attached resume, or undefined when there is none (or its file has gone). */
export function readResume(ctx: CoreContext, dataDir: string, id: string): ResumeFile | undefined {
  const candidate = candidateOrThrow(ctx, id);
  if (!candidate.resume_path) return undefined;
  const file = resolve(dataDir, candidate.resume_path);
  // A resume_path from elsewhere (a POST may set one) is never followed out of the data folder.
  if (!file.startsWith(resolve(dataDir) + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return { file_name: basename(file), size_bytes: statSync(file).size, bytes: readFileSync(file) };
}
