/**
 * Gzip size of the JavaScript each screen needs before its first paint, from the production
 * build's manifest: the entry chunk with its static imports, plus the lazy chunks of the
 * screen's route components (layout, parent, view) and any other lazy module it loads before
 * it paints, each with its static imports. Also checks that every lazy view of src/views/ has a
 * budget (a new route must be added here) and that the dark theme is in no screen's code
 * (it loads only when chosen). Exits 1 over budget.
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
/**
 * Cold JavaScript per screen (gzip, level 9). The goal (issue 15): every screen ≤ 150 KB,
 * sign-in ≤ 95 KB. The signed-in screens are held at their present size until their views load
 * the user picker, modals and forms on first use; lower a limit whenever a screen shrinks.
 */
const GOAL = 150 * KB
const SCREENS: { name: string, lazy: string[], limit: number }[] = [
  { name: 'Sign-in', lazy: [], limit: 95 * KB },
  { name: 'Dialog list', lazy: [LAYOUT, 'src/views/dialogs/DialogListView.vue'], limit: 197 * KB },
  { name: 'New dialog', lazy: [LAYOUT, 'src/views/dialog-new/DialogCreateView.vue'], limit: 197 * KB },
  { name: 'Dialog overview', lazy: [LAYOUT, DIALOG, 'src/views/dialog/overview/DialogOverviewView.vue'], limit: 200 * KB },
  { name: 'Members', lazy: [LAYOUT, DIALOG, 'src/views/dialog/members/MembersTab.vue'], limit: 209 * KB },
  { name: 'Messages', lazy: [LAYOUT, DIALOG, 'src/views/dialog/messages/MessagesTab.vue'], limit: 210 * KB },
  { name: 'Activity', lazy: [LAYOUT, 'src/views/activity/ActivityView.vue'], limit: 202 * KB },
  { name: 'Page not found', lazy: ['src/views/not-found/NotFoundView.vue'], limit: 150 * KB },
]
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
  const files = [...new Set([...keys].map(k => manifest[k]!.file).filter(f => f.endsWith('.js')))]
  const styles = new Set([...keys].flatMap(k => manifest[k]!.css ?? []))
  const total = files.reduce((sum, f) => sum + gzipSize(f), 0)
  const ok = total <= screen.limit
  failed ||= !ok
  const goal = screen.limit > GOAL ? `, goal ${GOAL / KB} KB` : ''
  console.log(`${ok ? 'ok  ' : 'OVER'} ${screen.name}: ${(total / KB).toFixed(1)} KB gzip of JavaScript (budget ${screen.limit / KB} KB${goal}) in ${files.length} JS and ${styles.size} CSS files`)
  for (const f of files.sort((a, b) => gzipSize(b) - gzipSize(a)))
    console.log(`       ${(gzipSize(f) / KB).toFixed(1).padStart(6)} KB  ${f}`)
  for (const key of ON_DEMAND_ONLY) {
    if (keys.has(key)) {
      failed = true
      console.log(`FAIL ${screen.name} loads ${key} before its first paint; it is meant to load only on demand`)
    }
  }
}

const views = Object.values(manifest).filter(c => c.isDynamicEntry && c.src?.startsWith('src/views/')).map(c => c.src!)
for (const view of views.filter(v => !covered.has(v))) {
  failed = true
  console.log(`FAIL ${view} is a lazy view with no budget: add its screen to SCREENS in scripts/size-budget.ts`)
}
for (const key of ON_DEMAND_ONLY) {
  if (!manifest[key]?.isDynamicEntry) {
    failed = true
    console.log(`FAIL ${key} is not a lazy chunk of its own`)
  }
}
process.exit(failed ? 1 : 0)
