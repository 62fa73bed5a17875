/**
 * Gzip size of the JavaScript each screen needs before its first paint, from the production
 * build's manifest (issue 15, "Fast on a phone"): the entry chunk with its static imports, plus
 * the lazy chunks of the screen's route components (layout, parent, view) and any other lazy
 * module it loads before it paints, each with its static imports.
 *
 * Two kinds of lazy chunk:
 * - a route's screen (every `import()` of src/router/index.ts): budgeted in SCREENS, and a route
 *   with no budget fails;
 * - a part loaded on demand (a picker, a modal, the drawer, the dark theme…): not in any first
 *   paint; what one click costs, beyond the signed-in shell (entry and layout) it opens from, has
 *   its own budget, and so has all on-demand code together.
 * Also checks that the dark theme is in no screen's code (it loads only when chosen). Exits 1
 * over budget.
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
  css?: string[]
}
type Manifest = Record<string, ManifestChunk>

const KB = 1024
const LAYOUT = 'src/views/layout/AppLayout.vue'
const DIALOG = 'src/views/dialog/DialogView.vue'
/** The goal of issue 15, for every screen: cold JavaScript ≤ 150 KB gzip, sign-in ≤ 95 KB. */
const GOAL = 150 * KB
const SIGN_IN_GOAL = 95 * KB
const SCREENS: { name: string, lazy: string[], limit: number }[] = [
  { name: 'Sign-in', lazy: [], limit: SIGN_IN_GOAL },
  { name: 'Dialog list', lazy: [LAYOUT, 'src/views/dialogs/DialogListView.vue'], limit: GOAL },
  { name: 'New dialog', lazy: [LAYOUT, 'src/views/dialog-new/DialogCreateView.vue'], limit: GOAL },
  { name: 'Dialog overview', lazy: [LAYOUT, DIALOG, 'src/views/dialog/overview/DialogOverviewView.vue'], limit: GOAL },
  { name: 'Members', lazy: [LAYOUT, DIALOG, 'src/views/dialog/members/MembersTab.vue'], limit: GOAL },
  { name: 'Messages', lazy: [LAYOUT, DIALOG, 'src/views/dialog/messages/MessagesTab.vue'], limit: GOAL },
  { name: 'Activity', lazy: [LAYOUT, 'src/views/activity/ActivityView.vue'], limit: GOAL },
  { name: 'Users', lazy: [LAYOUT, 'src/views/users/UsersView.vue'], limit: GOAL },
  // The route's beforeEnter asks for the page's data (prefetch.ts) while the view loads.
  { name: 'User page', lazy: [LAYOUT, 'src/views/users/UserView.vue', 'src/views/users/prefetch.ts'], limit: GOAL },
  { name: 'Page not found', lazy: ['src/views/not-found/NotFoundView.vue'], limit: GOAL },
]
/**
 * Parts loaded on a click or when the browser is idle: the most one of them may add to the screen
 * it opens from (the largest are the filter panels: a text field and the user picker, naive-ui's
 * input and select), and all of them together.
 */
const ON_DEMAND_EACH = 75 * KB
const ON_DEMAND_ALL = 200 * KB
/** Loaded only when chosen: in no screen's first code. */
const ON_DEMAND_ONLY = ['src/theme/dark.ts']

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
    throw new Error(`${key} is not in the build manifest (renamed? update scripts/size-budget.ts)`)
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

const jsFiles = (keys: Iterable<string>) => [...new Set([...keys].map(k => manifest[k]!.file).filter(f => f.endsWith('.js')))]
const total = (files: string[]) => files.reduce((sum, f) => sum + gzipSize(f), 0)
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

const entry = Object.keys(manifest).find(key => manifest[key]!.isEntry)
if (!entry) {
  console.error('No entry chunk in the manifest.')
  process.exit(1)
}

let failed = false
const covered = new Set<string>()
for (const screen of SCREENS) {
  const keys = closure(entry)
  for (const lazy of screen.lazy) {
    closure(lazy, keys)
    covered.add(lazy)
  }
  const files = jsFiles(keys)
  const styles = new Set([...keys].flatMap(k => manifest[k]!.css ?? []))
  const size = total(files)
  const ok = size <= screen.limit
  failed ||= !ok
  console.log(`${ok ? 'ok  ' : 'OVER'} ${screen.name}: ${kb(size)} gzip of JavaScript (goal ${screen.limit / KB} KB) in ${files.length} JS and ${styles.size} CSS files`)
  for (const f of files.sort((a, b) => gzipSize(b) - gzipSize(a)))
    console.log(`       ${(gzipSize(f) / KB).toFixed(1).padStart(6)} KB  ${f}`)
  for (const key of ON_DEMAND_ONLY) {
    if (keys.has(key)) {
      failed = true
      console.log(`FAIL ${screen.name} loads ${key} before its first paint; it is meant to load only on demand`)
    }
  }
}

// Every route's lazy component must be a budgeted screen; the router is where routes are made.
const router = readFileSync(join(process.cwd(), 'src/router/index.ts'), 'utf8')
const routeViews = [...router.matchAll(/import\('@\/([^']+)'\)/g)]
  .map(m => [`src/${m[1]}`, `src/${m[1]}.ts`].find(key => manifest[key]) ?? `src/${m[1]}`)
for (const view of routeViews.filter(v => !covered.has(v))) {
  failed = true
  console.log(`FAIL ${view} is loaded by a route but has no budget: add its screen to SCREENS in scripts/size-budget.ts`)
}

// Everything else loaded lazily is on demand. What one costs: its code beyond the first code of
// the cheapest screen it opens from (beyond the signed-in shell when it opens from another part).
const screenKeys = SCREENS.map(screen => screen.lazy.reduce((keys, lazy) => closure(lazy, keys), closure(entry)))
const shell = closure(LAYOUT, closure(entry))
// (A part the bundler merged into a shared chunk is named by that chunk.)
const onDemand = [...new Set(Object.values(manifest).flatMap(c => c.dynamicImports ?? []))]
  .filter(k => !covered.has(k) && !ON_DEMAND_ONLY.includes(k))
const allExtra = new Set<string>()
const parts = onDemand.map((key) => {
  const importers = Object.keys(manifest).filter(k => manifest[k]!.dynamicImports?.includes(key))
  const from = screenKeys.filter(keys => importers.some(i => keys.has(i)))
  const sizes = (from.length ? from : [shell]).map(loaded => jsFiles([...closure(key)].filter(k => !loaded.has(k))))
  const extra = sizes.sort((a, b) => total(a) - total(b))[0]!
  jsFiles([...closure(key)].filter(k => !shell.has(k))).forEach(f => allExtra.add(f))
  return { key, size: total(extra), files: extra.length }
}).filter(part => part.files > 0).sort((a, b) => b.size - a.size)
const allSize = total([...allExtra])
const allOk = allSize <= ON_DEMAND_ALL
failed ||= !allOk
console.log(`${allOk ? 'ok  ' : 'OVER'} On demand (${parts.length} parts, in no screen's first paint): ${kb(allSize)} gzip together beyond the signed-in shell (budget ${ON_DEMAND_ALL / KB} KB); each at most ${ON_DEMAND_EACH / KB} KB beyond the screen it opens from`)
for (const part of parts) {
  const ok = part.size <= ON_DEMAND_EACH
  failed ||= !ok
  console.log(`  ${ok ? '    ' : 'OVER'} ${kb(part.size).padStart(8)} in ${part.files} JS  ${part.key}`)
}
for (const key of ON_DEMAND_ONLY)
  console.log(`       ${kb(total(jsFiles([...closure(key)].filter(k => !shell.has(k))))).padStart(8)} when chosen  ${key}`)

for (const key of ON_DEMAND_ONLY) {
  if (!manifest[key]?.isDynamicEntry) {
    failed = true
    console.log(`FAIL ${key} is not a lazy chunk of its own`)
  }
}
process.exit(failed ? 1 : 0)
