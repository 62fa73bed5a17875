/**
 * The production build behind Debian's nginx, for `npm run test:hosted`: builds into a folder of
 * its own, edits config.json after the build (as a deployment would), renders deploy/nginx.conf
 * under the prefix for each site given, and runs nginx in the foreground until stopped.
 *
 *   tsx scripts/hosted-server.ts --dir .data/hosted --prefix /desk/ --site 8080=http://127.0.0.1:3080 [--site …]
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { renderNginxSite, renderStandaloneNginx } from './render-nginx'

const { values } = parseArgs({
  options: {
    'dir': { type: 'string', default: '.data/hosted' },
    'prefix': { type: 'string', default: '/desk/' },
    'site': { type: 'string', multiple: true, default: [] },
    'config': { type: 'string', default: '{}' },
    'skip-build': { type: 'boolean', default: false },
  },
})

const root = resolve(import.meta.dirname, '..')
const dir = resolve(root, values.dir)
const dist = resolve(dir, 'dist')
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(p => existsSync(p))
if (!nginx) {
  console.error('hosted: no nginx found (apt-get install -y nginx-light)')
  process.exit(1)
}

if (!values['skip-build']) {
  rmSync(dir, { recursive: true, force: true })
  const build = spawnSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0)
    process.exit(build.status ?? 1)
}
mkdirSync(dir, { recursive: true })

// config.json is edited after the build, as an operator would.
const configFile = resolve(dist, 'config.json')
const edited = { ...JSON.parse(readFileSync(configFile, 'utf8')) as object, ...JSON.parse(values.config) as object }
writeFileSync(configFile, `${JSON.stringify(edited, null, 2)}\n`)

const servers = values.site.map((site) => {
  const [listen, upstream] = site.split('=', 2)
  if (!listen || !upstream)
    throw new Error(`--site wants port=upstream, got "${site}"`)
  return renderNginxSite({ listen: `127.0.0.1:${listen}`, prefix: values.prefix, dist, upstream })
})
const conf = resolve(dir, 'nginx.conf')
writeFileSync(conf, renderStandaloneNginx(dir, servers))

const args = ['-p', dir, '-c', conf, '-e', resolve(dir, 'error.log'), '-g', 'daemon off;']
const check = spawnSync(nginx, [...args, '-t', '-q'], { stdio: 'inherit' })
if (check.status !== 0)
  process.exit(check.status ?? 1)

const child = spawn(nginx, args, { stdio: 'inherit' })
console.log(`hosted: nginx serving ${dist} under ${values.prefix} (${values.site.join(', ')})`)
const stop = () => child.kill('SIGQUIT')
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
child.on('exit', code => process.exit(code ?? 0))
