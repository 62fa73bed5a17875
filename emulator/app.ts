import type { Deps } from './context'
import type { TestHooks } from './faults'
import { Hono } from 'hono'
import { limitBody } from './bodyLimit'
import { installTestHooks } from './faults'
import { HttpError } from './http'
import { originPolicy } from './origin'
import { blobRoutes } from './routes/blobs'
import { dialogRoutes } from './routes/dialogs'
import { messageRoutes } from './routes/messages'
import { sessionRoutes } from './routes/session'
import { userRoutes } from './routes/users'

export { BODY_LIMIT } from './bodyLimit'

export interface AppOptions {
  /** Origins allowed besides the dashboard's own (`--cors-origin`), normalised. */
  corsOrigins?: readonly string[]
}

/** The path without its query and without a trailing `.json`: both spellings share one route. */
function pathOf(request: Request): string {
  const url = request.url
  const start = url.indexOf('/', url.indexOf('://') + 3)
  let end = url.indexOf('?', start)
  if (end < 0) end = url.length
  const hash = url.indexOf('#', start)
  if (hash >= 0 && hash < end) end = hash
  let path = start < 0 ? '/' : url.slice(start, end)
  try {
    path = decodeURI(path)
  }
  catch {
    // Keep the raw path; it simply won't match a route.
  }
  if (path.endsWith('.json')) path = path.slice(0, -5)
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1)
  return path
}

/** Builds the Hono app: origin policy and CORS, body limit, routes, JSON errors. */
export function createApp(deps: Deps, hooks: TestHooks = {}, options: AppOptions = {}): Hono {
  const app = new Hono({ getPath: pathOf })

  // Wall time and CPU time of the handler: the second stays meaningful on a busy machine.
  app.use('*', async (c, next) => {
    const started = performance.now()
    const cpu = process.cpuUsage()
    await next()
    const used = process.cpuUsage(cpu)
    c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(2)}, cpu;dur=${((used.user + used.system) / 1000).toFixed(2)}`)
  })
  // Before anything that reads or writes: another site's page must not reach a route at all.
  app.use('*', originPolicy(options.corsOrigins))
  const bodyLimit = limitBody()
  // Only for methods with a body: asking a GET for its body makes the node adapter build a full
  // web Request (headers, stream, abort signal), a third of a small request's time.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' ? next() : bodyLimit(c, next)))

  installTestHooks(app, deps.config, hooks)
  app.get('/health', c => c.json({ ok: true }))
  sessionRoutes(app, deps)
  userRoutes(app, deps)
  dialogRoutes(app, deps)
  messageRoutes(app, deps)
  blobRoutes(app, deps)

  app.notFound(c => c.json({ errors: ['The resource wasn\'t found'] }, 404))
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body as object, error.status)
    // Thrown by better-sqlite3 when the disk or lock fails; bad input never gets here.
    console.error('[emulator] unexpected error:', error)
    return c.json({ errors: ['Internal server error'] }, 500)
  })
  return app
}
