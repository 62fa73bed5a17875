/**
 * Renders deploy/nginx.conf for one site. Used by the hosted test suite, the page benchmark and
 * for a real deployment:
 *   tsx scripts/render-nginx.ts --prefix /desk/ --dist /srv/dialog-desk --upstream https://api.quickblox.com --listen 80
 *     [--tls-cert FILE --tls-key FILE] [--img-src "https://*.quickblox.com"] [--no-brotli]
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

export interface NginxSite {
  /** Port or address:port. */
  listen: string
  /** Path prefix, e.g. `/` or `/desk/` (slashes added when missing). */
  prefix: string
  /** Absolute path of the built dist/ folder. */
  dist: string
  /** API host the /api/ proxy passes to, e.g. `https://api.quickblox.com`. */
  upstream: string
  /** Image sources allowed besides the default `'self' data: blob:`, e.g. `https://*.quickblox.com`. */
  imgSrc?: string
  /** Certificate chain and key files: the site speaks TLS and HTTP/2. */
  tls?: { cert: string, key: string }
  /** Leave out `brotli_static` (an nginx without libnginx-mod-http-brotli-static). */
  noBrotli?: boolean
}

/** What the dashboard itself needs: its own files, inline data URLs, object URLs of attachments it fetched. */
export const DEFAULT_IMG_SRC = '\'self\' data: blob:'
/** Where Debian's libnginx-mod-http-brotli-static puts the module. */
export const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'

const TEMPLATE = resolve(import.meta.dirname, '..', 'deploy', 'nginx.conf')
// A CSP source expression: a keyword in quotes, a scheme (https:), or [scheme://]host[:port][/path]
// with a leading *. for subdomains. Nothing that could end the header or the directive.
const IMG_SOURCE = /^(?:'(?:self|none)'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[\w\-./~%]*)?)$/i

/** `'self' data: blob:` and the sources given (space-separated); throws on anything that is not a source expression. */
export function imgSrcDirective(extra = ''): string {
  const sources = extra.split(/\s+/).filter(Boolean)
  for (const source of sources) {
    if (!IMG_SOURCE.test(source))
      throw new Error(`--img-src: "${source}" is not a CSP source (e.g. https://*.quickblox.com)`)
  }
  return [...new Set([...DEFAULT_IMG_SRC.split(' '), ...sources])].join(' ')
}

/** The server block of deploy/nginx.conf with the site's values filled in. */
export function renderNginxSite(site: NginxSite, template = readFileSync(TEMPLATE, 'utf8')): string {
  const prefix = `/${site.prefix.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/')
  const dist = `${resolve(site.dist)}/`
  const upstream = site.upstream.replace(/\/+$/, '')
  if (!/^https?:\/\/[^/\s]+$/.test(upstream))
    throw new Error(`upstream must be scheme://host[:port] without a path, got "${site.upstream}"`)
  const tls = site.tls ? { cert: resolve(site.tls.cert), key: resolve(site.tls.key) } : null
  if (/[\s;{}'"]/.test(prefix + dist + site.listen + (tls ? tls.cert + tls.key : '')))
    throw new Error('prefix, dist, listen and the TLS files may not contain spaces, quotes, braces or semicolons')
  const drop = (line: string) => (prefix === '/' && line.includes('# prefix only'))
    || (!tls && line.includes('# TLS only'))
    || (!!tls && line.includes('# without TLS'))
    || (!!site.noBrotli && line.includes('# brotli only'))
  // The leading comment explains the placeholders; the rendered file starts at the server block.
  return template
    .slice(template.indexOf('server {'))
    .split('\n')
    .filter(line => !drop(line))
    .join('\n')
    .replaceAll('{{PREFIX_BARE}}', prefix.slice(0, -1))
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{DIST}}', dist)
    .replaceAll('{{UPSTREAM}}', upstream)
    .replaceAll('{{LISTEN}}', site.listen)
    .replaceAll('{{IMG_SRC}}', imgSrcDirective(site.imgSrc))
    .replaceAll('{{TLS_CERT}}', tls?.cert ?? '')
    .replaceAll('{{TLS_KEY}}', tls?.key ?? '')
}

/**
 * A whole nginx.conf for running nginx unprivileged-style in one folder (`nginx -p dir -c conf`).
 * Loads Debian's brotli_static module when a server uses it, and says how to get it when missing.
 */
export function renderStandaloneNginx(dir: string, servers: string[]): string {
  const root = process.getuid?.() === 0
  const brotli = servers.some(server => /^\s*brotli_static on;/m.test(server))
  if (brotli && !existsSync(BROTLI_STATIC_MODULE))
    throw new Error(`brotli_static needs ${BROTLI_STATIC_MODULE}: apt-get install -y libnginx-mod-http-brotli-static (or render with noBrotli)`)
  return `# Generated for a test run; every path is inside ${dir}.
${brotli ? `load_module ${BROTLI_STATIC_MODULE};\n` : ''}${root ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    sendfile on;
${servers.join('\n')}
}
`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'prefix': { type: 'string', default: '/' },
      'dist': { type: 'string', default: 'dist' },
      'upstream': { type: 'string', default: 'https://api.quickblox.com' },
      'listen': { type: 'string', default: '80' },
      'img-src': { type: 'string', default: '' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'no-brotli': { type: 'boolean', default: false },
    },
  })
  if (!values['tls-cert'] !== !values['tls-key']) {
    console.error('render-nginx: --tls-cert and --tls-key go together')
    process.exit(2)
  }
  const tls = values['tls-cert'] && values['tls-key'] ? { cert: values['tls-cert'], key: values['tls-key'] } : undefined
  process.stdout.write(renderNginxSite({ prefix: values.prefix, dist: values.dist, upstream: values.upstream, listen: values.listen, imgSrc: values['img-src'], tls, noBrotli: values['no-brotli'] }))
}
