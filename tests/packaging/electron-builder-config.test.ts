import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { Arch, build, Platform } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import packageJson from '../../package.json';
import { electronNativeBindingPath, NATIVE_BINDING_FILE } from '../../electron/main/native-binding';

const config = () => parse(readFileSync('electron-builder.yml', 'utf8'));

function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be refused by that schema if it were wrong (the check is live)', async () => {
    await expect(validateConfiguration({ ...config(), appIdentifier: 'misspelt appId' }, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
    await expect(
      validateConfiguration({ ...config(), electronFuses: { ...config().electronFuses, runAsNodes: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration/i);
  });

  it('names the app and builds AppImage, deb, NSIS and dmg', () => {
    expect(config()).toMatchObject({ appId: 'com.recruiterdesk.app', productName: packageJson.productName });
    expect(config().linux.target).toEqual(['AppImage', 'deb']);
    expect(config().win.target).toEqual(['nsis']);
    expect(config().mac.target).toEqual(['dmg']);
  });

  it('keeps the native module out of the asar archive and never rebuilds it through npm', () => {
    expect(config().asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config().npmRebuild).toBe(false);
  });

  it('ships the Electron-ABI build where the main process looks for it', () => {
    const [resource] = config().extraResources;
    const built = electronNativeBindingPath({ isPackaged: false, appPath: '.', resourcesPath: '', platform: process.platform, arch: process.arch });
    const from = (resource.from as string).replace('${platform}', process.platform).replace('${arch}', process.arch);
    expect(join(from)).toBe(join(built));
    const packaged = electronNativeBindingPath({ isPackaged: true, appPath: '', resourcesPath: '/Resources', platform: 'darwin', arch: 'arm64' });
    expect(join('/Resources', resource.to)).toBe(packaged);
    expect(packaged.endsWith(NATIVE_BINDING_FILE)).toBe(true);
  });

  it('agrees with the script that builds it on where the Electron-ABI build goes', async () => {
    const { electronNativeBindingFile } = await import('../../scripts/build-electron-native.mjs');
    for (const [platform, arch] of [['linux', 'x64'], ['darwin', 'arm64'], ['win32', 'x64']] as const) {
      expect(electronNativeBindingFile('/project', platform, arch)).toBe(
        electronNativeBindingPath({ isPackaged: false, appPath: '/project', resourcesPath: '', platform, arch }),
      );
    }
  });

  it('sets the Electron fuses: no running as Node, encrypted cookies, asar only and integrity-checked', () => {
    expect(config().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at a real icon set in resources/', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(config().linux.icon, `${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(pngSize('resources/icon.png')).toEqual([1024, 1024]);
    const ico = readFileSync(config().win.icon);
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]);
    const icns = readFileSync(config().mac.icon);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(existsSync('resources/icon.svg')).toBe(true);
  });

  // electron-builder refuses a deb without a maintainer and a homepage, and checks only
  // when it gets there: the options it would hand fpm are taken from a real Linux build
  // over an empty prepackaged app, stopped before fpm runs.
  it("gives the deb package what Debian asks of one: a maintainer and a homepage", async () => {
    const work = mkdtempSync(join(tmpdir(), 'rd-deb-'));
    try {
      const prepackaged = join(work, 'linux-unpacked');
      mkdirSync(join(prepackaged, 'resources'), { recursive: true });
      let fpmArgs: string[] = [];
      await build({
        targets: Platform.LINUX.createTarget('deb', Arch.x64),
        config: { ...config(), directories: { ...config().directories, output: join(work, 'dist') }, publish: null },
        prepackaged,
        effectiveOptionComputed: async ([args]: [string[]]) => {
          fpmArgs = args;
          return true;
        },
      });
      const option = (name: string) => fpmArgs[fpmArgs.indexOf(name) + 1];
      expect(option('--maintainer')).toBe(`${packageJson.author.name} <${packageJson.author.email}>`);
      expect(option('--url')).toBe(packageJson.homepage);
      expect(option('--name')).toBe('recruiter-desk');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

  it('packages the built app only, not the headless CLI bundles', () => {
    expect(config().files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(config().files).not.toContain('out/**');
  });
});
