/**
 * The one way the console talks to the host: POST /console/api/<command> with the typed input
 * of the contract. A refusal from the host becomes a ConsoleError carrying the host's code and
 * message, which screens show as they are; a lost session sends the clerk back to sign-in.
 */
import type { CommandInput, CommandOutput, ConsoleAnswer, ConsoleCommand, ConsoleErrorCode } from '../../main/api/console/contract'
import { console_error_codes } from '../../main/api/console/contract'

export class ConsoleError extends Error {
  override readonly name = 'ConsoleError'
  constructor(
    readonly code: ConsoleErrorCode | 'network',
    message: string,
  ) {
    super(message)
  }
}

export const session_expired_message = 'Your session expired, please sign in again'

type SessionExpiredListener = () => void
const session_expired_listeners = new Set<SessionExpiredListener>()

/** The app shell listens here to return to the login screen when the host forgets the session. */
export function onSessionExpired(listener: SessionExpiredListener): () => void {
  session_expired_listeners.add(listener)
  return () => session_expired_listeners.delete(listener)
}

// A wrong password at sign-in is also "unauthenticated", but it is not an expired session.
const commands_without_session: readonly ConsoleCommand[] = ['session.login']

export async function call<C extends ConsoleCommand>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
  let response: Response
  try {
    response = await fetch('/console/api/' + command, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    })
  } catch (cause) {
    throw new ConsoleError('network', `The bank's host did not answer (${describe(cause)}). Check that it is running and try again.`)
  }

  const answer = await readAnswer<CommandOutput<C>>(response)
  if (answer.ok) return answer.data
  if (answer.error.code === 'unauthenticated' && !commands_without_session.includes(command)) {
    for (const listener of session_expired_listeners) listener()
  }
  throw new ConsoleError(answer.error.code, answer.error.message)
}

async function readAnswer<T>(response: Response): Promise<ConsoleAnswer<T>> {
  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw new ConsoleError('internal', `The host sent an unreadable answer (HTTP ${response.status}, ${describe(cause)}).`)
  }
  if (isAnswer<T>(body)) return body
  throw new ConsoleError('internal', `The host sent an answer the console does not understand (HTTP ${response.status}).`)
}

function isAnswer<T>(body: unknown): body is ConsoleAnswer<T> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false
  if (body.ok === true) return 'data' in body
  if (body.ok !== false || !('error' in body)) return false
  const error = body.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    'message' in error &&
    typeof error.message === 'string' &&
    (console_error_codes as readonly unknown[]).includes(error.code)
  )
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}

/** The message to show a clerk for any failure: the host's own words, never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof ConsoleError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}
