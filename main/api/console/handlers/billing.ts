import type { HandlersFor } from '../handler-types'
import { staffOf } from '../handler-types'
import type { billing_commands } from '../commands/billing'
import { billingSummary, billLines, billPayments, billView, listBills } from '../../../billing/bills'
import { statementCsv, statementFilename, statementPdf } from '../../../billing/statement'
import { recordBillPayment } from '../../../billing/payments'
import { closeBillNow } from '../../../billing/close-now'
import { setCustomerBilling } from '../../../billing/customer-settings'

/** Changes are audited by main/billing inside the transaction that makes them. */
export const billing_handlers: HandlersFor<typeof billing_commands> = {
  'bills.list': (ctx, { page, page_size, ...filter }) => listBills(ctx.db, filter, { page, page_size }, ctx.clock.now()),
  'bills.get': (ctx, { bill_id }) => ({
    bill: billView(ctx.db, bill_id, ctx.clock.now()),
    lines: billLines(ctx.db, bill_id),
    payments: billPayments(ctx.db, bill_id),
  }),
  'bills.statement_csv': (ctx, { bill_id }) => {
    const { bill, csv } = statementCsv(ctx.db, bill_id, ctx.clock.now())
    return { filename: statementFilename(bill, 'csv'), media_type: 'text/csv', encoding: 'utf8' as const, content: csv }
  },
  'bills.statement_pdf': async (ctx, { bill_id }) => {
    const { bill, pdf } = await statementPdf(ctx.db, bill_id, ctx.clock.now())
    return { filename: statementFilename(bill, 'pdf'), media_type: 'application/pdf', encoding: 'base64' as const, content: pdf.toString('base64') }
  },
  'bills.record_payment': (ctx, input, caller) => recordBillPayment(ctx, input, staffOf(caller).id),
  'bills.close_now': (ctx, input, caller) => {
    const closed = closeBillNow(ctx, input.customer_id, staffOf(caller).id, input.idempotency_key)
    return { bill: billView(ctx.db, closed.bill_id, ctx.clock.now()) }
  },
  'billing.summary': (ctx, { customer_id }) => ({ summary: billingSummary(ctx.db, customer_id, ctx.clock.now()) }),
  'customers.set_billing': (ctx, { customer_id, ...settings }, caller) => {
    setCustomerBilling(ctx.db, ctx.clock, customer_id, settings, staffOf(caller).id)
    return { summary: billingSummary(ctx.db, customer_id, ctx.clock.now()) }
  },
}
