import { mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { validationError } from '@shared/errors';
import { type CandidateRecord, setResumePath } from '../db/candidate-repository';
import type { CoreContext } from './core-context';
import { isInsideFolder, writePrivateFile } from './private-files';
import { candidateOrThrow } from './candidates';

const RESUMES_DIR = 'resumes';

/** What the API tells of an attached resume. */
export interface AttachedResume {
  file_name: string;
  size_bytes: number;
}

export interface ResumeFile extends AttachedResume {
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

/**
 * Keeps the file under `<data folder>/resumes/<candidate id>/` and records its
 * path, relative to the data folder, as the candidate's resume_path. The file
 * is written aside and renamed into place before the path moves to it, and the
 * previous file goes only after: a crash leaves the old resume or the new one.
 */
export function attachResume(ctx: CoreContext, dataDir: string, id: string, rawName: string, bytes: Buffer): AttachedResume {
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

/**
 * The candidate's attached file, or undefined when none is attached or its
 * file has gone. Only a file under `resumes/` counts: resume_path may also
 * hold a path from elsewhere (a POST may set any), which is never followed,
 * so neither the database nor the token can be read or deleted through it.
 */
function attachedFile(dataDir: string, candidate: CandidateRecord): { path: string; size: number } | undefined {
  if (!candidate.resume_path) return undefined;
  const path = resolve(dataDir, candidate.resume_path);
  if (!isInsideFolder(join(dataDir, RESUMES_DIR), path)) return undefined;
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats?.isFile() ? { path, size: stats.size } : undefined;
}

/** The attached resume's name and size, or null when there is none: what the form shows. */
export function describeResume(ctx: CoreContext, dataDir: string, id: string): AttachedResume | null {
  const file = attachedFile(dataDir, candidateOrThrow(ctx, id));
  return file ? { file_name: basename(file.path), size_bytes: file.size } : null;
}

/** The attached resume, or undefined when there is none (or its file has gone). */
export function readResume(ctx: CoreContext, dataDir: string, id: string): ResumeFile | undefined {
  const file = attachedFile(dataDir, candidateOrThrow(ctx, id));
  return file && { file_name: basename(file.path), size_bytes: file.size, bytes: readFileSync(file.path) };
}

/**
 * Deletes the attached file, then forgets its path (a crash between the two
 * leaves a path to nothing, which reads as no resume). False when none was
 * attached: a resume_path from elsewhere is left as it is.
 */
export function detachResume(ctx: CoreContext, dataDir: string, id: string): boolean {
  const candidate = candidateOrThrow(ctx, id);
  const file = attachedFile(dataDir, candidate);
  if (!file) return false;
  rmSync(file.path, { force: true });
  try {
    rmdirSync(dirname(file.path));
  } catch {
    // Not empty (a file written aside by an attach that crashed): the folder stays for the next attach to clean.
  }
  setResumePath(ctx.db, candidate.id, null);
  return true;
}
