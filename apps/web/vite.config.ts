import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The Koers web client: built into apps/web/dist, which the API serves at `/`. */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      // The /collab Socket.IO namespace (documents); add http://localhost:5173 to KOERS_ALLOWED_ORIGINS in dev.
      '/socket.io': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
});
