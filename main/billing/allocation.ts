import type { Database } from '../store/database'

/**
 * Spreads sources of money (payments, bills' excess credits) over a customer's unpaid bills,
 * oldest source to oldest bill, in whole minor units; `apply` records each piece.
 */
function oldestFirst(
  sources: Array<{ id: number; left_minor: number }>,
  bills: Array<{ id: number; unpaid_minor: number }>,
  apply: (source_id: number, bill_id: number, amount_minor: number) => void,
): void {
  let b = 0
  for (const source of sources) {
    let left = source.left_minor
    while (left > 0 && b < bills.length) {
      const bill = bills[b]
      if (!bill) break
      const amount_minor = Math.min(left, bill.unpaid_minor)
      apply(source.id, bill.id, amount_minor)
      left -= amount_minor
      bill.unpaid_minor -= amount_minor
      if (bill.unpaid_minor === 0) b += 1
    }
    if (b >= bills.length) break
  }
}

function unpaidBills(db: Database, customer_id: number): Array<{ id: number; unpaid_minor: number }> {
  return db
    .prepare('SELECT id, total_minor - paid_minor AS unpaid_minor FROM bills WHERE customer_id = ? AND paid_minor < total_minor ORDER BY id')
    .all(customer_id) as Array<{ id: number; unpaid_minor: number }>
}

/**
 * Applies a customer's payments to their unpaid bills, oldest payment to oldest bill. A
 * payment made before a bill closes (paying unbilled charges) stays unapplied until the next
 * bill closes, then this applies it. Runs in the caller's transaction; answers what it did.
 */
export function applyPayments(db: Database, customer_id: number): Array<{ payment_id: number; bill_id: number; amount_minor: number }> {
  const payments = db
    .prepare(
      `SELECT p.id, p.amount_minor - ifnull((SELECT sum(a.amount_minor) FROM bill_payment_allocations a WHERE a.payment_id = p.id), 0) AS left_minor
       FROM bill_payments p WHERE p.customer_id = ? ORDER BY p.id`,
    )
    .all(customer_id) as Array<{ id: number; left_minor: number }>
  const insert = db.prepare(
    `INSERT INTO bill_payment_allocations (payment_id, bill_id, amount_minor) VALUES (?, ?, ?)
     ON CONFLICT (payment_id, bill_id) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor`,
  )
  const pay = db.prepare('UPDATE bills SET paid_minor = paid_minor + ? WHERE id = ?')
  const made: Array<{ payment_id: number; bill_id: number; amount_minor: number }> = []
  oldestFirst(payments, unpaidBills(db, customer_id), (payment_id, bill_id, amount_minor) => {
    insert.run(payment_id, bill_id, amount_minor)
    pay.run(amount_minor, bill_id)
    made.push({ payment_id, bill_id, amount_minor })
  })
  return made
}

/**
 * Applies bills' excess credits (credit_left_minor: a refund bigger than that bill's charges)
 * to the customer's unpaid bills, oldest first. Runs in the caller's transaction.
 */
export function applyBillCredits(db: Database, customer_id: number): Array<{ from_bill_id: number; to_bill_id: number; amount_minor: number }> {
  const credits = db
    .prepare('SELECT id, credit_left_minor AS left_minor FROM bills WHERE customer_id = ? AND credit_left_minor > 0 ORDER BY id')
    .all(customer_id) as Array<{ id: number; left_minor: number }>
  if (credits.length === 0) return []
  const insert = db.prepare(
    `INSERT INTO bill_credit_allocations (from_bill_id, to_bill_id, amount_minor) VALUES (?, ?, ?)
     ON CONFLICT (from_bill_id, to_bill_id) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor`,
  )
  const settle = db.prepare('UPDATE bills SET paid_minor = paid_minor + @amount, credited_minor = credited_minor + @amount WHERE id = @id')
  const use = db.prepare('UPDATE bills SET credit_left_minor = credit_left_minor - ? WHERE id = ?')
  const made: Array<{ from_bill_id: number; to_bill_id: number; amount_minor: number }> = []
  oldestFirst(credits, unpaidBills(db, customer_id), (from_bill_id, to_bill_id, amount_minor) => {
    insert.run(from_bill_id, to_bill_id, amount_minor)
    settle.run({ amount: amount_minor, id: to_bill_id })
    use.run(amount_minor, from_bill_id)
    made.push({ from_bill_id, to_bill_id, amount_minor })
  })
  return made
}
