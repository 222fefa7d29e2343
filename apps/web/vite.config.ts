import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants as zlib } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The Koers web client: built into apps/web/dist, which the API serves at `/`. */
export default defineConfig({
  root,
  plugins: [
    react(),
    // Brotli and gzip copies next to every text asset, made once at build time at the highest level; the API
    // serves the one the browser accepts (apps/api/src/http/web-client.ts), so nothing is compressed per request.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(html|js|css|svg|txt)$/,
      threshold: 0,
      skipIfLargerOrEqual: true,
    }),
  ],
  // The wire types, labels and protocol constants shared with the API (libs/contracts, no server code).
  resolve: { alias: { '@koers/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: which chunks each screen loads, for scripts/check-web-bundle.mjs (never served).
    manifest: true,
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
