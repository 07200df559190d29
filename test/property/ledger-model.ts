/**
 * An independent integer model of the ledger's rules, for the property test: four running
 * sums per account, the transfers with their holds and reversals, and the purchase
 * decision of seed 000 / seed 002 written out again from the rules, not from the code.
 * It predicts what each command should do; the test compares that with what the real
 * ledger did.
 */
import type { AccountKind } from '../../main/ledger/accounts'
import type { TransferPhase } from '../../main/ledger/transfers'
import type { DeclineCode } from '../../main/payments/declines'
import { threshold_minor, type TemplateCustomer } from './bank-template'

export interface Sums {
  debits_posted: number
  credits_posted: number
  debits_pending: number
  credits_pending: number
}

export interface ModelAccount extends Sums {
  id: number
  kind: AccountKind
  credit_limit_minor: number | null
}

/** A transfer the model expects the ledger to write, in the shape of a transfers row. */
export interface PlannedTransfer {
  debit_account_id: number
  credit_account_id: number
  amount_minor: number
  code: string
  phase: TransferPhase
  pending_id: number | null
  expires_at: string | null
  reverses_id: number | null
}

export interface ModelTransfer extends PlannedTransfer {
  id: number
  resolved: boolean
  reversed: boolean
}

export type RuleRefusal = 'insufficient_funds' | 'credit_limit_exceeded'

export type PurchasePrediction =
  | { status: 'declined'; code: DeclineCode }
  | { status: 'approved'; method: 'micropayment' | 'credit'; top_up_minor: number; transfers: PlannedTransfer[] }

export class LedgerModel {
  readonly accounts = new Map<number, ModelAccount>()
  readonly transfers: ModelTransfer[] = []
  /** Approved micropayments, for the payer's own daily limit. */
  private readonly micropayments: Array<{ customer_id: number; amount_minor: number; at_ms: number }> = []

  constructor(accounts: ModelAccount[]) {
    for (const a of accounts) this.accounts.set(a.id, { ...a })
  }

  account(id: number): ModelAccount {
    const a = this.accounts.get(id)
    if (!a) throw new Error(`the model has no account ${id}`)
    return a
  }

  static available(a: ModelAccount): number | null {
    if (a.kind === 'value' || a.kind === 'cash_access') return a.credits_posted - a.debits_posted - a.debits_pending
    if (a.kind === 'credit') return (a.credit_limit_minor ?? 0) - (a.debits_posted + a.debits_pending - a.credits_posted)
    return null
  }

  /**
   * Applies a group all or none: each transfer moves the sums, and after each one no
   * account may break its balance rule. Returns the refusal, having changed nothing, or
   * null having applied the group.
   */
  tryGroup(group: PlannedTransfer[]): RuleRefusal | null {
    const scratch = new Map<number, ModelAccount>()
    const get = (id: number): ModelAccount => {
      let a = scratch.get(id)
      if (!a) {
        a = { ...this.account(id) }
        scratch.set(id, a)
      }
      return a
    }
    for (const t of group) {
      const debit = get(t.debit_account_id)
      const credit = get(t.credit_account_id)
      if (t.phase === 'single') {
        debit.debits_posted += t.amount_minor
        credit.credits_posted += t.amount_minor
      } else if (t.phase === 'pending') {
        debit.debits_pending += t.amount_minor
        credit.credits_pending += t.amount_minor
      } else {
        const hold = this.hold(t.pending_id)
        debit.debits_pending -= hold.amount_minor
        credit.credits_pending -= hold.amount_minor
        if (t.phase === 'post_pending') {
          debit.debits_posted += t.amount_minor
          credit.credits_posted += t.amount_minor
        }
      }
      for (const a of [debit, credit]) {
        const available = LedgerModel.available(a)
        if (available !== null && available < 0) return a.kind === 'credit' ? 'credit_limit_exceeded' : 'insufficient_funds'
      }
    }
    for (const [id, a] of scratch) this.accounts.set(id, a)
    return null
  }

  /** Records the rows the ledger wrote for an applied group, with their real ids. */
  recordWritten(group: PlannedTransfer[], ids: number[]): void {
    group.forEach((t, index) => {
      const id = ids[index]
      if (id === undefined) throw new Error('fewer ids than transfers')
      this.transfers.push({ ...t, id, resolved: false, reversed: false })
      if (t.pending_id !== null) this.hold(t.pending_id).resolved = true
      if (t.reverses_id !== null) this.transferById(t.reverses_id).reversed = true
    })
  }

  transferById(id: number): ModelTransfer {
    const t = this.transfers.find((x) => x.id === id)
    if (!t) throw new Error(`the model has no transfer ${id}`)
    return t
  }

  private hold(id: number | null): ModelTransfer {
    const t = id === null ? undefined : this.transferById(id)
    if (!t || t.phase !== 'pending') throw new Error(`the model has no hold ${id}`)
    return t
  }

  holds(): ModelTransfer[] {
    return this.transfers.filter((t) => t.phase === 'pending')
  }

  /**
   * The purchase decision: the payer's identity and the merchants the payer blocked (for
   * every purchase), then at or above the threshold a charge to the credit line; below it,
   * in seed 002's order, the account's own limits (per purchase, per day) and the
   * prefunded balance, topped up by the increment when short.
   */
  predictPurchase(
    customer: TemplateCustomer,
    merchant: { index: number; payable_id: number },
    token_live: boolean,
    amount_minor: number,
    now_ms: number,
  ): PurchasePrediction {
    if (!token_live) return { status: 'declined', code: 'payer_not_verified' }
    if (customer.blocks.includes(merchant.index)) return { status: 'declined', code: 'merchant_blocked_by_payer' }
    const single = (debit: number, credit: number, amount: number, code: string): PlannedTransfer => ({
      debit_account_id: debit,
      credit_account_id: credit,
      amount_minor: amount,
      code,
      phase: 'single',
      pending_id: null,
      expires_at: null,
      reverses_id: null,
    })
    if (amount_minor >= threshold_minor) {
      const transfers = [single(customer.credit_id, merchant.payable_id, amount_minor, 'credit_purchase')]
      if (this.tryGroup(transfers) !== null) return { status: 'declined', code: 'credit_limit_exceeded' }
      return { status: 'approved', method: 'credit', top_up_minor: 0, transfers }
    }
    if (customer.per_purchase_minor !== null && amount_minor > customer.per_purchase_minor) {
      return { status: 'declined', code: 'over_purchase_limit' }
    }
    if (customer.per_day_minor !== null) {
      const now = new Date(now_ms)
      const day_start_ms = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
      const today = this.micropayments
        .filter((m) => m.customer_id === customer.id && m.at_ms >= day_start_ms)
        .reduce((sum, m) => sum + m.amount_minor, 0)
      if (today + amount_minor > customer.per_day_minor) return { status: 'declined', code: 'over_daily_limit' }
    }
    const transfers: PlannedTransfer[] = []
    let top_up_minor = 0
    const available = LedgerModel.available(this.account(customer.value_id)) ?? 0
    if (available < amount_minor) {
      top_up_minor = Math.max(customer.top_up_increment_minor, threshold_minor)
      transfers.push(single(customer.credit_id, customer.value_id, top_up_minor, 'top_up'))
    }
    transfers.push(single(customer.value_id, merchant.payable_id, amount_minor, 'micropayment'))
    if (this.tryGroup(transfers) !== null) return { status: 'declined', code: 'top_up_refused' }
    this.micropayments.push({ customer_id: customer.id, amount_minor, at_ms: now_ms })
    return { status: 'approved', method: 'micropayment', top_up_minor, transfers }
  }
}
