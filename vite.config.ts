// Builds the two renderer apps (attendee phone app, operator dashboard) into dist/renderer/.
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const OUT = resolve(import.meta.dirname, 'dist/renderer');

/** Writes .br and .gz copies of the assets: the server sends them to phones that accept them. */
function precompress(): Plugin {
  return {
    name: 'findme-precompress',
    apply: 'build',
    closeBundle() {
      const dir = join(OUT, 'assets');
      for (const name of readdirSync(dir).filter((n) => /\.(js|css|svg)$/.test(n))) {
        const bytes = readFileSync(join(dir, name));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2020',
    // .vite/manifest.json: which files each app needs, so each listener serves its own app's only.
    manifest: 'manifest.json', // not .vite/: the installer's dist/**/* glob skips dot folders
    rollupOptions: {
      input: {
        attendee: resolve(import.meta.dirname, 'renderer/attendee/index.html'),
        dashboard: resolve(import.meta.dirname, 'renderer/dashboard/index.html'),
        wall: resolve(import.meta.dirname, 'renderer/wall/index.html'),
      },
    },
  },
});
