import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { ChosenFile } from '@shared/desktop-bridge';

/** Larger files are refused: the bytes cross IPC into the page in one message. */
export const MAX_RESUME_BYTES = 20 * 1024 * 1024;

export const RESUME_FILE_FILTERS = [
  { name: 'Résumés', extensions: ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export class ResumeTooLargeError extends Error {
  constructor(name: string) {
    super(`${name} is larger than ${MAX_RESUME_BYTES / (1024 * 1024)} MB; choose a smaller file.`);
    this.name = 'ResumeTooLargeError';
  }
}

/** Reads a file the user picked, refusing one over the limit without reading it all. */
export async function readResumeFile(file: string): Promise<ChosenFile> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_RESUME_BYTES) throw new ResumeTooLargeError(basename(file));
    const bytes = await handle.readFile();
    return { name: basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } finally {
    await handle.close();
  }
}

/** The system picker, modal to the window that asked; null when the user cancels. */
export async function chooseResumeFile(dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | undefined): Promise<ChosenFile | null> {
  const options = { title: 'Choose a résumé', properties: ['openFile' as const], filters: RESUME_FILE_FILTERS };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const [file] = result.filePaths;
  if (result.canceled || file === undefined) return null;
  return readResumeFile(file);
}
