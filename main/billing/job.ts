import type { HostContext } from '../host/context'
import type { Database } from '../store/database'
import { findAccount } from '../ledger/accounts'
import { billGraceDays } from '../host/settings'
import { cycleContaining, cycleEndsBetween, previousCycleEnd } from './cycles'
import { billingCustomer, closeBill, unbilledTotal, type BillingCustomer } from './close'
import { reactivateIfSettled, suspendIfOverdue } from './standing'

const day_ms = 86_400_000

type JobContext = Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>

/**
 * Closes every cycle of one customer that ended by `now` and is not closed yet, oldest
 * first, each with the transfers made before its end. Each cycle is one request keyed by
 * customer and cycle end, recorded with bill_cycles_closed_through in one transaction, so a
 * run cut short, repeated or restarted closes each cycle exactly once and skips none.
 */
export function closeEndedCycles(ctx: JobContext, customer: BillingCustomer, now: Date): string[] {
  const after = new Date(customer.bill_cycles_closed_through ?? customer.created_at)
  const closed: string[] = []
  for (const end of cycleEndsBetween(after, now, customer.billing_day)) {
    const end_iso = end.toISOString()
    const { response } = ctx.requests.run(
      { scope: 'billing', idempotency_key: `cycle:${customer.id}:${end_iso}`, kind: 'bill_close', content: { customer_id: customer.id, cycle_end: end_iso } },
      now,
      (request_id) => {
        const bill = closeBill(ctx, customer, {
          request_id,
          reason: 'cycle_end',
          cycle_start: previousCycleEnd(end, customer.billing_day),
          cycle_end: end,
          cutoff: end,
          staff_id: null,
        })
        ctx.db.prepare('UPDATE customers SET bill_cycles_closed_through = ? WHERE id = ?').run(end_iso, customer.id)
        return bill ? bill.reference : null
      },
    )
    customer.bill_cycles_closed_through = end_iso
    if (response !== null) closed.push(response)
  }
  return closed
}

/** Seed 001 figure 3A: a bill closes early when the unbilled running total reaches the cap. */
export function closeIfCapReached(ctx: JobContext, customer: BillingCustomer, now: Date): string | null {
  if (customer.bill_cap_minor === null) return null
  const credit = findAccount(ctx.db, 'customer', customer.id, 'credit', customer.currency)
  if (!credit) return null
  const cutoff = new Date(now.getTime() + 1)
  const { total_minor, last_transfer_id } = unbilledTotal(ctx.db, credit.id, cutoff.toISOString())
  if (last_transfer_id === null || total_minor < customer.bill_cap_minor) return null
  const cycle = cycleContaining(now, customer.billing_day)
  // Keyed by the newest transfer it bills: the same running total is never billed twice.
  return ctx.requests.run(
    { scope: 'billing', idempotency_key: `cap:${customer.id}:${last_transfer_id}`, kind: 'bill_close', content: { customer_id: customer.id, last_transfer_id } },
    now,
    (request_id) => closeBill(ctx, customer, { request_id, reason: 'cap_reached', cycle_start: cycle.start, cycle_end: cycle.end, cutoff, staff_id: null })?.reference ?? null,
  ).response
}

function customerIds(db: Database): number[] {
  return (db.prepare("SELECT DISTINCT owner_id AS id FROM accounts WHERE owner_type = 'customer' AND kind = 'credit' ORDER BY owner_id").all() as Array<{ id: number }>).map(
    (r) => r.id,
  )
}

/**
 * The billing job: for every customer, close the cycles that ended (catching up any missed
 * while the host was down), close early at the cap, then mark customers whose bill is unpaid
 * past due date + grace as not billable, and reactivate those the job suspended once their
 * overdue bills are settled. Answers what it did, or null for nothing.
 */
export function closeDueBills(ctx: JobContext, now: Date): Record<string, unknown> | null {
  const closed: string[] = []
  for (const id of customerIds(ctx.db)) {
    const customer = billingCustomer(ctx.db, id)
    if (!customer) continue
    closed.push(...closeEndedCycles(ctx, customer, now))
    const cap = closeIfCapReached(ctx, customer, now)
    if (cap) closed.push(cap)
  }
  const grace_ms = billGraceDays(ctx.db) * day_ms
  const overdue_before = new Date(now.getTime() - grace_ms).toISOString()
  const suspended: number[] = []
  const at_risk = ctx.db
    .prepare("SELECT DISTINCT b.customer_id AS id FROM bills b JOIN customers c ON c.id = b.customer_id WHERE b.paid_minor < b.total_minor AND b.due_at <= ? AND c.status = 'active'")
    .all(overdue_before) as Array<{ id: number }>
  for (const { id } of at_risk) {
    if (ctx.db.transaction(() => suspendIfOverdue(ctx.db, ctx.clock, id, grace_ms)).immediate()) suspended.push(id)
  }
  const reactivated: number[] = []
  const held = ctx.db.prepare("SELECT id FROM customers WHERE status = 'suspended' AND billing_suspended_at IS NOT NULL").all() as Array<{ id: number }>
  for (const { id } of held) {
    if (ctx.db.transaction(() => reactivateIfSettled(ctx.db, ctx.clock, id, grace_ms, null)).immediate()) reactivated.push(id)
  }
  if (closed.length === 0 && suspended.length === 0 && reactivated.length === 0) return null
  return { bills_closed: closed, suspended, reactivated }
}
