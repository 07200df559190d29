/**
 * The emulated terminals' API (/devices/api, devices/terminals/http.ts): JSON with the same
 * session cookie as the console. A refusal becomes a TerminalApiError with the service's
 * sentence; a lost session is confirmed through the console API, which returns the tester
 * to sign-in as every other screen does.
 */
import type { TerminalProblemView } from '../../devices/terminals/view'
import { call } from '../api/client'

export class TerminalApiError extends Error {
  override readonly name = 'TerminalApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const devices_api = '/devices/api'

function isProblem(body: unknown): body is TerminalProblemView {
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body && typeof body.message === 'string' && typeof body.code === 'string'
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(devices_api + path, { ...init, credentials: 'same-origin' })
  } catch (cause) {
    throw new TerminalApiError(0, 'network', `The bank's host did not answer (${cause instanceof Error ? cause.message : String(cause)}).`)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    throw new TerminalApiError(response.status, 'internal', `The host sent an unreadable answer (HTTP ${response.status}).`)
  }
  if (response.ok) return body as T
  if (response.status === 401) {
    // session.me fails the same way and tells the app shell, which shows sign-in with the reason.
    void call('session.me', {}).catch(() => undefined)
  }
  if (isProblem(body)) throw new TerminalApiError(response.status, body.code, body.message)
  throw new TerminalApiError(response.status, 'internal', `The host answered HTTP ${response.status}.`)
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { method: 'GET' })
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}
