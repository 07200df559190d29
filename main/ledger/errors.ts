/**
 * A LedgerRefusal is an operating error: the request was well formed but would break a
 * rule (a balance rule, a hold already posted). Callers turn it into a decline. Anything
 * else thrown from the ledger is a programmer error and should crash loudly.
 */
export type RefusalCode =
  | 'insufficient_funds'
  | 'credit_limit_exceeded'
  | 'account_not_open'
  | 'account_not_found'
  | 'currency_mismatch'
  | 'hold_not_found'
  | 'hold_already_resolved'
  | 'hold_expired'
  | 'post_exceeds_hold'
  | 'transfer_not_found'
  | 'already_reversed'
  | 'cannot_reverse'

export class LedgerRefusal extends Error {
  readonly id = 'ledger_refusal'
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message)
  }
}

/** The same idempotency key was used for a request with different content. */
export class IdempotencyConflict extends Error {
  readonly id = 'idempotency_conflict'
  constructor(readonly idempotency_key: string) {
    super(`idempotency key "${idempotency_key}" was already used for a different request`)
  }
}
