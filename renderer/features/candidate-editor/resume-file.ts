import type { ApiClient } from '../../lib/api-client';
import { fileNameFromDisposition } from '../../lib/ui/save-file';

/** A resume picked from disk, held until it can be uploaded (a new candidate has no id yet). */
export interface ResumeFile {
  name: string;
  bytes: Blob | Uint8Array;
}

const resumePath = (candidateId: string) => `/api/local/candidates/${encodeURIComponent(candidateId)}/resume`;

/** What the API says of an attached resume. */
export interface AttachedResume {
  file_name: string;
  size_bytes: number;
}

export async function uploadResume(client: ApiClient, candidateId: string, file: ResumeFile): Promise<AttachedResume> {
  const response = await client.request<{ data: AttachedResume }>(resumePath(candidateId), {
    method: 'POST',
    query: { name: file.name },
    body: file.bytes,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  return response.body.data;
}

/** The attached file's name from the download's Content-Disposition, or null when none is attached. */
export async function attachedResumeName(client: ApiClient, candidateId: string): Promise<string | null> {
  try {
    // HEAD: the name is in the headers; the file itself is fetched when the user downloads it.
    const response = await client.requestRaw(resumePath(candidateId), { method: 'HEAD' });
    return fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? 'resume';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

export function resumeDownloadPath(candidateId: string): string {
  return resumePath(candidateId);
}
