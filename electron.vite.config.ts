import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config.mts';

const sharedAlias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: { rollupOptions: { input: { index: fileURLToPath(new URL('./electron/main/index.ts', import.meta.url)) } } },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: { rollupOptions: { input: { index: fileURLToPath(new URL('./electron/preload/index.ts', import.meta.url)) } } },
  },
  renderer: rendererConfig,
});
