/**
 * The production build behind Debian's nginx, for `npm run test:hosted`: builds into a folder of
 * its own, edits config.json after the build (as a deployment would), renders deploy/nginx.conf
 * under the prefix for each site given, and runs nginx in the foreground until stopped. A
 * `--tls-site` speaks TLS and HTTP/2 with a self-signed certificate made for the run (openssl).
 *
 *   tsx scripts/hosted-server.ts --dir .data/hosted --prefix /desk/ --site 8080=http://127.0.0.1:3080 [--site …]
 *     [--tls-site 8443=http://127.0.0.1:3080] [--img-src "https://*.quickblox.com"]
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
    'tls-site': { type: 'string', multiple: true, default: [] },
    'img-src': { type: 'string', default: '' },
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

/** A self-signed certificate for 127.0.0.1, made once per run. */
function selfSignedCertificate(): { cert: string, key: string } {
  const cert = resolve(dir, 'tls-cert.pem')
  const key = resolve(dir, 'tls-key.pem')
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' })
  if (made.status !== 0)
    throw new Error(`hosted: openssl could not make a certificate for the TLS site:\n${made.stderr}`)
  return { cert, key }
}

function parseSite(site: string): [string, string] {
  const [listen, upstream] = site.split('=', 2)
  if (!listen || !upstream)
    throw new Error(`--site wants port=upstream, got "${site}"`)
  return [listen, upstream]
}

const tls = values['tls-site'].length ? selfSignedCertificate() : undefined
const servers = [
  ...values.site.map(parseSite).map(([listen, upstream]) => ({ listen, upstream, certificate: undefined })),
  ...values['tls-site'].map(parseSite).map(([listen, upstream]) => ({ listen, upstream, certificate: tls })),
].map(site => renderNginxSite({ listen: `127.0.0.1:${site.listen}`, prefix: values.prefix, dist, upstream: site.upstream, imgSrc: values['img-src'], tls: site.certificate }))
const conf = resolve(dir, 'nginx.conf')
writeFileSync(conf, renderStandaloneNginx(dir, servers))

const args = ['-p', dir, '-c', conf, '-e', resolve(dir, 'error.log'), '-g', 'daemon off;']
const check = spawnSync(nginx, [...args, '-t', '-q'], { stdio: 'inherit' })
if (check.status !== 0)
  process.exit(check.status ?? 1)

const child = spawn(nginx, args, { stdio: 'inherit' })
console.log(`hosted: nginx serving ${dist} under ${values.prefix} (${[...values.site, ...values['tls-site'].map(site => `TLS ${site}`)].join(', ')})`)
const stop = () => child.kill('SIGQUIT')
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
child.on('exit', code => process.exit(code ?? 0))
