import { randomUUID } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import type { Clock } from '../clock'
import { availableMinor, type AccountRow } from '../ledger/accounts'
import { LedgerRefusal } from '../ledger/errors'
import { assertAmountMinor } from '../ledger/money'
import type { Ledger, TransferSpec } from '../ledger/transfers'
import type { Requests } from '../ledger/requests'
import type { CustomerRow } from '../customers/customers'
import type { PayerSessions } from '../customers/payer-sessions'
import type { MerchantRow } from '../merchants/merchants'
import { decline, type Decline, type DeclineCode } from './declines'

export interface PurchaseRequest {
  merchant: MerchantRow
  idempotency_key: string
  payer_token: string
  item: { id: string; title: string }
  amount_minor: number
  currency: string
}

export type PurchaseResult =
  | {
      purchase_id: string
      status: 'approved'
      method: 'micropayment' | 'credit'
      top_up_minor: number
      amount_minor: number
      currency: string
      item: { id: string; title: string }
      payer: string
      created_at: string
    }
  | {
      purchase_id: string
      status: 'declined'
      code: DeclineCode
      message: string
      amount_minor: number
      currency: string
      item: { id: string; title: string }
      payer: string | null
      created_at: string
    }

interface Accounts {
  credit: AccountRow
  value: AccountRow
  payable: AccountRow
}

/**
 * The purchase flow of seed 000 claim 1 and seed 002 claim 1. A purchase at or above the
 * currency's micropayment threshold is a credit transaction; below it, a micropayment from
 * the value account, topped up from the credit account by the customer's increment first
 * when short, in the same atomic group. Each purchase is one idempotent request: a repeat
 * returns the first answer, approved or declined, and moves nothing.
 */
export class Purchases {
  private readonly statements: Record<'threshold' | 'account' | 'day_total' | 'blocked' | 'insert' | 'by_id', Statement>

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ledger: Ledger,
    private readonly requests: Requests,
    private readonly payers: PayerSessions,
  ) {
    this.statements = {
      threshold: db.prepare('SELECT threshold_minor FROM micropayment_thresholds WHERE currency = ?'),
      account: db.prepare('SELECT * FROM accounts WHERE owner_type = ? AND owner_id = ? AND kind = ? AND currency = ?'),
      day_total: db.prepare(
        `SELECT ifnull(sum(amount_minor), 0) AS total FROM purchases
         WHERE customer_id = ? AND status = 'approved' AND method = 'micropayment' AND created_at >= ?`,
      ),
      blocked: db.prepare('SELECT 1 FROM blocked_merchants WHERE customer_id = ? AND merchant_id = ?'),
      insert: db.prepare(
        `INSERT INTO purchases (purchase_id, request_id, merchant_id, customer_id, payer_pseudonym, item_id, item_title,
           amount_minor, currency, status, method, top_up_minor, decline_code, decline_message, created_at)
         VALUES (@purchase_id, @request_id, @merchant_id, @customer_id, @payer_pseudonym, @item_id, @item_title,
           @amount_minor, @currency, @status, @method, @top_up_minor, @decline_code, @decline_message, @created_at)`,
      ),
      by_id: db.prepare('SELECT request_id, merchant_id FROM purchases WHERE purchase_id = ?'),
    }
  }

  purchase(request: PurchaseRequest): { result: PurchaseResult; replayed: boolean } {
    assertAmountMinor(request.amount_minor)
    const content = {
      payer_token: request.payer_token,
      item: request.item,
      amount_minor: request.amount_minor,
      currency: request.currency,
    }
    const outcome = this.requests.run(
      { scope: `merchant:${request.merchant.id}`, idempotency_key: request.idempotency_key, kind: 'purchase', content },
      this.clock.now(),
      (request_id) => this.decide(request_id, request),
    )
    return { result: outcome.response, replayed: outcome.replayed }
  }

  /** The stored answer for a purchase, only to the merchant that made it. */
  find(merchant_id: number, purchase_id: string): PurchaseResult | undefined {
    const row = this.statements.by_id.get(purchase_id) as { request_id: number; merchant_id: number } | undefined
    if (!row || row.merchant_id !== merchant_id) return undefined
    const stored = this.db.prepare('SELECT response_json FROM requests WHERE id = ?').get(row.request_id) as { response_json: string }
    return JSON.parse(stored.response_json) as PurchaseResult
  }

  private decide(request_id: number, request: PurchaseRequest): PurchaseResult {
    const now = this.clock.now()
    const base = {
      purchase_id: `pur_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      amount_minor: request.amount_minor,
      currency: request.currency,
      item: request.item,
      created_at: now.toISOString(),
    }
    const declined = (why: Decline, customer: CustomerRow | undefined, payer: string | null): PurchaseResult => {
      const result: PurchaseResult = { ...base, status: 'declined', code: why.code, message: why.message, payer }
      this.record(request_id, request, result, customer?.id ?? null, payer ?? 'unverified')
      return result
    }

    if (request.merchant.status !== 'active') return declined(decline('merchant_suspended'), undefined, null)
    const threshold = this.statements.threshold.get(request.currency) as { threshold_minor: number } | undefined
    if (!threshold) return declined(decline('currency_not_supported'), undefined, null)

    // Seed 002: the payer's identity is verified first.
    const customer = this.payers.resolve(request.payer_token, 'purchase')
    if (!customer) return declined(decline('payer_not_verified'), undefined, null)
    const payer = this.payers.pseudonym(customer.id, request.merchant.id)
    if (customer.currency !== request.currency) return declined(decline('currency_not_supported'), customer, payer)

    const payable = this.account('merchant', request.merchant.id, 'merchant_payable', request.currency)
    if (!payable) return declined(decline('currency_not_supported'), customer, payer)
    // Seed 001 step 203: a customer who cannot be billed is refused.
    const credit = this.account('customer', customer.id, 'credit', request.currency)
    const value = this.account('customer', customer.id, 'value', request.currency)
    if (!credit || !value || customer.status !== 'active' || credit.status !== 'open') {
      return declined(decline('customer_not_billable'), customer, payer)
    }
    const accounts: Accounts = { credit, value, payable }

    // A payer who blocked a merchant expects no charge from it at all, micropayment or credit.
    if (this.statements.blocked.get(customer.id, request.merchant.id)) return declined(decline('merchant_blocked_by_payer'), customer, payer)

    const is_micropayment = request.amount_minor < threshold.threshold_minor
    const checked = is_micropayment
      ? this.authoriseMicropayment(customer, request, accounts, threshold.threshold_minor, now)
      : this.authoriseCredit(request, accounts)
    if ('code' in checked) return declined(checked, customer, payer)

    try {
      this.ledger.apply(request_id, checked.transfers, now)
    } catch (error) {
      if (!(error instanceof LedgerRefusal)) throw error
      // The ledger has the last word on balances: a refusal here is a decline, not a crash.
      return declined(decline(declineForRefusal(error, is_micropayment)), customer, payer)
    }
    const result: PurchaseResult = {
      ...base,
      status: 'approved',
      method: is_micropayment ? 'micropayment' : 'credit',
      top_up_minor: checked.top_up_minor,
      payer,
    }
    this.record(request_id, request, result, customer.id, payer)
    return result
  }

  /** A credit transaction: authorised against the credit line's limit by the ledger. */
  private authoriseCredit(request: PurchaseRequest, accounts: Accounts): { transfers: TransferSpec[]; top_up_minor: number } {
    return {
      top_up_minor: 0,
      transfers: [
        {
          type: 'single',
          debit_account_id: accounts.credit.id,
          credit_account_id: accounts.payable.id,
          amount_minor: request.amount_minor,
          currency: request.currency,
          code: 'credit_purchase',
        },
      ],
    }
  }

  /**
   * The micropayment system of seed 002, in its order: (identity and blocked merchants,
   * checked by the caller for every purchase) the account's own limits, the threshold,
   * then the prefunded balance, topping it up by the increment (seed 000) when short.
   */
  private authoriseMicropayment(
    customer: CustomerRow,
    request: PurchaseRequest,
    accounts: Accounts,
    threshold_minor: number,
    now: Date,
  ): Decline | { transfers: TransferSpec[]; top_up_minor: number } {
    if (customer.micropayment_limit_per_purchase_minor !== null && request.amount_minor > customer.micropayment_limit_per_purchase_minor) {
      return decline('over_purchase_limit')
    }
    if (customer.micropayment_limit_per_day_minor !== null) {
      const day_start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString()
      const { total } = this.statements.day_total.get(customer.id, day_start) as { total: number }
      if (total + request.amount_minor > customer.micropayment_limit_per_day_minor) return decline('over_daily_limit')
    }
    // The micropayment system itself takes only amounts below the threshold.
    if (request.amount_minor >= threshold_minor) return decline('above_micropayment_threshold')

    const transfers: TransferSpec[] = []
    let top_up_minor = 0
    const available = availableMinor(accounts.value) ?? 0
    if (available < request.amount_minor) {
      // Seed 000 claim 8: the increment is never less than the threshold, so one
      // increment always covers a micropayment (which is below the threshold).
      top_up_minor = Math.max(customer.top_up_increment_minor, threshold_minor)
      transfers.push({
        type: 'single',
        debit_account_id: accounts.credit.id,
        credit_account_id: accounts.value.id,
        amount_minor: top_up_minor,
        currency: request.currency,
        code: 'top_up',
      })
    }
    transfers.push({
      type: 'single',
      debit_account_id: accounts.value.id,
      credit_account_id: accounts.payable.id,
      amount_minor: request.amount_minor,
      currency: request.currency,
      code: 'micropayment',
    })
    return { transfers, top_up_minor }
  }

  private account(owner_type: 'customer' | 'merchant', owner_id: number, kind: AccountRow['kind'], currency: string) {
    return this.statements.account.get(owner_type, owner_id, kind, currency) as AccountRow | undefined
  }

  private record(request_id: number, request: PurchaseRequest, result: PurchaseResult, customer_id: number | null, payer: string): void {
    this.statements.insert.run({
      purchase_id: result.purchase_id,
      request_id,
      merchant_id: request.merchant.id,
      customer_id,
      payer_pseudonym: payer,
      item_id: request.item.id,
      item_title: request.item.title,
      amount_minor: request.amount_minor,
      currency: request.currency,
      status: result.status,
      method: result.status === 'approved' ? result.method : null,
      top_up_minor: result.status === 'approved' ? result.top_up_minor : 0,
      decline_code: result.status === 'declined' ? result.code : null,
      decline_message: result.status === 'declined' ? result.message : null,
      created_at: result.created_at,
    })
  }
}

/** What a ledger refusal means to the payer and the merchant. */
function declineForRefusal(refusal: LedgerRefusal, is_micropayment: boolean): DeclineCode {
  switch (refusal.code) {
    case 'credit_limit_exceeded':
    case 'insufficient_funds':
      // A micropayment only reaches the credit line through a top-up.
      return is_micropayment ? 'top_up_refused' : 'credit_limit_exceeded'
    case 'account_not_open':
      return 'customer_not_billable'
    default:
      return 'customer_not_billable'
  }
}
