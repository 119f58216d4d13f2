import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The renderer is served from app://offramp/ in Electron and from file:// in the
// test harness, so every URL in the bundle is relative.
export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: join(root, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // No inlined assets: everything is a file under 'self', as the CSP requires.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
  },
});
