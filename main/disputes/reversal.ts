/**
 * Resolving a dispute by reversal, the one step both paths share: applied at once by the
 * clerk (at or below the refund threshold) or by a second person approving a 'refund'
 * request. Kept apart from disputes.ts so main/approvals can call it without importing
 * the module that itself asks for approvals.
 */
import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { LedgerRefusal } from '../ledger/errors'
import { spAccount } from '../ledger/accounts'
import type { TransferSpec } from '../ledger/transfers'
import { statement } from '../store/statements'

export type DisputeContext = Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>
export type DisputeStatus = 'open' | 'reversed' | 'rejected'

export interface DisputeRow {
  id: number
  transfer_id: number
  customer_id: number
  merchant_id: number
  amount_minor: number
  currency: string
  reason: string
  status: DisputeStatus
  provisional_transfer_id: number | null
  resolution_transfer_id: number | null
  resolution_note: string | null
  opened_by: number
  resolved_by: number | null
  opened_at: string
  resolved_at: string | null
}

export function disputeRow(ctx: Pick<HostContext, 'db'>, id: number): DisputeRow {
  const row = statement(ctx.db, 'SELECT * FROM disputes WHERE id = ?').get(id) as DisputeRow | undefined
  if (!row) throw new RequestError('not_found', `there is no dispute ${id}`)
  return row
}

export function openDispute(ctx: Pick<HostContext, 'db'>, id: number): DisputeRow {
  const row = disputeRow(ctx, id)
  if (row.status !== 'open') throw new RequestError('refused', `dispute ${id} is already ${row.status}`)
  return row
}

/** A ledger refusal in the clerk's words; anything else is not ours to explain. */
export function refusalOf(error: unknown, what: string): unknown {
  if (error instanceof LedgerRefusal) return new RequestError('refused', `${what} was refused by the ledger: ${error.message}`)
  return error
}

/**
 * Reverses the disputed charge (the merchant's payable pays the customer's account back:
 * the chargeback) and, if a provisional credit was granted, withdraws it in the same group,
 * so the customer is credited once. Runs inside the caller's request (its `request_id`).
 */
export function applyReversal(ctx: DisputeContext, request_id: number, dispute_id: number, staff_id: number, note: string): { transfer_id: number } {
  const dispute = openDispute(ctx, dispute_id)
  const charge = ctx.ledger.transfer(dispute.transfer_id)
  if (!charge) throw new Error(`dispute ${dispute.id} names transfer ${dispute.transfer_id}, which does not exist`)
  const specs: TransferSpec[] = [{ type: 'reverse', transfer_id: charge.id, memo: `dispute ${dispute.id}: charge reversed` }]
  if (dispute.provisional_transfer_id !== null) {
    const funding = spAccount(ctx.db, 'sp_funding', dispute.currency, ctx.clock.now().toISOString())
    specs.push({
      type: 'single',
      debit_account_id: charge.debit_account_id,
      credit_account_id: funding.id,
      amount_minor: dispute.amount_minor,
      currency: dispute.currency,
      code: 'dispute_provisional_reversal',
      memo: `dispute ${dispute.id}: provisional credit replaced by the reversal`,
    })
  }
  let reversal_id: number
  try {
    const [reversal] = ctx.ledger.apply(request_id, specs, ctx.clock.now())
    if (!reversal) throw new Error('the ledger applied no transfer')
    reversal_id = reversal.id
  } catch (error) {
    throw refusalOf(error, `Reversing the charge of dispute ${dispute.id}`)
  }
  statement(
    ctx.db,
    `UPDATE disputes SET status = 'reversed', resolution_transfer_id = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'open'`,
  ).run(reversal_id, note, staff_id, ctx.clock.now().toISOString(), dispute.id)
  return { transfer_id: reversal_id }
}
