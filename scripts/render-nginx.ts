/**
 * Renders deploy/nginx.conf for one site. Used by the hosted test suite and for a real deployment:
 *   tsx scripts/render-nginx.ts --prefix /desk/ --dist /srv/dialog-desk --upstream https://api.quickblox.com --listen 80
 */
import { readFileSync } from 'node:fs'
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
}

const TEMPLATE = resolve(import.meta.dirname, '..', 'deploy', 'nginx.conf')

/** The server block of deploy/nginx.conf with the site's values filled in. */
export function renderNginxSite(site: NginxSite, template = readFileSync(TEMPLATE, 'utf8')): string {
  const prefix = `/${site.prefix.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/')
  const dist = `${resolve(site.dist)}/`
  const upstream = site.upstream.replace(/\/+$/, '')
  if (!/^https?:\/\/[^/\s]+$/.test(upstream))
    throw new Error(`upstream must be scheme://host[:port] without a path, got "${site.upstream}"`)
  if (/[\s;{}'"]/.test(prefix + dist + site.listen))
    throw new Error('prefix, dist and listen may not contain spaces, quotes, braces or semicolons')
  // The leading comment explains the placeholders; the rendered file starts at the server block.
  return template
    .slice(template.indexOf('server {'))
    .split('\n')
    .filter(line => !(prefix === '/' && line.includes('# prefix only')))
    .join('\n')
    .replaceAll('{{PREFIX_BARE}}', prefix.slice(0, -1))
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{DIST}}', dist)
    .replaceAll('{{UPSTREAM}}', upstream)
    .replaceAll('{{LISTEN}}', site.listen)
}

/** A whole nginx.conf for running nginx unprivileged-style in one folder (`nginx -p dir -c conf`). */
export function renderStandaloneNginx(dir: string, servers: string[]): string {
  const root = process.getuid?.() === 0
  return `# Generated for a test run; every path is inside ${dir}.
${root ? 'user root;\n' : ''}worker_processes 1;
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
      prefix: { type: 'string', default: '/' },
      dist: { type: 'string', default: 'dist' },
      upstream: { type: 'string', default: 'https://api.quickblox.com' },
      listen: { type: 'string', default: '80' },
    },
  })
  process.stdout.write(renderNginxSite({ prefix: values.prefix, dist: values.dist, upstream: values.upstream, listen: values.listen }))
}
