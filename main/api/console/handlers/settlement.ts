import type { HandlersFor } from '../handler-types'
import { staffOf } from '../handler-types'
import type { settlement_commands } from '../commands/settlement'
import { settlementDue } from '../../../settlement/due'
import { closeBatch } from '../../../settlement/batches'
import { allBatchLines, batchLines, getBatch, listBatches, livePayout, payoutsOf } from '../../../settlement/views'
import { markPayoutSent, payoutForExport, prospectivePayout, resendPayout, returnPayout } from '../../../settlement/payouts'
import { batchCsv, batchPdf, checkedPain001, pain001Xml, payoutAccount, setPayoutAccount } from '../../../settlement/files'
import { audit } from '../../../staff/audit'

const settler_roles: readonly string[] = ['administrator', 'back_office_clerk', 'supervisor']

export const settlement_handlers: HandlersFor<typeof settlement_commands> = {
  'settlement.due': (ctx, input) => {
    const rows = settlementDue(ctx.db, ctx.clock.now())
    return { rows: input.merchant_id === undefined ? rows : rows.filter((r) => r.merchant_id === input.merchant_id) }
  },
  'settlement.list': (ctx, input) => listBatches(ctx.db, { merchant_id: input.merchant_id, payout_status: input.payout_status }, input),
  'settlement.get': (ctx, input) => ({
    batch: getBatch(ctx.db, input.batch_id),
    lines: batchLines(ctx.db, input.batch_id, input),
    payouts: payoutsOf(ctx.db, input.batch_id),
  }),
  'settlement.close': (ctx, input, caller) => {
    const staff = staffOf(caller)
    const { batch, replayed } = closeBatch(
      ctx,
      { merchant_id: input.merchant_id, closed_by: 'staff', staff_id: staff.id, idempotency_key: `staff:${staff.id}:${input.idempotency_key}` },
      ctx.clock.now(),
    )
    return { batch: getBatch(ctx.db, batch.batch_id), replayed }
  },
  'settlement.export_csv': (ctx, input, caller) => {
    const batch = getBatch(ctx.db, input.batch_id)
    const csv = batchCsv(batch, allBatchLines(ctx.db, batch.id), livePayout(ctx.db, batch.id))
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settlement.export_csv', subject: `settlement_batch:${batch.id}` })
    return { filename: `${batch.reference}.csv`, media_type: 'text/csv', encoding: 'utf8', content: csv }
  },
  'settlement.export_pain001': async (ctx, input, caller) => {
    const staff = staffOf(caller)
    // The file is checked against the schema before an attempt is written, so a refusal leaves nothing behind.
    const prospective = prospectivePayout(ctx, input.batch_id)
    await checkedPain001(ctx.db, prospective.batch, prospective.payout)
    const { batch, payout } = payoutForExport(ctx, input.batch_id, staff.id, settler_roles.includes(staff.role))
    const document = pain001Xml(ctx.db, batch, payout)
    return { filename: `${payout.message_id}.pain001.xml`, media_type: 'application/xml', encoding: 'utf8', content: document }
  },
  'settlement.export_pdf': async (ctx, input, caller) => {
    const batch = getBatch(ctx.db, input.batch_id)
    const pdf = await batchPdf(ctx.db, batch, allBatchLines(ctx.db, batch.id), payoutsOf(ctx.db, batch.id), ctx.clock.now())
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settlement.export_pdf', subject: `settlement_batch:${batch.id}` })
    return { filename: `${batch.reference}.pdf`, media_type: 'application/pdf', encoding: 'base64', content: pdf.toString('base64') }
  },
  'settlement.payout_sent': (ctx, input, caller) => markPayoutSent(ctx, input.payout_id, staffOf(caller).id, ctx.clock.now()),
  'settlement.payout_return': (ctx, input, caller) => returnPayout(ctx, input.payout_id, input.reason, staffOf(caller).id, ctx.clock.now()),
  'settlement.payout_resend': (ctx, input, caller) => ({ payout: resendPayout(ctx, input.batch_id, staffOf(caller).id) }),
  'settlement.payout_account': (ctx) => ({ account: payoutAccount(ctx.db) }),
  'settlement.set_payout_account': (ctx, input, caller) => {
    const before = payoutAccount(ctx.db)
    const account = setPayoutAccount(ctx.db, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settings.set_payout_account', detail: { before: before && { iban: before.iban, bic: before.bic }, after: account } })
    return { account: { ...account, is_demo: false } }
  },
}
