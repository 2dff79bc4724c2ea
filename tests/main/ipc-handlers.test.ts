import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '@shared/desktop-bridge';
import { isAppFrame, registerIpcHandlers } from '../../electron/main/ipc-handlers';
import { RESUME_MAX_BYTES } from '@shared/local-api-schema';
import { chooseResumeFile } from '../../electron/main/resume-file';
import { dialog, FakeEvent, ipcMain, resetFakeElectron } from './fake-electron';

const APP_ORIGIN = 'http://127.0.0.1:4319';
const appFrame = { url: `${APP_ORIGIN}/`, parent: null };
const fromApp = () => Object.assign(new FakeEvent(), { senderFrame: appFrame, sender: {} });
const fromFrame = (senderFrame: unknown) => Object.assign(new FakeEvent(), { senderFrame, sender: {} });

const services = () => ({
  appOrigin: APP_ORIGIN,
  bridgeConfig: vi.fn(() => ({ apiBaseUrl: APP_ORIGIN, apiToken: 'secret-token-abcdefghijklmnop', appVersion: '0.1.0' })),
  openExternal: vi.fn(async (_url: string) => undefined),
  chooseResumeFile: vi.fn(async () => ({ name: 'cv.pdf', bytes: new Uint8Array([1, 2, 3]) })),
});

beforeEach(() => resetFakeElectron());

describe('isAppFrame', () => {
  it("accepts only the app's own top-level page", () => {
    expect(isAppFrame(appFrame as any, APP_ORIGIN)).toBe(true);
    expect(isAppFrame({ url: `${APP_ORIGIN}/frame.html`, parent: appFrame } as any, APP_ORIGIN)).toBe(false);
    expect(isAppFrame({ url: 'https://evil.example/', parent: null }, APP_ORIGIN)).toBe(false);
    expect(isAppFrame(null, APP_ORIGIN)).toBe(false);
  });
});

describe('registerIpcHandlers', () => {
  it('gives the app its bridge configuration, and a foreign or malformed request nothing', () => {
    const handled = services();
    registerIpcHandlers(ipcMain as any, handled);
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, fromApp())).toEqual(handled.bridgeConfig());
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, fromFrame({ url: 'https://evil.example/', parent: null }))).toBeNull();
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, fromFrame(null))).toBeNull();
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, fromApp(), 'unexpected')).toBeNull();
  });

  it('opens an http(s) URL the app asks for', async () => {
    const handled = services();
    registerIpcHandlers(ipcMain as any, handled);
    await ipcMain.invoke(IPC_CHANNELS.openExternal, fromApp(), 'https://www.linkedin.com/in/someone');
    expect(handled.openExternal).toHaveBeenCalledWith('https://www.linkedin.com/in/someone');
  });

  it('refuses bad payloads without acting on them', async () => {
    const handled = services();
    registerIpcHandlers(ipcMain as any, handled);
    const bad: unknown[][] = [
      [],
      ['file:///etc/passwd'],
      ['javascript:alert(1)'],
      [42],
      [{ url: 'https://example.com' }],
      [`https://example.com/${'a'.repeat(3000)}`],
      ['https://example.com', 'extra'],
    ];
    for (const args of bad) {
      await expect(ipcMain.invoke(IPC_CHANNELS.openExternal, fromApp(), ...args), JSON.stringify(args).slice(0, 40)).rejects.toThrow(
        /^Refused recruiter-desk:open-external/,
      );
    }
    await expect(ipcMain.invoke(IPC_CHANNELS.chooseResumeFile, fromApp(), '/etc/shadow')).rejects.toThrow(/Refused/);
    expect(handled.openExternal).not.toHaveBeenCalled();
    expect(handled.chooseResumeFile).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not the app, even with a good payload', async () => {
    const handled = services();
    registerIpcHandlers(ipcMain as any, handled);
    const foreign = fromFrame({ url: 'https://evil.example/', parent: null });
    await expect(ipcMain.invoke(IPC_CHANNELS.openExternal, foreign, 'https://example.com')).rejects.toThrow(/the sender is not the app/);
    const subframe = fromFrame({ url: `${APP_ORIGIN}/`, parent: appFrame });
    await expect(ipcMain.invoke(IPC_CHANNELS.chooseResumeFile, subframe)).rejects.toThrow(/the sender is not the app/);
    expect(handled.openExternal).not.toHaveBeenCalled();
    expect(handled.chooseResumeFile).not.toHaveBeenCalled();
  });

  it('answers the resume picker for the app', async () => {
    const handled = services();
    registerIpcHandlers(ipcMain as any, handled);
    await expect(ipcMain.invoke(IPC_CHANNELS.chooseResumeFile, fromApp())).resolves.toEqual({ name: 'cv.pdf', bytes: new Uint8Array([1, 2, 3]) });
  });
});

describe('chooseResumeFile', () => {
  it("returns the picked file's name and bytes, and null when cancelled", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-'));
    const file = join(dir, 'Ada Lovelace.pdf');
    writeFileSync(file, Buffer.from('%PDF-1.7 résumé'));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const chosen = await chooseResumeFile(dialog as any, undefined);
    expect(chosen?.name).toBe('Ada Lovelace.pdf');
    expect(Buffer.from(chosen?.bytes ?? []).toString()).toBe('%PDF-1.7 résumé');

    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(chooseResumeFile(dialog as any, undefined)).resolves.toBeNull();
  });

  it('refuses, with a message to the recruiter, a file larger than the API takes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-'));
    const file = join(dir, 'huge.pdf');
    writeFileSync(file, Buffer.alloc(RESUME_MAX_BYTES + 1));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    await expect(chooseResumeFile(dialog as any, undefined)).resolves.toBeNull();
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'warning', detail: 'huge.pdf is larger than 10 MB; choose a smaller file.' }));
  });

  it('never reads what is not a regular file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-'));
    mkdirSync(join(dir, 'Resumes'));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'Resumes')] });
    await expect(chooseResumeFile(dialog as any, undefined)).resolves.toBeNull();
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ detail: 'Resumes is not a document; choose a file.' }));
  });
});
