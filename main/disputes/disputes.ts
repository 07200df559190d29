/**
 * Disputes (seed 003): a customer disputes a charge — the micropayment or credit-purchase
 * transfer of an order, or a POS card payment — into a merchant's payable. The console
 * opens a dispute, may grant a provisional credit, and resolves it by reversing the charge
 * (the chargeback debits the merchant's payable, so an already settled payable makes the
 * next settlement smaller) or rejects it. Every money step is one ledger group run once per
 * idempotency key, and audited in the same transaction. A reversal above the currency's
 * refund threshold becomes a 'refund' approval request instead (maker-checker).
 */
import { RequestError } from '../errors'
import { refundThreshold } from '../host/settings'
import { spAccount, type AccountRow } from '../ledger/accounts'
import { formatMinor } from '../ledger/money'
import { LedgerRefusal } from '../ledger/errors'
import type { TransferRow } from '../ledger/transfers'
import { audit } from '../staff/audit'
import { statement } from '../store/statements'
import { pageOf } from '../store/paging'
import { pendingApprovalFor, requestApproval } from '../approvals/approvals'
import { applyReversal, disputeRow, openDispute, refusalOf, type DisputeContext, type DisputeRow, type DisputeStatus } from './reversal'

export { type DisputeRow, type DisputeStatus } from './reversal'

/** The charges a customer can dispute: money into a merchant's payable for a purchase. */
export const disputable_codes = ['micropayment', 'credit_purchase', 'pos_purchase'] as const

const scope = 'console'

function money(ctx: Pick<DisputeContext, 'db'>, amount_minor: number, currency: string): string {
  const row = statement(ctx.db, 'SELECT exponent FROM currencies WHERE code = ?').get(currency) as { exponent: number }
  return `${formatMinor(amount_minor, row.exponent)} ${currency}`
}

function accountById(ctx: Pick<DisputeContext, 'db'>, id: number): AccountRow {
  return statement(ctx.db, 'SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow
}

/** The charge transfer of an order: its micropayment or credit-purchase transfer. */
export function chargeOfPurchase(ctx: Pick<DisputeContext, 'db'>, purchase_id: string): TransferRow {
  const purchase = statement(ctx.db, 'SELECT request_id, status FROM purchases WHERE purchase_id = ?').get(purchase_id) as { request_id: number; status: string } | undefined
  if (!purchase) throw new RequestError('not_found', `there is no order ${purchase_id}`)
  if (purchase.status !== 'approved') throw new RequestError('refused', `order ${purchase_id} was declined: no money moved, so there is nothing to dispute`)
  const charge = statement(ctx.db, "SELECT * FROM transfers WHERE request_id = ? AND code IN ('micropayment', 'credit_purchase') ORDER BY id LIMIT 1").get(purchase.request_id) as
    | TransferRow
    | undefined
  if (!charge) throw new Error(`approved order ${purchase_id} has no charge transfer`)
  return charge
}

/** Checks a transfer is a charge a customer can dispute, and names who is who. */
function disputableCharge(ctx: DisputeContext, transfer_id: number): { charge: TransferRow; source: AccountRow; payable: AccountRow } {
  const charge = ctx.ledger.transfer(transfer_id)
  if (!charge) throw new RequestError('not_found', `there is no transfer ${transfer_id}`)
  if (!(disputable_codes as readonly string[]).includes(charge.code) || (charge.phase !== 'single' && charge.phase !== 'post_pending')) {
    throw new RequestError('refused', `transfer ${transfer_id} is not a purchase charge: only a micropayment, a credit purchase or a POS card payment can be disputed`)
  }
  const source = accountById(ctx, charge.debit_account_id)
  const payable = accountById(ctx, charge.credit_account_id)
  if (source.owner_type !== 'customer' || source.owner_id === null || payable.kind !== 'merchant_payable' || payable.owner_id === null) {
    throw new RequestError('refused', `transfer ${transfer_id} is not a customer's payment to a merchant`)
  }
  if (statement(ctx.db, 'SELECT 1 FROM transfers WHERE reverses_id = ?').get(charge.id)) {
    throw new RequestError('refused', `transfer ${transfer_id} has already been reversed: there is nothing left to dispute`)
  }
  return { charge, source, payable }
}

export interface OpenInput {
  purchase_id?: string | undefined
  transfer_id?: number | undefined
  reason: string
  idempotency_key: string
}

export function openNewDispute(ctx: DisputeContext, staff_id: number, input: OpenInput): { dispute_id: number; replayed: boolean } {
  if ((input.purchase_id === undefined) === (input.transfer_id === undefined)) {
    throw new RequestError('bad_request', 'name the disputed charge by its order (purchase_id) or by its transfer (transfer_id), not both')
  }
  const reason = input.reason.trim()
  if (reason === '') throw new RequestError('bad_request', 'say why the customer disputes the charge')
  const outcome = ctx.requests.run(
    { scope, idempotency_key: input.idempotency_key, kind: 'dispute_open', content: { purchase_id: input.purchase_id ?? null, transfer_id: input.transfer_id ?? null, reason } },
    ctx.clock.now(),
    () => {
      const transfer_id = input.purchase_id !== undefined ? chargeOfPurchase(ctx, input.purchase_id).id : (input.transfer_id ?? 0)
      const { charge, source, payable } = disputableCharge(ctx, transfer_id)
      const open = statement(ctx.db, "SELECT id FROM disputes WHERE transfer_id = ? AND status = 'open'").get(charge.id) as { id: number } | undefined
      if (open) throw new RequestError('refused', `this charge already has an open dispute (dispute ${open.id})`)
      const { id } = statement(
        ctx.db,
        `INSERT INTO disputes (transfer_id, customer_id, merchant_id, amount_minor, currency, reason, status, opened_by, opened_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id`,
      ).get(charge.id, source.owner_id, payable.owner_id, charge.amount_minor, charge.currency, reason, staff_id, ctx.clock.now().toISOString()) as { id: number }
      audit(ctx.db, ctx.clock, {
        staff_id,
        action: 'dispute.open',
        subject: `dispute:${id}`,
        detail: { transfer_id: charge.id, purchase_id: input.purchase_id ?? null, amount: money(ctx, charge.amount_minor, charge.currency), reason },
      })
      return { dispute_id: id }
    },
  )
  return { dispute_id: outcome.response.dispute_id, replayed: outcome.replayed }
}

/** Credits the customer's account the charge came from, from the SP's funding account, once. */
export function grantProvisionalCredit(ctx: DisputeContext, staff_id: number, dispute_id: number, idempotency_key: string): { dispute_id: number; replayed: boolean } {
  const outcome = ctx.requests.run({ scope, idempotency_key, kind: 'dispute_provisional_credit', content: { dispute_id } }, ctx.clock.now(), (request_id) => {
    const dispute = openDispute(ctx, dispute_id)
    if (dispute.provisional_transfer_id !== null) throw new RequestError('refused', `dispute ${dispute.id} already has its provisional credit`)
    const charge = ctx.ledger.transfer(dispute.transfer_id)
    if (!charge) throw new Error(`dispute ${dispute.id} names a missing transfer`)
    const funding = spAccount(ctx.db, 'sp_funding', dispute.currency, ctx.clock.now().toISOString())
    let transfer_id: number
    try {
      const [transfer] = ctx.ledger.apply(
        request_id,
        [
          {
            type: 'single',
            debit_account_id: funding.id,
            credit_account_id: charge.debit_account_id,
            amount_minor: dispute.amount_minor,
            currency: dispute.currency,
            code: 'dispute_provisional_credit',
            memo: `dispute ${dispute.id}: provisional credit`,
          },
        ],
        ctx.clock.now(),
      )
      if (!transfer) throw new Error('the ledger applied no transfer')
      transfer_id = transfer.id
    } catch (error) {
      throw refusalOf(error, `The provisional credit of dispute ${dispute.id}`)
    }
    statement(ctx.db, 'UPDATE disputes SET provisional_transfer_id = ? WHERE id = ?').run(transfer_id, dispute.id)
    audit(ctx.db, ctx.clock, {
      staff_id,
      action: 'dispute.provisional_credit',
      subject: `dispute:${dispute.id}`,
      detail: { amount: money(ctx, dispute.amount_minor, dispute.currency), transfer_id },
    })
    return { dispute_id: dispute.id }
  })
  return { dispute_id: outcome.response.dispute_id, replayed: outcome.replayed }
}

export interface ResolveAnswer {
  dispute_id: number
  /** Set when the refund was above the threshold and now waits for a second person. */
  approval_id: number | null
  replayed: boolean
}

/**
 * Resolves by reversing the charge: at once at or below the currency's refund threshold,
 * otherwise as a 'refund' approval request that a second person's approval applies.
 */
export function resolveByReversal(ctx: DisputeContext, staff_id: number, dispute_id: number, note: string, idempotency_key: string): ResolveAnswer {
  const outcome = ctx.requests.run(
    { scope, idempotency_key, kind: 'dispute_reversal', content: { dispute_id, note } },
    ctx.clock.now(),
    (request_id): { dispute_id: number; approval_id: number | null } => {
      const dispute = openDispute(ctx, dispute_id)
      const threshold = refundThreshold(ctx.db, dispute.currency)
      if (dispute.amount_minor > threshold) {
        const approval = requestApproval(
          ctx,
          staff_id,
          'refund',
          { dispute_id: dispute.id, note },
          `${note || 'dispute upheld'} (above the refund threshold of ${money(ctx, threshold, dispute.currency)})`,
        )
        return { dispute_id: dispute.id, approval_id: approval.id }
      }
      const { transfer_id } = applyReversal(ctx, request_id, dispute.id, staff_id, note)
      audit(ctx.db, ctx.clock, {
        staff_id,
        action: 'dispute.reverse',
        subject: `dispute:${dispute.id}`,
        detail: { amount: money(ctx, dispute.amount_minor, dispute.currency), transfer_id, provisional_withdrawn: dispute.provisional_transfer_id !== null, note },
      })
      return { dispute_id: dispute.id, approval_id: null }
    },
  )
  return { ...outcome.response, replayed: outcome.replayed }
}

/** Rejects the dispute; a provisional credit granted is withdrawn, if the account still holds it. */
export function rejectDispute(ctx: DisputeContext, staff_id: number, dispute_id: number, note: string, idempotency_key: string): { dispute_id: number; replayed: boolean } {
  const outcome = ctx.requests.run({ scope, idempotency_key, kind: 'dispute_reject', content: { dispute_id, note } }, ctx.clock.now(), (request_id) => {
    const dispute = openDispute(ctx, dispute_id)
    const waiting = pendingApprovalFor(ctx, 'refund', `dispute:${dispute.id}`)
    if (waiting) throw new RequestError('refused', `a refund for dispute ${dispute.id} waits for approval (request ${waiting.id}): it must be rejected or cancelled first`)
    let withdrawal_id: number | null = null
    if (dispute.provisional_transfer_id !== null) {
      const charge = ctx.ledger.transfer(dispute.transfer_id)
      if (!charge) throw new Error(`dispute ${dispute.id} names a missing transfer`)
      const funding = spAccount(ctx.db, 'sp_funding', dispute.currency, ctx.clock.now().toISOString())
      const source = accountById(ctx, charge.debit_account_id)
      try {
        const [transfer] = ctx.ledger.apply(
          request_id,
          [
            {
              type: 'single',
              debit_account_id: source.id,
              credit_account_id: funding.id,
              amount_minor: dispute.amount_minor,
              currency: dispute.currency,
              code: 'dispute_provisional_reversal',
              memo: `dispute ${dispute.id}: rejected, provisional credit withdrawn`,
            },
          ],
          ctx.clock.now(),
        )
        withdrawal_id = transfer?.id ?? null
      } catch (error) {
        if (error instanceof LedgerRefusal) {
          const where = source.kind === 'credit' ? `credit account ${source.number} has no room under its limit` : `${source.kind.replace('_', '-')} account ${source.number} no longer holds it`
          throw new RequestError(
            'refused',
            `The provisional credit of ${money(ctx, dispute.amount_minor, dispute.currency)} cannot be withdrawn: the customer's ${where}. The dispute stays open.`,
          )
        }
        throw error
      }
    }
    statement(ctx.db, "UPDATE disputes SET status = 'rejected', resolution_transfer_id = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'open'").run(
      withdrawal_id,
      note,
      staff_id,
      ctx.clock.now().toISOString(),
      dispute.id,
    )
    audit(ctx.db, ctx.clock, { staff_id, action: 'dispute.reject', subject: `dispute:${dispute.id}`, detail: { note, provisional_withdrawal_transfer_id: withdrawal_id } })
    return { dispute_id: dispute.id }
  })
  return { dispute_id: outcome.response.dispute_id, replayed: outcome.replayed }
}

export interface DisputeView {
  id: number
  transfer_id: number
  charge_code: string
  purchase_id: string | null
  item_title: string | null
  merchant_id: number
  merchant_name: string
  customer_id: number
  customer_name: string
  source_account_number: string
  amount_minor: number
  currency: string
  exponent: number
  reason: string
  status: DisputeStatus
  provisional_transfer_id: number | null
  resolution_transfer_id: number | null
  resolution_note: string | null
  opened_by_username: string
  resolved_by_username: string | null
  opened_at: string
  resolved_at: string | null
  /** A refund for this dispute waiting for a second person. */
  pending_approval_id: number | null
}

const view_select = `d.id, d.transfer_id, t.code AS charge_code, p.purchase_id, p.item_title, d.merchant_id, m.name AS merchant_name,
  d.customer_id, c.name AS customer_name, a.number AS source_account_number, d.amount_minor, d.currency, cur.exponent, d.reason, d.status,
  d.provisional_transfer_id, d.resolution_transfer_id, d.resolution_note, o.username AS opened_by_username, r.username AS resolved_by_username,
  d.opened_at, d.resolved_at,
  (SELECT id FROM approval_requests WHERE kind = 'refund' AND subject = 'dispute:' || d.id AND status = 'pending') AS pending_approval_id`
const view_from = `FROM disputes d JOIN transfers t ON t.id = d.transfer_id JOIN accounts a ON a.id = t.debit_account_id
  JOIN merchants m ON m.id = d.merchant_id JOIN customers c ON c.id = d.customer_id JOIN currencies cur ON cur.code = d.currency
  JOIN staff o ON o.id = d.opened_by LEFT JOIN staff r ON r.id = d.resolved_by LEFT JOIN purchases p ON p.request_id = t.request_id`

export function disputeView(ctx: Pick<DisputeContext, 'db'>, id: number): DisputeView {
  disputeRow(ctx, id)
  return statement(ctx.db, `SELECT ${view_select} ${view_from} WHERE d.id = ?`).get(id) as DisputeView
}

export function disputesOfTransfers(ctx: Pick<DisputeContext, 'db'>, transfer_ids: number[]): DisputeView[] {
  if (transfer_ids.length === 0) return []
  return ctx.db.prepare(`SELECT ${view_select} ${view_from} WHERE d.transfer_id IN (${transfer_ids.map(() => '?').join(',')}) ORDER BY d.id DESC`).all(...transfer_ids) as DisputeView[]
}

/** Disputes, open ones first, then newest first; paged on the host. */
export function listDisputes(ctx: Pick<DisputeContext, 'db'>, filter: { status?: DisputeStatus | undefined; customer_id?: number | undefined; page: number; page_size: number }) {
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  if (filter.status !== undefined) {
    clauses.push('d.status = @status')
    params.status = filter.status
  }
  if (filter.customer_id !== undefined) {
    clauses.push('d.customer_id = @customer_id')
    params.customer_id = filter.customer_id
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
  return pageOf<DisputeView>(
    ctx.db,
    { select: view_select, from: `${view_from} ${where}`, count_from: `FROM disputes d ${where}`, order_by: "d.status = 'open' DESC, d.id DESC", params },
    filter,
  )
}
