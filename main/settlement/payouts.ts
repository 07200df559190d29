import { debtorAccount } from './files'
import type { HostContext } from '../host/context'
import { statement } from '../store/statements'
import { spAccount } from '../ledger/accounts'
import { audit } from '../staff/audit'
import { RequestError } from '../errors'
import { getBatch, getPayout, livePayout, payoutsOf, type BatchRow, type PayoutRow } from './views'

interface CreditorAccount {
  merchant_name: string
  settlement_iban: string | null
  settlement_bic: string | null
  settlement_account_number: string | null
}

/** pain.001 MsgId / PmtInfId (Max35Text): the batch reference and the attempt. */
export function payoutMessageId(reference: string, attempt: number): string {
  return `${reference}-A${attempt}`
}

function creditorOf(ctx: HostContext, batch: BatchRow): CreditorAccount {
  const row = statement(ctx.db, 'SELECT name AS merchant_name, settlement_iban, settlement_bic, settlement_account_number FROM merchants WHERE id = ?').get(
    batch.merchant_id,
  ) as CreditorAccount
  if (!row.settlement_iban && !row.settlement_account_number) {
    throw new RequestError(
      'refused',
      `${row.merchant_name} has no settlement account (IBAN or account number): add it on the merchant's page before exporting a payout.`,
    )
  }
  return row
}

function insertAttempt(ctx: HostContext, batch: BatchRow, attempt: number, staff_id: number | null): PayoutRow {
  const creditor = creditorOf(ctx, batch)
  // Both ends of the payout must be known before an attempt exists: the file is made after.
  debtorAccount(ctx.db)
  const { id } = statement(
    ctx.db,
    `INSERT INTO settlement_payouts (batch_id, attempt, message_id, status, creditor_iban, creditor_bic, creditor_account_number, created_at)
     VALUES (?, ?, ?, 'exported', ?, ?, ?, ?) RETURNING id`,
  ).get(
    batch.id,
    attempt,
    payoutMessageId(batch.reference, attempt),
    creditor.settlement_iban,
    creditor.settlement_bic,
    creditor.settlement_account_number,
    ctx.clock.now().toISOString(),
  ) as { id: number }
  const payout = getPayout(ctx.db, id)
  audit(ctx.db, ctx.clock, { staff_id, action: 'settlement.payout_export', subject: `settlement_payout:${id}`, detail: { batch: batch.reference, ...payout } })
  return payout
}

/**
 * The attempt an export would use, without writing it: the live one, or attempt 1 as it would
 * be made now. The export checks the file made for it against the schema first, so a file that
 * would fail never leaves a payout attempt behind.
 */
export function prospectivePayout(ctx: HostContext, batch_id: number): { batch: BatchRow; payout: PayoutRow } {
  const batch = getBatch(ctx.db, batch_id)
  const live = livePayout(ctx.db, batch_id)
  if (live || payoutsOf(ctx.db, batch_id).length > 0) return { batch, payout: live ?? (payoutsOf(ctx.db, batch_id)[0] as PayoutRow) }
  const creditor = creditorOf(ctx, batch)
  debtorAccount(ctx.db)
  return {
    batch,
    payout: {
      id: 0,
      batch_id,
      attempt: 1,
      message_id: payoutMessageId(batch.reference, 1),
      status: 'exported',
      creditor_iban: creditor.settlement_iban,
      creditor_bic: creditor.settlement_bic,
      creditor_account_number: creditor.settlement_account_number,
      sent_transfer_id: null,
      returned_transfer_id: null,
      return_reason: null,
      created_at: ctx.clock.now().toISOString(),
      sent_at: null,
      returned_at: null,
    },
  }
}

/**
 * The attempt a payout file is made for: the live one (re-exporting gives the same file), or
 * attempt 1 made now with the merchant's account details. After a return, only a re-send
 * makes a new attempt, so a clerk never pays out by accident what the bank refused.
 * `may_create` is false for a reader (the auditor): they see files, never start a payout.
 */
export function payoutForExport(ctx: HostContext, batch_id: number, staff_id: number, may_create: boolean): { batch: BatchRow; payout: PayoutRow } {
  return ctx.db.transaction(() => {
    const batch = getBatch(ctx.db, batch_id)
    const live = livePayout(ctx.db, batch_id)
    if (live) return { batch, payout: live }
    if (payoutsOf(ctx.db, batch_id).length > 0) {
      throw new RequestError('refused', `The payout of ${batch.reference} was returned: re-send it (with the merchant's corrected account) to make a new payout file.`)
    }
    if (!may_create) throw new RequestError('refused', `${batch.reference} has no payout file yet: a back-office clerk makes it on export.`)
    return { batch, payout: insertAttempt(ctx, batch, 1, staff_id) }
  }).immediate()
}

/** The bank took the payout file: the net leaves the settlement clearing account for the SP's bank account. */
export function markPayoutSent(ctx: HostContext, payout_id: number, staff_id: number, now: Date): { payout: PayoutRow; replayed: boolean } {
  const outcome = ctx.requests.run(
    { scope: 'settlement', idempotency_key: `payout_sent:${payout_id}`, kind: 'settlement.payout_sent', content: { payout_id } },
    now,
    (request_id) => {
      const payout = getPayout(ctx.db, payout_id)
      if (payout.status !== 'exported') throw new RequestError('conflict', `Payout ${payout.message_id} is ${payout.status}, not waiting to be sent.`)
      const batch = getBatch(ctx.db, payout.batch_id)
      const now_iso = now.toISOString()
      const [transfer] = ctx.ledger.apply(
        request_id,
        [
          {
            type: 'single',
            debit_account_id: spAccount(ctx.db, 'sp_settlement', batch.currency, now_iso).id,
            credit_account_id: spAccount(ctx.db, 'sp_funding', batch.currency, now_iso).id,
            amount_minor: batch.net_minor,
            currency: batch.currency,
            code: 'payout_sent',
            memo: `payout ${payout.message_id} of ${batch.reference}`,
          },
        ],
        now,
      )
      statement(ctx.db, "UPDATE settlement_payouts SET status = 'sent', sent_at = ?, sent_transfer_id = ? WHERE id = ?").run(now_iso, transfer?.id, payout_id)
      const sent = getPayout(ctx.db, payout_id)
      audit(ctx.db, ctx.clock, { staff_id, action: 'settlement.payout_sent', subject: `settlement_payout:${payout_id}`, detail: { batch: batch.reference, ...sent } })
      return sent
    },
  )
  // A repeat answers the payout as it is now (it may have been returned since).
  return { payout: outcome.replayed ? getPayout(ctx.db, payout_id) : outcome.response, replayed: outcome.replayed }
}

/** The merchant's bank refused the payout: the money comes back to the settlement clearing account. */
export function returnPayout(ctx: HostContext, payout_id: number, reason: string, staff_id: number, now: Date): { payout: PayoutRow; replayed: boolean } {
  const outcome = ctx.requests.run(
    { scope: 'settlement', idempotency_key: `payout_returned:${payout_id}`, kind: 'settlement.payout_return', content: { payout_id, reason } },
    now,
    (request_id) => {
      const payout = getPayout(ctx.db, payout_id)
      if (payout.status !== 'sent' || payout.sent_transfer_id === null) {
        throw new RequestError('conflict', `Payout ${payout.message_id} is ${payout.status}: only a sent payout can come back.`)
      }
      const batch = getBatch(ctx.db, payout.batch_id)
      const now_iso = now.toISOString()
      const [transfer] = ctx.ledger.apply(
        request_id,
        [
          {
            type: 'single',
            debit_account_id: spAccount(ctx.db, 'sp_funding', batch.currency, now_iso).id,
            credit_account_id: spAccount(ctx.db, 'sp_settlement', batch.currency, now_iso).id,
            amount_minor: batch.net_minor,
            currency: batch.currency,
            code: 'payout_returned',
            memo: `payout ${payout.message_id} returned (transfer ${payout.sent_transfer_id}): ${reason}`.slice(0, 500),
          },
        ],
        now,
      )
      statement(ctx.db, "UPDATE settlement_payouts SET status = 'returned', returned_at = ?, returned_transfer_id = ?, return_reason = ? WHERE id = ?").run(
        now_iso,
        transfer?.id,
        reason,
        payout_id,
      )
      const returned = getPayout(ctx.db, payout_id)
      audit(ctx.db, ctx.clock, { staff_id, action: 'settlement.payout_return', subject: `settlement_payout:${payout_id}`, detail: { batch: batch.reference, ...returned } })
      return returned
    },
  )
  return { payout: outcome.replayed ? getPayout(ctx.db, payout_id) : outcome.response, replayed: outcome.replayed }
}

/** A new attempt after a return, with the merchant's account details as they are now. */
export function resendPayout(ctx: HostContext, batch_id: number, staff_id: number): PayoutRow {
  return ctx.db.transaction(() => {
    const batch = getBatch(ctx.db, batch_id)
    const live = livePayout(ctx.db, batch_id)
    if (live) throw new RequestError('conflict', `${batch.reference} already has payout ${live.message_id} (${live.status}): it can be re-sent only after a return.`)
    const attempts = payoutsOf(ctx.db, batch_id)
    if (attempts.length === 0) throw new RequestError('conflict', `${batch.reference} has not been paid out yet: export its payout file first.`)
    return insertAttempt(ctx, batch, attempts.length + 1, staff_id)
  }).immediate()
}
