import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { readJsonFile, writePrivateFile } from '../core/private-files';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };
/** How much of the window must stay on a display to count as visible: enough to grab the title bar. */
const MIN_VISIBLE = { width: 120, height: 40 };

const Dimension = z.number().int().min(1).max(100_000);
const Coordinate = z.number().int().min(-100_000).max(100_000);

/** Written by us, but read back as untrusted: the file may be stale, hand-edited or half a write from an old build. */
export const WindowStateSchema = z.object({
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: Dimension,
  height: Dimension,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export function windowStatePath(dataDir: string): string {
  return join(dataDir, WINDOW_STATE_FILE);
}

/** The saved state, or undefined when there is none or it does not parse. */
export function readWindowState(file: string): WindowState | undefined {
  return readJsonFile(file, WindowStateSchema);
}

export function writeWindowState(file: string, state: WindowState): void {
  writePrivateFile(file, JSON.stringify(state) + '\n');
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));

/**
 * Where the window opens: the saved bounds if enough of them is on a display
 * that still exists, pulled fully onto it and no larger than it; otherwise the
 * saved size (capped) centred on the primary display, as a fresh window would be.
 */
export function fitToDisplays(state: WindowState | undefined, workAreas: Rectangle[], primary: Rectangle): WindowState {
  if (!state) {
    const width = Math.min(DEFAULT_WINDOW_SIZE.width, primary.width);
    return { width, height: Math.min(DEFAULT_WINDOW_SIZE.height, primary.height), maximized: false };
  }
  if (state.x !== undefined && state.y !== undefined) {
    const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
    const display = workAreas.find((area) => {
      const shared = overlap(bounds, area);
      return shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height;
    });
    if (display) {
      const width = clamp(state.width, MIN_WINDOW_SIZE.width, display.width);
      const height = clamp(state.height, MIN_WINDOW_SIZE.height, display.height);
      return {
        x: clamp(state.x, display.x, display.x + display.width - width),
        y: clamp(state.y, display.y, display.y + display.height - height),
        width,
        height,
        maximized: state.maximized,
      };
    }
  }
  return {
    width: clamp(state.width, MIN_WINDOW_SIZE.width, primary.width),
    height: clamp(state.height, MIN_WINDOW_SIZE.height, primary.height),
    maximized: state.maximized,
  };
}

/** The window's restored (not maximized) bounds, so un-maximizing next time lands where the user left it. */
export function currentWindowState(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

/**
 * Saves on close: moves and resizes in between are many, and only the last one
 * matters. A Windows shutdown, restart or log-off ends the app with no close
 * (nor quit) event, only session-end, so it saves then too.
 */
export function rememberWindowState(
  window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'on'>,
  file: string,
  reportError: (error: unknown) => void,
): void {
  const save = () => {
    try {
      writeWindowState(file, currentWindowState(window));
    } catch (error) {
      reportError(error);
    }
  };
  window.on('close', save);
  window.on('session-end', save);
}
