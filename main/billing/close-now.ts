import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { cycleContaining } from './cycles'
import { billingCustomer, closeBill, type ClosedBill } from './close'

/**
 * Staff close a customer's running bill before the cycle ends (when the account is being
 * closed, or the customer asks for a statement now). Everything unbilled up to now goes on
 * it; the cycle's own bill later takes only what comes after. Once per idempotency key.
 */
export function closeBillNow(
  ctx: Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>,
  customer_id: number,
  staff_id: number,
  idempotency_key: string,
): ClosedBill {
  const now = ctx.clock.now()
  return ctx.requests.run(
    { scope: 'billing', idempotency_key: `close-now:${customer_id}:${idempotency_key}`, kind: 'bill_close_now', content: { customer_id } },
    now,
    (request_id) => {
      const customer = billingCustomer(ctx.db, customer_id)
      if (!customer) throw new RequestError('not_found', `There is no customer ${customer_id}.`)
      const cycle = cycleContaining(now, customer.billing_day)
      const bill = closeBill(ctx, customer, { request_id, reason: 'manual', cycle_start: cycle.start, cycle_end: cycle.end, cutoff: new Date(now.getTime() + 1), staff_id })
      if (!bill) throw new RequestError('refused', 'There is nothing unbilled on this customer’s credit account, so there is no bill to close.')
      return bill
    },
  ).response
}
