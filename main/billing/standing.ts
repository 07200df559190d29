import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { audit } from '../staff/audit'

/**
 * Seed 001 step 203: a customer whose bill stays unpaid past its due date plus the grace
 * period is not billable (status 'suspended', which the purchase flow refuses). The
 * suspension is marked as the billing job's (billing_suspended_at), so that settling the
 * bills reactivates only a customer suspended for that reason, never one staff suspended.
 */

/** Customers with a bill unpaid at `overdue_before` (due_at + grace ≤ now). */
export function overdueBillsOf(db: Database, customer_id: number, overdue_before_iso: string): Array<{ id: number; reference: string }> {
  return db
    .prepare('SELECT id, reference FROM bills WHERE customer_id = ? AND paid_minor < total_minor AND due_at <= ? ORDER BY id')
    .all(customer_id, overdue_before_iso) as Array<{ id: number; reference: string }>
}

/** Reactivates the customer if the billing job suspended them and no bill is overdue any more. */
export function reactivateIfSettled(db: Database, clock: Clock, customer_id: number, grace_ms: number, staff_id: number | null): boolean {
  const row = db.prepare('SELECT status, billing_suspended_at FROM customers WHERE id = ?').get(customer_id) as
    | { status: string; billing_suspended_at: string | null }
    | undefined
  if (!row || row.status !== 'suspended' || row.billing_suspended_at === null) return false
  const overdue_before = new Date(clock.now().getTime() - grace_ms).toISOString()
  if (overdueBillsOf(db, customer_id, overdue_before).length > 0) return false
  db.prepare("UPDATE customers SET status = 'active', billing_suspended_at = NULL WHERE id = ?").run(customer_id)
  audit(db, clock, {
    staff_id,
    action: staff_id === null ? 'job.bill_reactivate' : 'bill.reactivate',
    subject: `customer:${customer_id}`,
    detail: { reason: 'overdue bills settled', suspended_at: row.billing_suspended_at },
  })
  return true
}

/** Suspends an active customer with an overdue bill; answers whether it did. */
export function suspendIfOverdue(db: Database, clock: Clock, customer_id: number, grace_ms: number): boolean {
  const row = db.prepare('SELECT status FROM customers WHERE id = ?').get(customer_id) as { status: string } | undefined
  if (!row || row.status !== 'active') return false
  const now = clock.now()
  const overdue = overdueBillsOf(db, customer_id, new Date(now.getTime() - grace_ms).toISOString())
  if (overdue.length === 0) return false
  db.prepare("UPDATE customers SET status = 'suspended', billing_suspended_at = ? WHERE id = ?").run(now.toISOString(), customer_id)
  audit(db, clock, {
    staff_id: null,
    action: 'job.bill_suspend',
    subject: `customer:${customer_id}`,
    detail: { reason: 'bill unpaid past due date and grace period', bills: overdue.map((b) => b.reference) },
  })
  return true
}
