import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { ChosenFile } from '@shared/desktop-bridge';
import { RESUME_MAX_BYTES } from '@shared/local-api-schema';

export const RESUME_FILE_FILTERS = [
  { name: 'Résumés', extensions: ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** A picked file that cannot be attached; the message is for the recruiter. */
export class ResumeFileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeFileRefusedError';
  }
}

/**
 * Reads a file the user picked. Refuses, without reading it all, one the API
 * would refuse on upload (over RESUME_MAX_BYTES) and anything that is not a
 * regular file.
 */
export async function readResumeFile(file: string): Promise<ChosenFile> {
  const name = basename(file);
  // Checked before opening: opening a FIFO blocks, and a device such as /dev/zero reports size 0 and never ends.
  if (!(await stat(file)).isFile()) throw new ResumeFileRefusedError(`${name} is not a document; choose a file.`);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > RESUME_MAX_BYTES) {
      throw new ResumeFileRefusedError(`${name} is larger than ${RESUME_MAX_BYTES / (1024 * 1024)} MB; choose a smaller file.`);
    }
    const bytes = await handle.readFile();
    return { name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } finally {
    await handle.close();
  }
}

/**
 * The system picker, modal to the window that asked; null when the user
 * cancels. A file that cannot be attached is explained in a message box here,
 * beside the picker the recruiter just used, and the page gets null as for a cancel.
 */
export async function chooseResumeFile(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showMessageBox'>,
  window: BrowserWindow | undefined,
): Promise<ChosenFile | null> {
  const options = { title: 'Choose a résumé', properties: ['openFile' as const], filters: RESUME_FILE_FILTERS };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const [file] = result.filePaths;
  if (result.canceled || file === undefined) return null;
  try {
    return await readResumeFile(file);
  } catch (error) {
    const message =
      error instanceof ResumeFileRefusedError ? error.message : `${basename(file)} could not be read: ${error instanceof Error ? error.message : String(error)}`;
    const box: MessageBoxOptions = { type: 'warning', title: 'Choose a résumé', message: 'The résumé was not attached.', detail: message };
    await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
    return null;
  }
}
