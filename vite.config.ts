import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

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
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: { sourcemap: false, reportCompressedSize: false, manifest: true },
})
