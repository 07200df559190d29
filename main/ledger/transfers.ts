import type { Database, Statement } from 'better-sqlite3'
import { availableMinor, type AccountRow } from './accounts'
import type { TransferCode } from './codes'
import { LedgerRefusal } from './errors'
import { assertAmountMinor } from './money'

export type TransferPhase = 'single' | 'pending' | 'post_pending' | 'void_pending'

export interface TransferRow {
  id: number
  request_id: number
  debit_account_id: number
  credit_account_id: number
  amount_minor: number
  currency: string
  code: TransferCode
  phase: TransferPhase
  pending_id: number | null
  expires_at: string | null
  reverses_id: number | null
  memo: string
  created_at: string
}

/** One step of an atomic group. */
export type TransferSpec =
  | {
      type: 'single'
      debit_account_id: number
      credit_account_id: number
      amount_minor: number
      currency: string
      code: TransferCode
      memo?: string
    }
  | {
      type: 'hold'
      debit_account_id: number
      credit_account_id: number
      amount_minor: number
      currency: string
      code: TransferCode
      expires_at: Date
      memo?: string
    }
  /** Posts a hold; `amount_minor` below the held amount posts in part and frees the rest. */
  | { type: 'post'; pending_id: number; amount_minor?: number; memo?: string }
  | { type: 'void'; pending_id: number; code?: TransferCode; memo?: string }
  /**
   * A correction: the amount the other way, linked to the transfer it corrects: all of it,
   * or `amount_minor` of it (an ATM that dispensed only part of a withdrawal).
   */
  | { type: 'reverse'; transfer_id: number; amount_minor?: number; memo?: string }

export const group_size_max = 64

interface Delta {
  debits_posted: number
  credits_posted: number
  debits_pending: number
  credits_pending: number
}

/**
 * The ledger's write path. All of a group's transfers are checked against the balance
 * rules on the accounts as they would be after the group, then written in one savepoint:
 * all or none. Statements are prepared once per Ledger, because this is the hot path of
 * every purchase.
 */
export class Ledger {
  private readonly select_account: Statement
  private readonly select_transfer: Statement
  private readonly select_resolution: Statement
  private readonly select_reversal: Statement
  private readonly insert_transfer: Statement
  private readonly update_account: Statement
  private readonly apply_group: (request_id: number, specs: TransferSpec[], now: Date) => TransferRow[]

  constructor(private readonly db: Database) {
    this.select_account = db.prepare('SELECT * FROM accounts WHERE id = ?')
    this.select_transfer = db.prepare('SELECT * FROM transfers WHERE id = ?')
    this.select_resolution = db.prepare('SELECT id FROM transfers WHERE pending_id = ?')
    this.select_reversal = db.prepare('SELECT id FROM transfers WHERE reverses_id = ?')
    this.insert_transfer = db.prepare(
      `INSERT INTO transfers (request_id, debit_account_id, credit_account_id, amount_minor, currency, code, phase,
         pending_id, expires_at, reverses_id, memo, created_at)
       VALUES (@request_id, @debit_account_id, @credit_account_id, @amount_minor, @currency, @code, @phase,
         @pending_id, @expires_at, @reverses_id, @memo, @created_at) RETURNING *`,
    )
    this.update_account = db.prepare(
      `UPDATE accounts SET debits_posted = debits_posted + @debits_posted, credits_posted = credits_posted + @credits_posted,
         debits_pending = debits_pending + @debits_pending, credits_pending = credits_pending + @credits_pending
       WHERE id = @id`,
    )
    // Made once: this is the hot path of every purchase.
    this.apply_group = db.transaction((request_id: number, specs: TransferSpec[], now: Date) => this.applyGroup(request_id, specs, now))
  }

  account(id: number): AccountRow {
    const row = this.select_account.get(id) as AccountRow | undefined
    if (!row) throw new LedgerRefusal('account_not_found', `account ${id} does not exist`)
    return row
  }

  transfer(id: number): TransferRow | undefined {
    return this.select_transfer.get(id) as TransferRow | undefined
  }

  /**
   * Applies `specs` atomically on behalf of request `request_id`. Throws LedgerRefusal,
   * having written nothing, if any step would break a rule.
   */
  apply(request_id: number, specs: TransferSpec[], now: Date): TransferRow[] {
    if (specs.length === 0 || specs.length > group_size_max) {
      throw new RangeError(`a transfer group has 1 to ${group_size_max} transfers, got ${specs.length}`)
    }
    // A nested better-sqlite3 transaction is a savepoint: a refusal rolls back this group
    // only, leaving the caller free to record a decline in the same outer transaction.
    return this.apply_group(request_id, specs, now)
  }

  private applyGroup(request_id: number, specs: TransferSpec[], now: Date): TransferRow[] {
    const accounts = new Map<number, AccountRow>()
    const load = (id: number): AccountRow => {
      let row = accounts.get(id)
      if (!row) {
        row = this.account(id)
        accounts.set(id, row)
      }
      return row
    }
    const now_iso = now.toISOString()
    const written: TransferRow[] = []
    for (const spec of specs) {
      const { row, held_minor } = this.plan(spec, load, now)
      const deltas = deltasOf(row, held_minor)
      for (const [account_id, delta] of deltas) {
        const account = load(account_id)
        const after = { ...account }
        after.debits_posted += delta.debits_posted
        after.credits_posted += delta.credits_posted
        after.debits_pending += delta.debits_pending
        after.credits_pending += delta.credits_pending
        checkBalanceRules(after, row.amount_minor)
        accounts.set(account_id, after)
        this.update_account.run({ id: account_id, ...delta })
      }
      written.push(this.insert_transfer.get({ ...row, request_id, created_at: now_iso }) as TransferRow)
    }
    return written
  }

  /**
   * Turns a spec into the row to insert, checking everything that is not a balance.
   * `held_minor` is the amount of the hold a post or void releases.
   */
  private plan(spec: TransferSpec, load: (id: number) => AccountRow, now: Date): { row: PlannedRow; held_minor: number } {
    switch (spec.type) {
      case 'single':
      case 'hold': {
        assertAmountMinor(spec.amount_minor)
        const debit = load(spec.debit_account_id)
        const credit = load(spec.credit_account_id)
        if (debit.id === credit.id) throw new RangeError('a transfer cannot debit and credit the same account')
        for (const account of [debit, credit]) {
          if (account.currency !== spec.currency) {
            throw new LedgerRefusal(
              'currency_mismatch',
              `account ${account.number} holds ${account.currency}, not ${spec.currency}`,
            )
          }
          if (account.status !== 'open') {
            throw new LedgerRefusal('account_not_open', `account ${account.number} is ${account.status}`)
          }
        }
        if (spec.type === 'hold' && spec.expires_at.getTime() <= now.getTime()) {
          throw new RangeError('a hold must expire in the future')
        }
        const row: PlannedRow = {
          debit_account_id: debit.id,
          credit_account_id: credit.id,
          amount_minor: spec.amount_minor,
          currency: spec.currency,
          code: spec.code,
          phase: spec.type === 'hold' ? 'pending' : 'single',
          pending_id: null,
          expires_at: spec.type === 'hold' ? spec.expires_at.toISOString() : null,
          reverses_id: null,
          memo: spec.memo ?? '',
        }
        return { row, held_minor: 0 }
      }
      case 'post':
      case 'void': {
        const hold = this.transfer(spec.pending_id)
        if (!hold || hold.phase !== 'pending') {
          throw new LedgerRefusal('hold_not_found', `there is no hold ${spec.pending_id}`)
        }
        if (this.select_resolution.get(hold.id)) {
          throw new LedgerRefusal('hold_already_resolved', `hold ${hold.id} has already been posted or voided`)
        }
        if (spec.type === 'post') {
          if (hold.expires_at !== null && new Date(hold.expires_at).getTime() <= now.getTime()) {
            throw new LedgerRefusal('hold_expired', `hold ${hold.id} expired at ${hold.expires_at}`)
          }
          const amount_minor = spec.amount_minor ?? hold.amount_minor
          assertAmountMinor(amount_minor)
          if (amount_minor > hold.amount_minor) {
            throw new LedgerRefusal('post_exceeds_hold', `cannot post ${amount_minor}: hold ${hold.id} is for ${hold.amount_minor}`)
          }
          return { row: { ...resolutionOf(hold, 'post_pending', amount_minor), memo: spec.memo ?? '' }, held_minor: hold.amount_minor }
        }
        return {
          row: { ...resolutionOf(hold, 'void_pending', hold.amount_minor), code: spec.code ?? hold.code, memo: spec.memo ?? '' },
          held_minor: hold.amount_minor,
        }
      }
      case 'reverse': {
        const original = this.transfer(spec.transfer_id)
        if (!original) throw new LedgerRefusal('transfer_not_found', `there is no transfer ${spec.transfer_id}`)
        if (original.phase !== 'single' && original.phase !== 'post_pending') {
          throw new LedgerRefusal('cannot_reverse', `transfer ${original.id} is a ${original.phase}: void a hold instead`)
        }
        if (this.select_reversal.get(original.id)) {
          throw new LedgerRefusal('already_reversed', `transfer ${original.id} has already been reversed`)
        }
        const amount_minor = spec.amount_minor ?? original.amount_minor
        assertAmountMinor(amount_minor)
        if (amount_minor > original.amount_minor) {
          throw new RangeError(`cannot reverse ${amount_minor} of transfer ${original.id}, which moved ${original.amount_minor}`)
        }
        const row: PlannedRow = {
          debit_account_id: original.credit_account_id,
          credit_account_id: original.debit_account_id,
          amount_minor,
          currency: original.currency,
          code: 'reversal',
          phase: 'single',
          pending_id: null,
          expires_at: null,
          reverses_id: original.id,
          memo: spec.memo ?? `reverses transfer ${original.id}`,
        }
        return { row, held_minor: 0 }
      }
    }
  }
}

type PlannedRow = Omit<TransferRow, 'id' | 'request_id' | 'created_at'>

function resolutionOf(hold: TransferRow, phase: 'post_pending' | 'void_pending', amount_minor: number): PlannedRow {
  return {
    debit_account_id: hold.debit_account_id,
    credit_account_id: hold.credit_account_id,
    amount_minor,
    currency: hold.currency,
    code: hold.code,
    phase,
    pending_id: hold.id,
    expires_at: null,
    reverses_id: null,
    memo: '',
  }
}

/**
 * How a transfer changes its two accounts. Posting or voiding releases the whole hold
 * (`held_minor`); a post then adds only the amount actually posted.
 */
function deltasOf(row: PlannedRow, held_minor: number): Map<number, Delta> {
  const zero = (): Delta => ({ debits_posted: 0, credits_posted: 0, debits_pending: 0, credits_pending: 0 })
  const debit = zero()
  const credit = zero()
  if (row.phase === 'single') {
    debit.debits_posted = row.amount_minor
    credit.credits_posted = row.amount_minor
  } else if (row.phase === 'pending') {
    debit.debits_pending = row.amount_minor
    credit.credits_pending = row.amount_minor
  } else {
    debit.debits_pending = -held_minor
    credit.credits_pending = -held_minor
    if (row.phase === 'post_pending') {
      debit.debits_posted = row.amount_minor
      credit.credits_posted = row.amount_minor
    }
  }
  return new Map([
    [row.debit_account_id, debit],
    [row.credit_account_id, credit],
  ])
}

function checkBalanceRules(after: AccountRow, amount_minor: number): void {
  const available = availableMinor(after)
  if (available === null || available >= 0) return
  if (after.kind === 'credit') {
    throw new LedgerRefusal(
      'credit_limit_exceeded',
      `${amount_minor} minor units would take credit account ${after.number} over its limit by ${-available}`,
    )
  }
  throw new LedgerRefusal(
    'insufficient_funds',
    `${amount_minor} minor units would take ${after.kind.replace('_', '-')} account ${after.number} below zero by ${-available}`,
  )
}
