import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  fitToDisplays,
  MIN_WINDOW_SIZE,
  readWindowState,
  rememberWindowState,
  windowStatePath,
  writeWindowState,
} from '../../electron/main/window-state';
import { makeTempDir } from '../helpers/temp-dir';
import { FakeBrowserWindow, FakeEvent, resetFakeElectron } from './fake-electron';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
    resetFakeElectron();
  });
  afterEach(() => temp.remove());

  it('reads back what was written', () => {
    const file = windowStatePath(temp.dir);
    writeWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('ignores a missing, corrupt or ill-typed file', () => {
    const file = windowStatePath(temp.dir);
    expect(readWindowState(file)).toBeUndefined();
    const unusable = [
      '{"x": 1, "y"',
      '[]',
      '{"width": "800", "height": 600, "maximized": false}',
      '{"width": 800.5, "height": 600, "maximized": false}',
      '{"width": -5, "height": 600, "maximized": false}',
    ];
    for (const content of unusable) {
      writeFileSync(file, content);
      expect(readWindowState(file), content).toBeUndefined();
    }
  });

  it('saves the restored bounds and maximized flag when the window closes', () => {
    const file = join(temp.dir, 'window-state.json');
    const window = new FakeBrowserWindow({ x: 50, y: 60, width: 1100, height: 750 });
    window.maximized = true;
    rememberWindowState(window as any, file, vi.fn());
    window.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1100, height: 750, maximized: true });
  });

  it('saves when a Windows shutdown or log-off ends the session, which closes no window', () => {
    const file = join(temp.dir, 'window-state.json');
    const window = new FakeBrowserWindow({ x: 50, y: 60, width: 1100, height: 750 });
    rememberWindowState(window as any, file, vi.fn());
    window.emit('session-end', new FakeEvent(), ['shutdown']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1100, height: 750, maximized: false });
  });

  it('reports a failed save rather than throwing from the close event', () => {
    const reportError = vi.fn();
    const window = new FakeBrowserWindow({ width: 800, height: 600 });
    rememberWindowState(window as any, join(temp.dir, 'missing-folder', 'window-state.json'), reportError);
    window.close();
    expect(reportError).toHaveBeenCalledOnce();
  });
});

describe('fitToDisplays', () => {
  it('opens a first window at the default size, centred (no position)', () => {
    expect(fitToDisplays(undefined, [laptop], laptop)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('keeps bounds that are on a display', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 900, maximized: false };
    expect(fitToDisplays(state, [laptop, monitorOnTheRight], laptop)).toEqual(state);
  });

  it("pulls a window hanging off a display's edge fully onto it", () => {
    const state = { x: 1000, y: 500, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(state, [laptop], laptop)).toEqual({ x: 440, y: 170, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than its display', () => {
    const state = { x: 1500, y: 0, width: 2500, height: 1400, maximized: true };
    expect(fitToDisplays(state, [laptop], laptop)).toEqual({ width: 1440, height: 870, maximized: true });
    expect(fitToDisplays({ ...state, x: 0 }, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 870, maximized: true });
  });

  it('forgets the position when its display is gone (the monitor was unplugged)', () => {
    const state = { x: 2000, y: 200, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop], laptop)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('treats a sliver on screen as off screen', () => {
    const state = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(state, [laptop], laptop).x).toBeUndefined();
  });

  it('never goes below the minimum size', () => {
    const fitted = fitToDisplays({ x: 0, y: 0, width: 10, height: 10, maximized: false }, [laptop], laptop);
    expect([fitted.width, fitted.height]).toEqual([MIN_WINDOW_SIZE.width, MIN_WINDOW_SIZE.height]);
  });
});
