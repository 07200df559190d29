import type { HostContext } from '../host/context'
import { statement } from '../store/statements'
import { findAccount, spAccount } from '../ledger/accounts'
import type { TransferSpec } from '../ledger/transfers'
import { formatMinor } from '../ledger/money'
import { audit } from '../staff/audit'
import { RequestError } from '../errors'
import { computeBatch, type BatchTotals } from './compute'
import { merchantTerms, settledThrough, unsettledSums } from './due'

export type ClosedBy = 'rule_amount' | 'rule_days' | 'staff'

export interface CloseBatchInput {
  merchant_id: number
  closed_by: ClosedBy
  /** Null for the host's job. */
  staff_id: number | null
  /** The clerk's key for a manual close; the job's is made from the batch's last transfer. */
  idempotency_key: string
}

export interface ClosedBatch extends BatchTotals {
  batch_id: number
  reference: string
  merchant_id: number
  currency: string
  closed_by: ClosedBy
  closed_at: string
  line_count: number
}

interface LineCandidate {
  id: number
  amount_minor: number
  is_purchase: 0 | 1
}

// The same lines unsettledSums adds up, one by one, in the same transaction as the close.
const lines_sql = `
  SELECT t.id, t.amount_minor, (t.credit_account_id = @account_id) AS is_purchase
    FROM transfers t
   WHERE (t.credit_account_id = @account_id OR t.debit_account_id = @account_id)
     AND t.id > @after_id
     AND t.phase IN ('single', 'post_pending')
     AND t.code NOT IN ('settlement', 'settlement_discount', 'settlement_fee')
     AND NOT EXISTS (SELECT 1 FROM settlement_batch_lines l WHERE l.transfer_id = t.id)
   ORDER BY t.id`

/** The reference the merchant and the payout file see: STL-2026-000042. */
export function batchReference(batch_id: number, closed_at: string): string {
  return `STL-${closed_at.slice(0, 4)}-${String(batch_id).padStart(6, '0')}`
}

/** The job's idempotency key: the same unsettled lines always make the same request. */
export function jobBatchKey(merchant_id: number, last_transfer_id: number): string {
  return `batch:${merchant_id}:${last_transfer_id}`
}

/**
 * Closes a batch for a merchant: every posted, unbatched transfer on its payable account
 * becomes a line; the discount and fees go to the SP's fee income and the net to the
 * settlement clearing account, in one atomic group under one idempotent request. A repeat of
 * the request answers the first batch; a second close with nothing left is refused. Lines are
 * unique by transfer, so no purchase is ever settled twice.
 */
export function closeBatch(ctx: HostContext, input: CloseBatchInput, now: Date): { batch: ClosedBatch; replayed: boolean } {
  const outcome = ctx.requests.run(
    { scope: 'settlement', idempotency_key: input.idempotency_key, kind: 'settlement.close', content: { merchant_id: input.merchant_id } },
    now,
    (request_id): ClosedBatch => {
      const terms = merchantTerms(ctx.db, input.merchant_id)
      if (!terms) throw new RequestError('not_found', `There is no merchant ${input.merchant_id}.`)
      const payable = findAccount(ctx.db, 'merchant', terms.merchant_id, 'merchant_payable', terms.currency)
      if (!payable) throw new RequestError('refused', `${terms.merchant_name} has no payable account yet: there is nothing to settle.`)
      const candidates = statement(ctx.db, lines_sql).all({ account_id: payable.id, after_id: settledThrough(ctx.db, terms.merchant_id) }) as LineCandidate[]
      const purchases = candidates.filter((c) => c.is_purchase === 1)
      const totals = computeBatch(
        {
          gross_minor: purchases.reduce((s, c) => s + c.amount_minor, 0),
          corrections_minor: candidates.filter((c) => c.is_purchase === 0).reduce((s, c) => s + c.amount_minor, 0),
          purchase_count: purchases.length,
        },
        terms,
      )
      if (totals.net_minor <= 0) {
        throw new RequestError(
          'refused',
          candidates.length === 0
            ? `${terms.merchant_name} has nothing unsettled: there is no batch to close.`
            : `${terms.merchant_name}'s unsettled purchases less corrections, discount and fees come to ${terms.currency} ${formatMinor(totals.net_minor, terms.exponent)}: nothing to pay out, so everything carries forward to the next batch.`,
        )
      }
      const now_iso = now.toISOString()
      const fee_income = spAccount(ctx.db, 'sp_fee_income', terms.currency, now_iso)
      const clearing = spAccount(ctx.db, 'sp_settlement', terms.currency, now_iso)
      const batch_id = (
        statement(
          ctx.db,
          `INSERT INTO settlement_batches (reference, merchant_id, currency, closed_by, staff_id, purchase_count, gross_minor,
             corrections_minor, discount_minor, fees_minor, net_minor, discount_bps, fee_per_purchase_minor, request_id, closed_at)
           VALUES (@reference, @merchant_id, @currency, @closed_by, @staff_id, @purchase_count, @gross_minor, @corrections_minor,
             @discount_minor, @fees_minor, @net_minor, @discount_bps, @fee_per_purchase_minor, @request_id, @closed_at) RETURNING id`,
        ).get({
          ...totals,
          reference: `pending:${request_id}`,
          merchant_id: terms.merchant_id,
          currency: terms.currency,
          closed_by: input.closed_by,
          staff_id: input.staff_id,
          discount_bps: terms.discount_bps,
          fee_per_purchase_minor: terms.fee_per_purchase_minor,
          request_id,
          closed_at: now_iso,
        }) as { id: number }
      ).id
      const reference = batchReference(batch_id, now_iso)
      statement(ctx.db, 'UPDATE settlement_batches SET reference = ? WHERE id = ?').run(reference, batch_id)
      const memo = `settlement batch ${reference}`
      const leg = (amount_minor: number, credit_account_id: number, code: 'settlement' | 'settlement_discount' | 'settlement_fee'): TransferSpec[] =>
        amount_minor > 0 ? [{ type: 'single', debit_account_id: payable.id, credit_account_id, amount_minor, currency: terms.currency, code, memo }] : []
      ctx.ledger.apply(
        request_id,
        [...leg(totals.discount_minor, fee_income.id, 'settlement_discount'), ...leg(totals.fees_minor, fee_income.id, 'settlement_fee'), ...leg(totals.net_minor, clearing.id, 'settlement')],
        now,
      )
      const insert_line = statement(ctx.db, 'INSERT INTO settlement_batch_lines (batch_id, transfer_id, kind, amount_minor) VALUES (?, ?, ?, ?)')
      for (const c of candidates) insert_line.run(batch_id, c.id, c.is_purchase ? 'purchase' : 'correction', c.is_purchase ? c.amount_minor : -c.amount_minor)
      const batch: ClosedBatch = {
        ...totals,
        batch_id,
        reference,
        merchant_id: terms.merchant_id,
        currency: terms.currency,
        closed_by: input.closed_by,
        closed_at: now_iso,
        line_count: candidates.length,
      }
      audit(ctx.db, ctx.clock, {
        staff_id: input.staff_id,
        action: input.staff_id === null ? 'job.settlement_close' : 'settlement.close',
        subject: `settlement_batch:${batch_id}`,
        detail: batch,
      })
      return batch
    },
  )
  return { batch: outcome.response, replayed: outcome.replayed }
}

/** The job's close: keyed by the merchant's last unsettled transfer, so a rerun replays. */
export function closeDueBatch(ctx: HostContext, merchant_id: number, reason: 'rule_amount' | 'rule_days', now: Date): { batch: ClosedBatch; replayed: boolean } | null {
  const terms = merchantTerms(ctx.db, merchant_id)
  if (!terms) return null
  const sums = unsettledSums(ctx.db, merchant_id, terms.currency)
  if (sums.last_transfer_id === null) return null
  return closeBatch(ctx, { merchant_id, closed_by: reason, staff_id: null, idempotency_key: jobBatchKey(merchant_id, sums.last_transfer_id) }, now)
}
