import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { precompress } from './scripts/precompress.js'

// The browser talks to /api on its own origin; the dev and preview servers pass it on to the
// emulator or to a QuickBlox API host, so the API key never has to cross origins.
const apiTarget = process.env.QB_API_URL ?? 'http://127.0.0.1:3080'
const proxy = {
  '/api': {
    target: apiTarget,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/api/, ''),
  },
}

export default defineConfig({
  // Relative asset URLs: with the <base href> in index.html one build serves any path.
  base: './',
  // precompress: file.br and file.gz beside each asset, for nginx's brotli_static and gzip_static.
  plugins: [vue(), precompress()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@juggle/resize-observer': fileURLToPath(new URL('./src/shims/native-resize-observer.ts', import.meta.url)),
    },
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    sourcemap: false,
    reportCompressedSize: false,
    manifest: true,
    // Every supported browser knows <link rel="modulepreload">; the polyfill would only cost bytes.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // A screen in a few files, not 35 (most under 1 KB): what the first screen runs is one
        // chunk; the library parts and the app modules that two or more lazy screens share are one
        // chunk each (every signed-in screen needs most of them through the layout anyway);
        // what one screen alone uses stays in its own chunk, and the dark theme loads only when
        // chosen (scripts/size-budget.ts checks both).
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], priority: 20 },
            { name: 'ui', test: /node_modules/, minShareCount: 2, priority: 10 },
            // The app's own shared modules and the bundler's runtime (route views are never shared).
            { name: 'shared', test: (id: string) => !/[\\/]node_modules[\\/]/.test(id), minShareCount: 2, priority: 5 },
          ],
        },
      },
    },
  },
})
