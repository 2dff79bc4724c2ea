/** Where scripts/build-electron-native.mjs puts better-sqlite3's Electron-ABI build for a platform and architecture. */
export function electronNativeBindingFile(root: string, platform: NodeJS.Platform, arch: string): string;
