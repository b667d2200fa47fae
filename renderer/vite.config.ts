import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from '../shared/security/csp.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs work both from the web shell (http://127.0.0.1) and Electron's app:// scheme.
  base: './',
  plugins: [
    react(),
    {
      name: 'mqtt-lab-csp',
      transformIndexHtml: (html) => html.replace('%CSP%', contentSecurityPolicy),
    },
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
});
