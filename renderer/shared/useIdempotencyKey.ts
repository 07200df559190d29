/**
 * The idempotency key of one money-moving form, made when the form opens. A double click or a
 * retry after a lost answer sends the same key, so the host does the work at most once. Only
 * after the host has plainly refused (so nothing moved) may the next attempt, perhaps with an
 * edited amount, be a new request with a new key. After a conflict the key stays: an earlier
 * request with it may have moved money, and a fresh form is the way to make a new one.
 */
import { useCallback, useState } from 'react'
import { failureKind } from './money-failure'

export interface IdempotencyKey {
  key: string
  /** Call with the failure of an attempt; the key changes only if the host surely did nothing. */
  afterFailure: (failure: unknown) => void
}

export function useIdempotencyKey(): IdempotencyKey {
  const [key, setKey] = useState(() => crypto.randomUUID())
  const afterFailure = useCallback((failure: unknown) => {
    if (failureKind(failure) === 'refused') setKey(crypto.randomUUID())
  }, [])
  return { key, afterFailure }
}
