import { join } from 'node:path';

/**
 * better-sqlite3's compiled addon for Electron's ABI. node_modules keeps the
 * Node build (the tests and `serve` load it); scripts/build-electron-native.mjs
 * puts the Electron build beside it, and electron-builder ships it as an extra
 * resource. The database is opened with this path as `nativeBinding`, so
 * neither build ever replaces the other.
 */
export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export interface NativeBindingLocation {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development. */
  appPath: string;
  /** process.resourcesPath: beside app.asar in a packaged app. */
  resourcesPath: string;
  platform: NodeJS.Platform;
  arch: string;
}

/** Must match electronNativeBindingFile() in scripts/build-electron-native.mjs and extraResources in electron-builder.yml. */
export function electronNativeBindingPath({ isPackaged, appPath, resourcesPath, platform, arch }: NativeBindingLocation): string {
  if (isPackaged) return join(resourcesPath, 'native', NATIVE_BINDING_FILE);
  return join(appPath, 'node_modules', '.electron-native', `${platform}-${arch}`, NATIVE_BINDING_FILE);
}
