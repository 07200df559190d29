import { Hono } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import type { HostContext } from '../../host/context'
import { staff_session_max_ms } from '../../staff/staff'
import { describeZodError } from '../errors'
import { ApiProblem } from '../problem'
import { console_commands, mayCall, type ConsoleCommand } from './contract'
import { console_handlers, type Caller } from './handlers'

export const session_cookie = 'centavo_session'

function isCommand(name: string): name is ConsoleCommand {
  return Object.hasOwn(console_commands, name)
}

/**
 * The console API: POST /console/api/<command>. The staff session is an HttpOnly,
 * SameSite=Strict cookie; requests must be JSON, which a cross-site form cannot send
 * without a preflight. Roles are checked here, on the host, for every command.
 */
export function consoleApi(ctx: HostContext): Hono {
  const app = new Hono()
  app.post('/:command', async (c) => {
    const name = c.req.param('command')
    if (!isCommand(name)) throw new ApiProblem(404, 'not_found', `there is no console command "${name}"`)
    const command = console_commands[name]
    const token = getCookie(c, session_cookie)
    const staff = token ? ctx.staff_sessions.resolve(token) : undefined
    if (command.roles !== 'anyone') {
      if (!staff) throw new ApiProblem(401, 'unauthenticated', 'your session has expired or you are not signed in')
      if (!mayCall(staff.role, name)) throw new ApiProblem(403, 'forbidden', `the ${staff.role.replace(/_/g, ' ')} role may not do "${name}"`)
    }
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      throw new ApiProblem(400, 'bad_request', 'the request body is not valid JSON')
    }
    const parsed = command.input.safeParse(body)
    if (!parsed.success) throw new ApiProblem(400, 'bad_request', describeZodError(parsed.error))
    const caller: Caller = {
      staff: staff ?? null,
      issueSession: (session_token) =>
        setCookie(c, session_cookie, session_token, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          maxAge: Math.floor(staff_session_max_ms / 1000),
        }),
      endSession: () => {
        if (token) ctx.staff_sessions.logout(token)
        deleteCookie(c, session_cookie, { path: '/' })
      },
    }
    // The handler map is keyed by the same names as the contract; TypeScript cannot relate
    // the two generic lookups, so the call goes through one narrow function type.
    const handler = console_handlers[name] as (ctx: HostContext, input: unknown, caller: Caller) => unknown
    // Exports (PDF) finish asynchronously; everything else answers at once.
    const data = await handler(ctx, parsed.data, caller)
    return c.json({ ok: true, data })
  })
  return app
}
