// Stands in for @juggle/resize-observer (vueuc's fallback, ~3 KB gzip in the first screen's code):
// vueuc uses the browser's own ResizeObserver whenever there is one, and every browser the
// dashboard supports has one. Wired in by the alias in vite.config.ts.
export const ResizeObserver = globalThis.ResizeObserver
export const ResizeObserverEntry = globalThis.ResizeObserverEntry
