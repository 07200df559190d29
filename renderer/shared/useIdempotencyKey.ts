/**
 * The idempotency key of one money-moving form, made when the form opens. A double click or a
 * retry after a lost answer sends the same key, so the host does the work at most once. Only
 * after the host has definitely refused (so nothing was done) may the next attempt, perhaps
 * with an edited amount, be a new request with a new key.
 */
import { useCallback, useState } from 'react'
import { ConsoleError } from '../api/client'

export interface IdempotencyKey {
  key: string
  /** Call with the failure of an attempt; the key changes only if the host surely did nothing. */
  afterFailure: (failure: unknown) => void
}

// A network failure or an internal error may hide a completed transfer: keep the key for those.
const codes_where_nothing_happened = new Set(['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'refused'])

export function useIdempotencyKey(): IdempotencyKey {
  const [key, setKey] = useState(() => crypto.randomUUID())
  const afterFailure = useCallback((failure: unknown) => {
    if (failure instanceof ConsoleError && codes_where_nothing_happened.has(failure.code)) setKey(crypto.randomUUID())
  }, [])
  return { key, afterFailure }
}
