/**
 * What a failed money-moving request means for the next attempt, decided from how it failed.
 * The host records each idempotency key with the request's content: the same key and content
 * replay the first answer, the same key with other content is a conflict.
 */
import { ConsoleError, errorMessage } from '../api/client'

export type FailureKind =
  /** The host answered no: nothing moved, and an edited request may take a new key. */
  | 'refused'
  /** No answer, or an internal error: the money may have moved; only the same request may be resent. */
  | 'unknown'
  /** This form's key already carried a different request, which may have moved money. */
  | 'conflict'

const refusal_codes = new Set(['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'refused'])

export function failureKind(failure: unknown): FailureKind {
  if (!(failure instanceof ConsoleError)) return 'unknown'
  if (failure.code === 'conflict') return 'conflict'
  return refusal_codes.has(failure.code) ? 'refused' : 'unknown'
}

/** The alert a form shows: `action` names the request ("Funding"), `button` the submit button. */
export function describeMoneyFailure(action: string, button: string, failure: unknown): { title: string; message: string } {
  const message = errorMessage(failure)
  switch (failureKind(failure)) {
    case 'refused':
      return { title: `${action} refused`, message }
    case 'unknown':
      return {
        title: `${action} not confirmed: press ${button} again without changes, it cannot happen twice`,
        message,
      }
    case 'conflict':
      return {
        title: `${action} may already be done: close this form and check the transfers before trying again`,
        message,
      }
  }
}
