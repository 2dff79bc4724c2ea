import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { z } from 'zod';
import { type BridgeConfig, type ChosenFile, IPC_CHANNELS, OpenExternalPayloadSchema } from '@shared/desktop-bridge';
import { isSameOrigin } from './window-security';

/** The argument lists main accepts, per channel: anything else is refused unread. */
const NoArguments = z.tuple([]);
const OpenExternalArguments = z.tuple([OpenExternalPayloadSchema]);

export interface IpcServices {
  /** The page's own origin: app://recruiter-desk, or the dev server in development. */
  appOrigin: string;
  bridgeConfig: () => BridgeConfig;
  openExternal: (url: string) => Promise<void>;
  chooseResumeFile: (sender: WebContents) => Promise<ChosenFile | null>;
}

type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'> | null;

/** Only the app's own top-level page: not an iframe, not a page the window was somehow sent to. */
export function isAppFrame(frame: SenderFrame, appOrigin: string): boolean {
  return frame !== null && frame.parent === null && isSameOrigin(frame.url, appOrigin);
}

export class IpcRefusedError extends Error {
  constructor(channel: string, reason: string) {
    super(`Refused ${channel}: ${reason}`);
    this.name = 'IpcRefusedError';
  }
}

function checkedArguments<T>(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  channel: string,
  schema: z.ZodType<T>,
  args: unknown[],
  appOrigin: string,
): T {
  if (!isAppFrame(event.senderFrame, appOrigin)) throw new IpcRefusedError(channel, 'the sender is not the app');
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new IpcRefusedError(channel, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Every message from a renderer is checked for its sender and validated before main acts on it. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'on'>, services: IpcServices): void {
  ipcMain.on(IPC_CHANNELS.bridgeConfig, (event: IpcMainEvent, ...args: unknown[]) => {
    try {
      checkedArguments(event, IPC_CHANNELS.bridgeConfig, NoArguments, args, services.appOrigin);
      event.returnValue = services.bridgeConfig();
    } catch {
      // A synchronous message cannot reject: a foreign or malformed request learns nothing.
      event.returnValue = null;
    }
  });

  ipcMain.handle(IPC_CHANNELS.openExternal, async (event, ...args: unknown[]) => {
    const [url] = checkedArguments(event, IPC_CHANNELS.openExternal, OpenExternalArguments, args, services.appOrigin);
    await services.openExternal(url);
  });

  ipcMain.handle(IPC_CHANNELS.chooseResumeFile, async (event, ...args: unknown[]) => {
    checkedArguments(event, IPC_CHANNELS.chooseResumeFile, NoArguments, args, services.appOrigin);
    return services.chooseResumeFile(event.sender);
  });
}
