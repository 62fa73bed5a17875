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

/**
 * Library code that only some screens, or only parts loaded on a click, need: one chunk per kind
 * (pickers, text inputs, form fields, states, overlays, virtual lists), so a screen loads the kinds it shows
 * and no others. Everything else shared (what the layout needs: messages, icons, idb) is `ui`.
 */
function featureGroup(id: string): string | null {
  const naive = /naive-ui[\\/]es[\\/]([^\\/]+)(?:[\\/]([^\\/]+))?/.exec(id)
  const part = naive ? (naive[1] === '_internal' ? `_internal/${naive[2]}` : naive[1]!) : ''
  if (/[\\/](vueuc|treemate|vdirs)[\\/]|[\\/]icons[\\/]ChevronDown\./.test(id) || /^(select|popover|tag|_internal\/(selection|select-menu))$/.test(part))
    return 'ui-picker'
  if (/[\\/]icons[\\/](Eye|EyeOff|Clear)\./.test(id) || /^(input|_internal\/(clear|suffix))$/.test(part))
    return 'ui-input'
  // A form's rules and fields (what the overview and the new dialog show)…
  if (/[\\/]async-validator[\\/]/.test(id) || /^(form|switch|radio)$/.test(part))
    return 'ui-forms'
  // …and the rarer field kinds and what they bring, apart.
  if (/[\\/](date-fns|evtd)[\\/]|[\\/]_mixins[\\/]use-locale/.test(id) || /^(checkbox|locales|_internal\/scrollbar)$/.test(part))
    return 'ui-fields'
  if (/^(alert|empty)$/.test(part) || /[\\/]icons[\\/]Empty\./.test(id))
    return 'ui-states'
  if (/^(modal|dialog|drawer|notification|card|_internal\/(focus-trap|focus-detector))$/.test(part) || /[\\/](use-lock-html-scroll|use-adjusted-to|fade-in-scale-up\.cssr|use-click-position|use-clicked)\./.test(id))
    return 'ui-overlay'
  if (/[\\/]@tanstack[\\/]/.test(id))
    return 'ui-virtual'
  return null
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
        // A screen in a few files, not 35, and only the code it shows: what the first screen runs
        // is one chunk (boot); shared library code goes in `ui` plus one chunk per kind
        // (featureGroup); the app's shared stores, domain, API and layout code in `shell`; app
        // parts shared by a few screens by the exact set that uses them (`parts~A~B`); what one
        // screen alone uses stays in its own chunk. The dark theme loads only when chosen
        // (scripts/size-budget.ts checks the sizes and that).
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], priority: 20 },
            // lodash only with what needs it (a group takes its modules' imports along).
            { name: 'ui', test: (id: string) => /[\\/]node_modules[\\/]/.test(id) && !/[\\/]lodash-es[\\/]/.test(id) && !featureGroup(id), minShareCount: 2, priority: 15 },
            { name: 'ui-lodash', test: /[\\/]node_modules[\\/]lodash-es[\\/]/, minShareCount: 2, priority: 12 },
            { name: (id: string) => featureGroup(id) ?? 'ui', debugName: 'ui by kind', test: /[\\/]node_modules[\\/]/, minShareCount: 2, priority: 10 },
            { name: 'shell', test: /[\\/]src[\\/](stores|domain|api|activity|jobs|composables|views[\\/]layout)[\\/]/, minShareCount: 4, priority: 8 },
            // Small parts the layout shares with one or two screens, together rather than a chunk
            // each before the first row (the hosted serving spec allows 15 requests in all).
            { name: 'shell-parts', test: /[\\/]src[\\/](components[\\/](SegmentedRadio\.vue|ListPager\.vue|TypeBadge\.vue|shortcutKeys\.ts)|views[\\/]dialogs[\\/]lastListQuery\.ts)/, minShareCount: 2, priority: 8 },
            { name: 'parts', test: /[\\/]src[\\/]/, minShareCount: 2, priority: 5, entriesAware: true, entriesAwareMergeThreshold: 0 },
          ],
        },
      },
    },
  },
})
