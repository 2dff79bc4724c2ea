import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json';
import { electronNativeBindingPath } from '../../electron/main/native-binding';
import { makeTempDir } from '../helpers/temp-dir';
import * as fakeElectron from './fake-electron';

const electronVite = join('node_modules', 'electron-vite', 'bin', 'electron-vite.js');

function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);
}

/** Runs the bundled preload as Electron's sandbox does: a CommonJS function whose require knows only 'electron'. */
function runSandboxedPreload(code: string) {
  const exposed: Record<string, unknown> = {};
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      sendSync: vi.fn(() => ({ apiBaseUrl: 'http://127.0.0.1:4319', apiToken: 'token-abcdefghijklmnopqrstuv', appVersion: '0.1.0' })),
      invoke: vi.fn(),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return electron;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
  return exposed;
}

// electron-vite builds main, preload and renderer (about 5-15 s here). Into a folder of this
// run's own, under out/ so the bundle finds node_modules: other tests serve out/renderer.
describe('npm run build (electron-vite build)', { timeout: 120_000 }, () => {
  let build: ReturnType<typeof spawnSync>;
  let outDir: string;
  const built = (...path: string[]) => join(outDir, ...path);
  beforeAll(() => {
    mkdirSync('out', { recursive: true });
    outDir = resolve(mkdtempSync(join('out', 'build-test-')));
    build = spawnSync(process.execPath, [electronVite, 'build', '--outDir', outDir], { encoding: 'utf8', timeout: 110_000 });
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('succeeds', () => {
    expect(build.status, String(build.stderr)).toBe(0);
  });

  it('bundles main as CommonJS that loads Electron and the native store at run time', () => {
    const main = readFileSync(built('main', 'index.js'), 'utf8');
    expect(requiredModules(main)).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    expect(main).not.toMatch(/^\s*(import|export)\s/m);
  });

  it("requires at run time only Node's own modules, Electron and production dependencies (which electron-builder packages)", () => {
    const main = readFileSync(built('main', 'index.js'), 'utf8');
    const packaged = new Set(Object.keys(packageJson.dependencies));
    const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    const unpackaged = requiredModules(main).filter(
      (specifier) => !specifier.startsWith('node:') && specifier !== 'electron' && !packaged.has(packageName(specifier)),
    );
    expect(unpackaged).toEqual([]);
  });

  it('bundles a sandbox-safe preload: CommonJS, requiring only electron', () => {
    const preload = readFileSync(built('preload', 'index.js'), 'utf8');
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).not.toMatch(/\bexports\b/);
  });

  it('has the preload expose window.recruiterDesk and nothing else', () => {
    const exposed = runSandboxedPreload(readFileSync(built('preload', 'index.js'), 'utf8'));
    expect(Object.keys(exposed)).toEqual(['recruiterDesk']);
    expect(Object.keys(exposed.recruiterDesk as object).sort()).toEqual([
      'apiBaseUrl',
      'apiToken',
      'appVersion',
      'chooseResumeFile',
      'onMenuCommand',
      'openExternal',
    ]);
  });

  it('builds the renderer with relative asset paths, so the local API can serve it at /', () => {
    const html = readFileSync(built('renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.startsWith('./')).toBe(true);
      expect(existsSync(built('renderer', script))).toBe(true);
    }
  });

  describe('the bundled main process, run against the fake electron', () => {
    const temps: Array<ReturnType<typeof makeTempDir>> = [];
    const moduleLoader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const realLoad = moduleLoader._load;
    afterEach(async () => {
      if (!fakeElectron.app.quitted) {
        fakeElectron.app.quit();
        await vi.waitFor(() => expect(fakeElectron.app.quitted).toBe(true), { timeout: 10_000 });
      }
      moduleLoader._load = realLoad;
      for (const temp of temps.splice(0)) temp.remove();
    });

    it("starts the service, serves out/renderer at the window's URL under the CSP, and points at out/preload", async () => {
      fakeElectron.resetFakeElectron();
      const userData = makeTempDir('recruiter-desk-userdata-');
      const appRoot = makeTempDir('recruiter-desk-approot-');
      temps.push(userData, appRoot);
      fakeElectron.app.userData = userData.dir;
      fakeElectron.app.appPath = appRoot.dir;
      const binding = electronNativeBindingPath({ isPackaged: false, appPath: appRoot.dir, resourcesPath: '', platform: process.platform, arch: process.arch });
      mkdirSync(join(binding, '..'), { recursive: true });
      copyFileSync(join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);

      // The bundle's require('electron') gets the fake; everything else loads from node_modules as in the app.
      moduleLoader._load = function (request: string, ...rest: unknown[]) {
        return request === 'electron' ? fakeElectron : realLoad.call(this, request, ...rest);
      };
      createRequire(import.meta.url)(resolve(built('main', 'index.js')));
      fakeElectron.app.becomeReady();
      await vi.waitFor(() => expect(fakeElectron.BrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });

      const [window] = fakeElectron.BrowserWindow.getAllWindows();
      expect(window!.options.webPreferences.preload).toBe(resolve(built('preload', 'index.js')));
      expect(existsSync(window!.options.webPreferences.preload)).toBe(true);
      const page = await fetch(window!.loadedUrl!);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync(built('renderer', 'index.html'), 'utf8'));
      const headers = vi.fn();
      fakeElectron.session.defaultSession.headersListener?.({ url: window!.loadedUrl, responseHeaders: {} }, headers);
      expect(headers.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0]).toContain(`connect-src ${new URL(window!.loadedUrl!).origin}`);
    });
  });
});

