// Builds the two renderer apps (attendee phone app, operator dashboard) into dist/renderer/.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: {
        attendee: resolve(import.meta.dirname, 'renderer/attendee/index.html'),
        dashboard: resolve(import.meta.dirname, 'renderer/dashboard/index.html'),
      },
    },
  },
});
