import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, ConsoleError, onSessionExpired } from '../../../renderer/api/client'

function answerWith(status: number, body: unknown): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })))
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('call', () => {
  // Proves a command is POSTed as JSON to /console/api/<command> with the session cookie, and
  // the data of an ok answer comes back as it is.
  it('posts the input and returns the data', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: { rows: [], total: 0 } }), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    await expect(call('merchants.list', {})).resolves.toEqual({ rows: [], total: 0 })
    expect(fetch).toHaveBeenCalledWith('/console/api/merchants.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: '{}',
    })
  })

  // Proves a refusal becomes a ConsoleError with the host's own code and message.
  it('throws the host refusal as a ConsoleError', async () => {
    answerWith(403, { ok: false, error: { code: 'forbidden', message: 'the auditor role may not do that' } })
    const failure = await call('customers.list', {}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConsoleError)
    expect(failure).toMatchObject({ name: 'ConsoleError', code: 'forbidden', message: 'the auditor role may not do that' })
  })

  // Proves a lost session is announced (so the app returns to sign-in), but a wrong password
  // at sign-in is not mistaken for one.
  it('announces an expired session except at sign-in', async () => {
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    answerWith(401, { ok: false, error: { code: 'unauthenticated', message: 'not signed in' } })
    await expect(call('session.login', { username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(expired).not.toHaveBeenCalled()
    await expect(call('customers.list', {})).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(expired).toHaveBeenCalledTimes(1)
    stop()
  })

  // Proves an unreachable host and an answer outside the contract become clear ConsoleErrors.
  it('names network failures and unreadable answers', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(call('session.me', {})).rejects.toMatchObject({ code: 'network' })
    answerWith(502, '<html>Bad gateway</html>')
    await expect(call('session.me', {})).rejects.toMatchObject({ code: 'internal' })
    answerWith(200, { ok: false, error: { code: 'made_up', message: 'x' } })
    await expect(call('session.me', {})).rejects.toMatchObject({ code: 'internal' })
  })
})
