import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'

/**
 * The dashboard's own origins: Vite's dev server (5173) and preview (4173), by IP and by name.
 * `npm start` adds its dashboard port when it is not 5173; anything else comes from `--cors-origin`.
 */
export const DEFAULT_ORIGINS: readonly string[] = ['5173', '4173']
  .flatMap(port => [`http://127.0.0.1:${port}`, `http://localhost:${port}`])

/**
 * `http://host:port` as a browser writes it in `Origin`: scheme and host lower case, no path,
 * the default port dropped. Throws on anything that is not an http(s) origin.
 */
export function normalizeOrigin(text: string): string {
  let url: URL
  try {
    url = new URL(text.trim())
  }
  catch {
    throw new Error(`"${text}" is not an origin (e.g. http://127.0.0.1:5173)`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new Error(`"${text}" is not an origin (e.g. http://127.0.0.1:5173)`)
  return url.origin
}

/** Origins from repeated and comma-separated `--cors-origin` values. */
export function parseOrigins(values: readonly string[]): string[] {
  return values.flatMap(v => v.split(',')).map(v => v.trim()).filter(Boolean).map(normalizeOrigin)
}

const refused = { errors: ['Requests from this origin are not allowed (start the emulator with --cors-origin to allow it).'] }

/**
 * CORS for the allowed origins only, and a 403 for any request that names another origin: a
 * preflight, and also a simple request (a form POST), which a browser sends without asking and
 * which would otherwise reach a route. Requests without `Origin` (curl, SDKs in Node) pass.
 */
export function originPolicy(extra: readonly string[] = []): MiddlewareHandler {
  const allowed = new Set([...DEFAULT_ORIGINS, ...extra])
  const headers = cors({
    origin: origin => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'On-Behalf-Of', 'QB-Token', 'Content-Type', 'QB-SDK', 'QB-OS', 'QuickBlox-REST-API-Version'],
    exposeHeaders: ['QB-Token-ExpirationDate'],
    maxAge: 600,
  })
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (origin !== undefined && !allowed.has(origin)) {
      // The answer depends on Origin (the cors middleware says so on the other answers).
      c.header('Vary', 'Origin')
      return c.json(refused, 403)
    }
    return headers(c, next)
  }
}
