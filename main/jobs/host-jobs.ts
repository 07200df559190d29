import type { HostContext } from '../host/context'
import type { Job } from './scheduler'
import { voidExpiredHolds } from '../ledger/expiry'
import { audit } from '../staff/audit'
import { settleDueMerchants } from '../settlement/job'
import { closeDueBills } from '../billing/job'

/** How often the host voids expired holds. */
export const hold_expiry_interval_ms = 30_000
/** How often the host looks for merchants due a settlement and customers due a bill. */
export const settlement_interval_ms = 60_000
export const billing_interval_ms = 60_000

/** The jobs the host runs on its own. Every money-moving step they take is audited. */
export function hostJobs(ctx: HostContext): Job[] {
  return [
    {
      name: 'hold_expiry',
      description: 'Voids card holds whose expiry has passed, so the held money is available again.',
      every_ms: hold_expiry_interval_ms,
      run: () => {
        const voided = voidExpiredHolds(ctx.db, ctx.clock, ctx.ledger, ctx.requests, (job) =>
          audit(ctx.db, ctx.clock, { staff_id: null, action: 'job.void_expired_holds', subject: `transfer:${job.hold_id}`, detail: job }),
        )
        return voided > 0 ? { voided } : null
      },
    },
    {
      name: 'settlement',
      description: "Closes a settlement batch for each merchant whose rule says so: the payable reached the merchant's amount, or its days have passed.",
      every_ms: settlement_interval_ms,
      run: (now) => settleDueMerchants(ctx, now),
    },
    {
      name: 'billing',
      description: "Closes each customer's bill at the end of the billing cycle, or early when the running total reaches the customer's cap, and marks overdue customers not billable.",
      every_ms: billing_interval_ms,
      run: (now) => closeDueBills(ctx, now),
    },
  ]
}
