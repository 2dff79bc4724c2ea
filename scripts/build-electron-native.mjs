// Builds better-sqlite3 for Electron's ABI into
// node_modules/.electron-native/<platform>-<arch>/better_sqlite3.node, beside the
// Node build in node_modules/better-sqlite3 that the tests and `serve` load. The
// desktop app opens its database with this file as `nativeBinding`
// (electron/main/native-binding.ts), so neither build ever replaces the other.
//
// It works on a copy of the package: electron-rebuild and friends rebuild in
// place, and a failed rebuild there leaves no Node build behind. A prebuilt
// binary is fetched (prebuild-install, from GitHub) when one exists for this
// Electron, else it compiles against Electron's headers (node-gyp, from
// electronjs.org). Both need the internet; an up-to-date build is never redone.
//
//   node scripts/build-electron-native.mjs [--arch x64|arm64] [--force]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));

/** Must match electronNativeBindingPath() in electron/main/native-binding.ts. */
export function electronNativeBindingFile(root, platform, arch) {
  return join(root, 'node_modules', '.electron-native', `${platform}-${arch}`, 'better_sqlite3.node');
}

function optionValue(args, name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
}

function run(command, args, cwd) {
  return spawnSync(process.execPath, [command, ...args], { cwd, stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

function main(args) {
  const platform = process.platform;
  const arch = optionValue(args, '--arch', process.arch);
  const electronVersion = require('electron/package.json').version;
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const target = electronNativeBindingFile(projectRoot, platform, arch);
  const stampFile = join(dirname(target), 'build.json');
  const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch });

  if (!args.includes('--force') && existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) is up to date.`);
    return 0;
  }

  const work = mkdtempSync(join(tmpdir(), 'recruiter-desk-native-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(packageDir, copy, { recursive: true, filter: (source) => !['build', 'node_modules'].includes(basename(source)) });
    const electronTarget = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`];
    const built =
      run(require.resolve('prebuild-install/bin.js'), [...electronTarget, `--platform=${platform}`], copy) ||
      run(require.resolve('node-gyp/bin/node-gyp.js'), ['rebuild', '--release', ...electronTarget, '--dist-url=https://electronjs.org/headers'], copy);
    const output = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!built || !existsSync(output)) {
      console.error(
        `Could not build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): it needs the internet (GitHub or electronjs.org); the Node build in node_modules is untouched.`,
      );
      return 1;
    }
    mkdirSync(dirname(target), { recursive: true });
    cpSync(output, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    writeFileSync(stampFile, stamp);
    console.log(`Built better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) at ${target}.`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
