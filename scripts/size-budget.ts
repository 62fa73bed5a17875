/**
 * Gzip size of the JavaScript each first screen needs, from the production build's manifest.
 * Sign-in: the entry chunk and its static imports. Dialog list: that plus the lazy chunks of
 * the layout and the list view with their static imports. Exits 1 over budget.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}
type Manifest = Record<string, ManifestChunk>

const KB = 1024
const BUDGETS = [
  { name: 'Sign-in screen', lazy: [] as string[], limit: 110 * KB },
  { name: 'Dialog list', lazy: ['src/views/layout/AppLayout.vue', 'src/views/dialogs/DialogListView.vue'], limit: 200 * KB },
]

const dist = join(process.cwd(), 'dist')
const manifestPath = join(dist, '.vite', 'manifest.json')
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: run \`vite build\` first (build.manifest must be on).`)
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest

/** The chunk's key and, recursively, the keys of everything it imports statically. */
function closure(key: string, into = new Set<string>()): Set<string> {
  if (into.has(key))
    return into
  const chunk = manifest[key]
  if (!chunk)
    throw new Error(`${key} is not in the build manifest`)
  into.add(key)
  for (const dep of chunk.imports ?? [])
    closure(dep, into)
  return into
}

const gzipCache = new Map<string, number>()
function gzipSize(file: string): number {
  let size = gzipCache.get(file)
  if (size === undefined) {
    size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
    gzipCache.set(file, size)
  }
  return size
}

const entry = Object.keys(manifest).find(key => manifest[key]!.isEntry)
if (!entry) {
  console.error('No entry chunk in the manifest.')
  process.exit(1)
}

let failed = false
for (const budget of BUDGETS) {
  const keys = closure(entry)
  for (const lazy of budget.lazy)
    closure(lazy, keys)
  const files = [...new Set([...keys].map(k => manifest[k]!.file).filter(f => f.endsWith('.js')))]
  const total = files.reduce((sum, f) => sum + gzipSize(f), 0)
  const ok = total <= budget.limit
  failed ||= !ok
  console.log(`${ok ? 'ok  ' : 'OVER'} ${budget.name}: ${(total / KB).toFixed(1)} KB gzip of JavaScript (budget ${budget.limit / KB} KB, ${files.length} files)`)
  for (const f of files.sort((a, b) => gzipSize(b) - gzipSize(a)))
    console.log(`       ${(gzipSize(f) / KB).toFixed(1).padStart(6)} KB  ${f}`)
}
process.exit(failed ? 1 : 0)
