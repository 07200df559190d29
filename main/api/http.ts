import path from 'node:path'
import { existsSync } from 'node:fs'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { HTTPException } from 'hono/http-exception'
import { serveStatic } from '@hono/node-server/serve-static'
import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { IdempotencyConflict, LedgerRefusal } from '../ledger/errors'
import { getCookie } from 'hono/cookie'
import { consoleApi, session_cookie } from './console/http'
import type { StaffRole } from './console/contract'
import { terminal_staff_roles } from '../../devices/terminals/view'
import { reader_staff_roles } from '../../devices/readers/view'
import { LoginFailed, LoginLocked } from './console/handlers'
import { merchantApi } from './merchant/routes'
import { ApiProblem } from './problem'

export const body_size_max_bytes = 64 * 1024

export interface HttpOptions {
  /** The built renderer (out/renderer); the console is served from here when it exists. */
  renderer_dir: string
  log: (line: string) => void
  /** The emulated terminals' API (devices/terminals/http.ts), mounted at /devices/api when the host runs them. */
  devices?: Hono
  /** The card-reader API (devices/readers/http.ts), mounted at /devices/api/readers beside the terminals. */
  readers?: Hono
}

/** Who may drive the emulated terminals: the list the renderer's navigation uses too. */
const device_roles: readonly StaffRole[] = terminal_staff_roles
/** Who may pair and test card readers: a narrower list, since a test swipe shows the cardholder's name. */
const reader_roles: readonly StaffRole[] = reader_staff_roles

/**
 * One HTTP app for the whole host: the merchant API under /api/v1, the console API under
 * /console/api, and the console itself. Every error becomes a JSON problem with a sentence;
 * programmer errors are logged in full here and shown only as "internal error".
 */
export function httpApp(ctx: HostContext, options: HttpOptions): Hono {
  const app = new Hono()
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  )
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: body_size_max_bytes,
      onError: () => {
        throw new ApiProblem(413, 'payload_too_large', `the request body is larger than ${body_size_max_bytes} bytes`)
      },
    }),
  )
  app.use(
    '/console/api/*',
    bodyLimit({
      maxSize: body_size_max_bytes,
      onError: () => {
        throw new ApiProblem(413, 'payload_too_large', `the request body is larger than ${body_size_max_bytes} bytes`)
      },
    }),
  )
  // JSON only: a wrong content type is named, not silently read as an empty body.
  const requireJson = async (c: { req: { method: string; header: (name: string) => string | undefined } }, next: () => Promise<void>) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
      if (type !== 'application/json') throw new ApiProblem(415, 'unsupported_media_type', 'send the body as JSON with "Content-Type: application/json"')
    }
    await next()
  }
  app.use('/api/*', requireJson)
  app.use('/console/api/*', requireJson)
  if (options.devices) {
    app.use(
      '/devices/api/*',
      bodyLimit({
        maxSize: body_size_max_bytes,
        onError: () => {
          throw new ApiProblem(413, 'payload_too_large', `the request body is larger than ${body_size_max_bytes} bytes`)
        },
      }),
    )
    app.use('/devices/api/*', requireJson)
    // The same staff session as the console: the terminals are a branch tester's and a technician's tools.
    app.use('/devices/api/*', async (c, next) => {
      const token = getCookie(c, session_cookie)
      const staff = token ? ctx.staff_sessions.resolve(token) : undefined
      if (!staff) throw new ApiProblem(401, 'unauthenticated', 'your session has expired or you are not signed in')
      if (!device_roles.includes(staff.role)) throw new ApiProblem(403, 'forbidden', `the ${staff.role.replace(/_/g, ' ')} role may not use the emulated terminals`)
      await next()
    })
    if (options.readers) {
      // After the session check above, which already refused anyone outside device_roles.
      app.use('/devices/api/readers/*', async (c, next) => {
        const token = getCookie(c, session_cookie)
        const staff = token ? ctx.staff_sessions.resolve(token) : undefined
        if (staff && !reader_roles.includes(staff.role)) throw new ApiProblem(403, 'forbidden', `the ${staff.role.replace(/_/g, ' ')} role may not pair or test card readers`)
        await next()
      })
      app.route('/devices/api/readers', options.readers)
    }
    app.route('/devices/api', options.devices)
    app.all('/devices/api/*', () => {
      throw new ApiProblem(404, 'not_found', 'there is no such terminal endpoint')
    })
  }

  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }))
  app.route('/api/v1', merchantApi(ctx))
  app.route('/console/api', consoleApi(ctx))
  app.all('/api/*', () => {
    throw new ApiProblem(404, 'not_found', 'there is no such endpoint; see /api/v1/openapi.json')
  })

  if (existsSync(path.join(options.renderer_dir, 'index.html'))) {
    // serveStatic takes a root relative to the working directory.
    const root = path.relative(process.cwd(), options.renderer_dir) || '.'
    app.use('/*', serveStatic({ root }))
    app.get('*', serveStatic({ root, path: 'index.html' }))
  } else {
    app.get('/', (c) =>
      c.text('The console has not been built yet: run `npm run build`, then restart the host. The merchant API is at /api/v1.', 503),
    )
  }

  app.onError((error, c) => {
    const problem = toProblem(error)
    if (problem.status >= 500) options.log(`internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    const body = c.req.path.startsWith('/console/api/') ? { ok: false, error: { code: problem.code, message: problem.message } } : { code: problem.code, message: problem.message }
    return c.json(body, problem.status)
  })
  return app
}

function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error
  if (error instanceof LoginFailed) return new ApiProblem(401, 'unauthenticated', error.message)
  if (error instanceof LoginLocked) return new ApiProblem(423, 'refused', error.message)
  if (error instanceof IdempotencyConflict) return new ApiProblem(409, 'conflict', `${error.message}; use a new key for a new request`)
  if (error instanceof RequestError) {
    const status = { bad_request: 400, not_found: 404, conflict: 409, refused: 422 } as const
    return new ApiProblem(status[error.code], error.code, error.message)
  }
  if (error instanceof LedgerRefusal) return new ApiProblem(422, 'refused', error.message)
  if (error instanceof HTTPException) {
    const message = error.status === 400 ? 'the request body is not valid JSON' : error.message
    return new ApiProblem(error.status as 400, 'bad_request', message)
  }
  return new ApiProblem(500, 'internal', 'internal error: nothing was changed; the host has logged the details')
}
