/**
 * Maker-checker: a manual balance adjustment, a credit-limit increase, a card unblock, a
 * refund above the threshold (a dispute resolved by reversal) and a bill write-off are requested by one staff member (the maker) and applied only when another (the
 * checker) approves. Approving applies the request in the same transaction that marks it
 * approved, so a refusal by the ledger or by a rule leaves the request pending and nothing
 * changed. Every step is audited inside its own transaction.
 *
 * This lives outside main/staff because applying a request reaches the ledger and the
 * cards, which main/staff must not depend on.
 */
import { z } from 'zod'
import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { audit } from '../staff/audit'
import { LedgerRefusal } from '../ledger/errors'
import { formatMinor } from '../ledger/money'
import { spAccount, type AccountRow } from '../ledger/accounts'
import { card as cardById, changeCardStatus } from '../cards/cards'
import { customer } from '../customers/customers'
import { statement } from '../store/statements'
import { applyReversal, openDispute } from '../disputes/reversal'
import { writeOffBill } from '../billing/write-off'

export type ApprovalContext = Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>
export type ApprovalKind = 'balance_adjustment' | 'credit_limit_increase' | 'card_unblock' | 'refund' | 'bill_write_off'
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled'

const payload_schemas = {
  /** Positive credits the customer's account from the SP's funding account; negative debits it. */
  balance_adjustment: z.object({ account_id: z.number().int().positive(), amount_minor: z.number().int() }).strict(),
  credit_limit_increase: z.object({ account_id: z.number().int().positive(), credit_limit_minor: z.number().int().min(0) }).strict(),
  card_unblock: z.object({ card_id: z.number().int().positive() }).strict(),
  /** Resolve a dispute by reversing its charge (and withdrawing any provisional credit). */
  refund: z.object({ dispute_id: z.number().int().positive(), note: z.string() }).strict(),
  bill_write_off: z.object({ bill_id: z.number().int().positive() }).strict(),
} as const

export type ApprovalPayload<K extends ApprovalKind> = z.infer<(typeof payload_schemas)[K]>

export interface ApprovalRow {
  id: number
  kind: ApprovalKind
  subject: string
  payload_json: string
  summary: string
  reason: string
  maker_staff_id: number
  status: ApprovalStatus
  checker_staff_id: number | null
  decided_at: string | null
  decision_reason: string | null
  created_at: string
}

/** A list answers at most this many requests, newest first. */
export const approvals_list_max = 500

export const maker_cannot_approve = 'the maker of a request cannot approve it'

/** What a request acts on: a second pending request of the same kind on it is refused. */
function subjectOf(kind: ApprovalKind, payload: Record<string, unknown>): string {
  switch (kind) {
    case 'balance_adjustment':
    case 'credit_limit_increase':
      return `account:${String(payload.account_id)}`
    case 'card_unblock':
      return `card:${String(payload.card_id)}`
    case 'refund':
      return `dispute:${String(payload.dispute_id)}`
    case 'bill_write_off':
      return `bill:${String(payload.bill_id)}`
  }
}

const kind_words: Record<ApprovalKind, string> = {
  balance_adjustment: 'balance adjustment',
  credit_limit_increase: 'credit-limit increase',
  card_unblock: 'card unblock',
  refund: 'refund',
  bill_write_off: 'bill write-off',
}

/** The pending request of this kind on this subject, if any. */
export function pendingApprovalFor(ctx: Pick<ApprovalContext, 'db'>, kind: ApprovalKind, subject: string): ApprovalRow | undefined {
  return statement(ctx.db, "SELECT * FROM approval_requests WHERE kind = ? AND subject = ? AND status = 'pending' ORDER BY id LIMIT 1").get(kind, subject) as ApprovalRow | undefined
}

function approvalById(ctx: ApprovalContext, id: number): ApprovalRow {
  const row = statement(ctx.db, 'SELECT * FROM approval_requests WHERE id = ?').get(id) as ApprovalRow | undefined
  if (!row) throw new RequestError('not_found', `there is no approval request ${id}`)
  return row
}

function accountOf(ctx: ApprovalContext, account_id: number): AccountRow {
  const account = statement(ctx.db, 'SELECT * FROM accounts WHERE id = ?').get(account_id) as AccountRow | undefined
  if (!account || account.owner_type !== 'customer' || account.owner_id === null) throw new RequestError('not_found', `there is no customer account ${account_id}`)
  return account
}

function exponentOf(ctx: ApprovalContext, currency: string): number {
  const row = statement(ctx.db, 'SELECT exponent FROM currencies WHERE code = ?').get(currency) as { exponent: number } | undefined
  if (!row) throw new Error(`currency ${currency} is not in the currencies table`)
  return row.exponent
}

function money(ctx: ApprovalContext, amount_minor: number, currency: string): string {
  return `${formatMinor(amount_minor, exponentOf(ctx, currency))} ${currency}`
}

function adjustableAccount(ctx: ApprovalContext, account_id: number): AccountRow {
  const account = accountOf(ctx, account_id)
  if (account.kind !== 'value' && account.kind !== 'cash_access') {
    throw new RequestError('bad_request', `account ${account.number} is a ${account.kind.replace('_', '-')} account: only value and cash-access accounts are adjusted`)
  }
  return account
}

function creditAccount(ctx: ApprovalContext, account_id: number, credit_limit_minor: number): AccountRow {
  const account = accountOf(ctx, account_id)
  if (account.kind !== 'credit' || account.credit_limit_minor === null) throw new RequestError('bad_request', `account ${account.number} is not a credit account`)
  if (credit_limit_minor <= account.credit_limit_minor) {
    throw new RequestError(
      'refused',
      `a credit limit can only be raised here: account ${account.number} already has a limit of ${money(ctx, account.credit_limit_minor, account.currency)}`,
    )
  }
  return account
}

/** Checks the request can apply today and says what it does, in a sentence with no card data. */
function describe<K extends ApprovalKind>(ctx: ApprovalContext, kind: K, payload: ApprovalPayload<K>): string {
  if (kind === 'balance_adjustment') {
    const p = payload as ApprovalPayload<'balance_adjustment'>
    if (p.amount_minor === 0) throw new RequestError('bad_request', 'an adjustment moves a non-zero amount')
    const account = adjustableAccount(ctx, p.account_id)
    const owner = customer(ctx.db, account.owner_id ?? 0)
    const sign = p.amount_minor > 0 ? '+' : ''
    return `Adjust ${owner.name}'s account ${account.number} by ${sign}${money(ctx, p.amount_minor, account.currency)}`
  }
  if (kind === 'credit_limit_increase') {
    const p = payload as ApprovalPayload<'credit_limit_increase'>
    const account = creditAccount(ctx, p.account_id, p.credit_limit_minor)
    const owner = customer(ctx.db, account.owner_id ?? 0)
    return `Raise ${owner.name}'s credit limit on ${account.number} from ${money(ctx, account.credit_limit_minor ?? 0, account.currency)} to ${money(ctx, p.credit_limit_minor, account.currency)}`
  }
  if (kind === 'refund') {
    const p = payload as ApprovalPayload<'refund'>
    const dispute = openDispute(ctx, p.dispute_id)
    const owner = customer(ctx.db, dispute.customer_id)
    const merchant = statement(ctx.db, 'SELECT name FROM merchants WHERE id = ?').get(dispute.merchant_id) as { name: string }
    return `Refund ${money(ctx, dispute.amount_minor, dispute.currency)} to ${owner.name}: reverse the charge of dispute ${dispute.id} (${merchant.name})`
  }
  if (kind === 'bill_write_off') {
    const p = payload as ApprovalPayload<'bill_write_off'>
    const bill = statement(ctx.db, 'SELECT id, reference, customer_id, currency, total_minor, paid_minor FROM bills WHERE id = ?').get(p.bill_id) as
      | { id: number; reference: string; customer_id: number; currency: string; total_minor: number; paid_minor: number }
      | undefined
    if (!bill) throw new RequestError('not_found', `there is no bill ${p.bill_id}`)
    const owed = bill.total_minor - bill.paid_minor
    if (owed <= 0) throw new RequestError('refused', `bill ${bill.reference} is paid in full: there is nothing to write off`)
    return `Write off ${money(ctx, owed, bill.currency)} still owed on bill ${bill.reference} of ${customer(ctx.db, bill.customer_id).name}`
  }
  const p = payload as ApprovalPayload<'card_unblock'>
  const row = cardById(ctx.db, p.card_id)
  if (row.status !== 'blocked') throw new RequestError('refused', `only a blocked card can be unblocked; card ${row.id} is ${row.status}`)
  return `Unblock card ${row.id} of ${customer(ctx.db, row.customer_id).name}`
}

export function requestApproval<K extends ApprovalKind>(ctx: ApprovalContext, maker_staff_id: number, kind: K, payload: ApprovalPayload<K>, reason: string): ApprovalRow {
  const parsed = payload_schemas[kind].parse(payload)
  return ctx.db.transaction(() => {
    const subject = subjectOf(kind, parsed)
    const waiting = pendingApprovalFor(ctx, kind, subject)
    if (waiting) {
      throw new RequestError('refused', `a ${kind_words[kind]} request for this ${subject.split(':')[0]} already waits for approval (request ${waiting.id}): approve, reject or cancel it first`)
    }
    const summary = describe(ctx, kind, payload)
    const { id } = statement(
      ctx.db,
      `INSERT INTO approval_requests (kind, subject, payload_json, summary, reason, maker_staff_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(kind, subject, JSON.stringify(parsed), summary, reason, maker_staff_id, ctx.clock.now().toISOString()) as { id: number }
    audit(ctx.db, ctx.clock, { staff_id: maker_staff_id, action: `approval.request_${kind}`, subject: `approval:${id}`, detail: { summary, reason } })
    return approvalById(ctx, id)
  }).immediate()
}

function pending(ctx: ApprovalContext, id: number): ApprovalRow {
  const row = approvalById(ctx, id)
  if (row.status !== 'pending') throw new RequestError('refused', `approval request ${id} is already ${row.status}`)
  return row
}

function decide(ctx: ApprovalContext, id: number, status: ApprovalStatus, checker_staff_id: number | null, decision_reason: string | null): void {
  statement(ctx.db, "UPDATE approval_requests SET status = ?, checker_staff_id = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'pending'").run(
    status,
    checker_staff_id,
    ctx.clock.now().toISOString(),
    decision_reason,
    id,
  )
}

/** Applies what was asked; a ledger refusal becomes a sentence and rolls the approval back. */
function apply(ctx: ApprovalContext, row: ApprovalRow, checker_staff_id: number): Record<string, unknown> {
  const payload: unknown = JSON.parse(row.payload_json)
  if (row.kind === 'balance_adjustment') {
    const p = payload_schemas.balance_adjustment.parse(payload)
    const account = adjustableAccount(ctx, p.account_id)
    const funding = spAccount(ctx.db, 'sp_funding', account.currency, ctx.clock.now().toISOString())
    const [debit, credit] = p.amount_minor > 0 ? [funding, account] : [account, funding]
    try {
      const outcome = ctx.requests.run(
        { scope: 'approval', idempotency_key: `approval:${row.id}`, kind: 'adjustment', content: p },
        ctx.clock.now(),
        (request_id) => {
          const [transfer] = ctx.ledger.apply(
            request_id,
            [{ type: 'single', debit_account_id: debit.id, credit_account_id: credit.id, amount_minor: Math.abs(p.amount_minor), currency: account.currency, code: 'adjustment', memo: `approval ${row.id}` }],
            ctx.clock.now(),
          )
          if (!transfer) throw new Error('the ledger applied no transfer')
          return { transfer_id: transfer.id }
        },
      )
      return { transfer_id: outcome.response.transfer_id }
    } catch (error) {
      if (error instanceof LedgerRefusal) throw new RequestError('refused', error.message)
      throw error
    }
  }
  if (row.kind === 'refund') {
    const p = payload_schemas.refund.parse(payload)
    const outcome = ctx.requests.run(
      { scope: 'approval', idempotency_key: `approval:${row.id}`, kind: 'dispute_reversal', content: p },
      ctx.clock.now(),
      (request_id) => applyReversal(ctx, request_id, p.dispute_id, checker_staff_id, p.note),
    )
    return { dispute_id: p.dispute_id, transfer_id: outcome.response.transfer_id }
  }
  if (row.kind === 'bill_write_off') {
    const p = payload_schemas.bill_write_off.parse(payload)
    // writeOffBill audits the write-off itself and runs once per bill.
    return writeOffBill(ctx, p.bill_id, checker_staff_id)
  }
  if (row.kind === 'credit_limit_increase') {
    const p = payload_schemas.credit_limit_increase.parse(payload)
    const account = creditAccount(ctx, p.account_id, p.credit_limit_minor)
    statement(ctx.db, 'UPDATE accounts SET credit_limit_minor = ? WHERE id = ?').run(p.credit_limit_minor, account.id)
    return { from: account.credit_limit_minor, to: p.credit_limit_minor }
  }
  const p = payload_schemas.card_unblock.parse(payload)
  changeCardStatus(ctx.db, p.card_id, 'unblock')
  return {}
}

export function approve(ctx: ApprovalContext, checker_staff_id: number, id: number): ApprovalRow {
  return ctx.db.transaction(() => {
    const row = pending(ctx, id)
    if (row.maker_staff_id === checker_staff_id) throw new RequestError('refused', maker_cannot_approve)
    const applied = apply(ctx, row, checker_staff_id)
    decide(ctx, id, 'approved', checker_staff_id, null)
    audit(ctx.db, ctx.clock, { staff_id: checker_staff_id, action: `approval.approve_${row.kind}`, subject: `approval:${id}`, detail: { summary: row.summary, maker_staff_id: row.maker_staff_id, ...applied } })
    return approvalById(ctx, id)
  }).immediate()
}

export function reject(ctx: ApprovalContext, checker_staff_id: number, id: number, reason: string): ApprovalRow {
  return ctx.db.transaction(() => {
    const row = pending(ctx, id)
    if (row.maker_staff_id === checker_staff_id) throw new RequestError('refused', 'the maker of a request cannot reject it; cancel it instead')
    decide(ctx, id, 'rejected', checker_staff_id, reason)
    audit(ctx.db, ctx.clock, { staff_id: checker_staff_id, action: `approval.reject_${row.kind}`, subject: `approval:${id}`, detail: { summary: row.summary, reason } })
    return approvalById(ctx, id)
  }).immediate()
}

export function cancel(ctx: ApprovalContext, maker_staff_id: number, id: number): ApprovalRow {
  return ctx.db.transaction(() => {
    const row = pending(ctx, id)
    if (row.maker_staff_id !== maker_staff_id) throw new RequestError('refused', 'only the maker of a request can cancel it')
    decide(ctx, id, 'cancelled', null, null)
    audit(ctx.db, ctx.clock, { staff_id: maker_staff_id, action: `approval.cancel_${row.kind}`, subject: `approval:${id}`, detail: { summary: row.summary } })
    return approvalById(ctx, id)
  }).immediate()
}

export interface ApprovalView {
  id: number
  kind: ApprovalKind
  summary: string
  reason: string
  status: ApprovalStatus
  maker_staff_id: number
  maker_username: string
  checker_staff_id: number | null
  checker_username: string | null
  decided_at: string | null
  decision_reason: string | null
  created_at: string
}

export function listApprovals(ctx: ApprovalContext, filter: { status?: ApprovalStatus }): ApprovalView[] {
  return statement(
    ctx.db,
    `SELECT a.id, a.kind, a.summary, a.reason, a.status, a.maker_staff_id, m.username AS maker_username,
       a.checker_staff_id, c.username AS checker_username, a.decided_at, a.decision_reason, a.created_at
     FROM approval_requests a JOIN staff m ON m.id = a.maker_staff_id LEFT JOIN staff c ON c.id = a.checker_staff_id
     WHERE @status IS NULL OR a.status = @status ORDER BY a.id DESC LIMIT @rows_max`,
  ).all({ status: filter.status ?? null, rows_max: approvals_list_max }) as ApprovalView[]
}

export function approvalView(ctx: ApprovalContext, id: number): ApprovalView {
  const view = listApprovalsById(ctx, id)
  if (!view) throw new RequestError('not_found', `there is no approval request ${id}`)
  return view
}

function listApprovalsById(ctx: ApprovalContext, id: number): ApprovalView | undefined {
  return statement(
    ctx.db,
    `SELECT a.id, a.kind, a.summary, a.reason, a.status, a.maker_staff_id, m.username AS maker_username,
       a.checker_staff_id, c.username AS checker_username, a.decided_at, a.decision_reason, a.created_at
     FROM approval_requests a JOIN staff m ON m.id = a.maker_staff_id LEFT JOIN staff c ON c.id = a.checker_staff_id
     WHERE a.id = ?`,
  ).get(id) as ApprovalView | undefined
}

