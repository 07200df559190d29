import type { Database } from '../store/database'

export interface BooksReport {
  ok: boolean
  batches: number
  bills: number
  disputes: number
  problems: string[]
}

const problems_max = 50

/**
 * The back office's books, recomputed from the ledger they claim to summarise. The ledger's
 * own invariants (main/ledger/invariants.ts) say money balances; these say the settlement
 * batches, bills and disputes tell the truth about it:
 * 1. a batch's gross, corrections and purchase count are the sums of its lines; each line is
 *    a posted transfer on the merchant's payable account, with the line's sign; the batch's
 *    own request moved exactly its net, discount and fees out of that account;
 * 2. a bill's charges, credits and fee are the sums of its lines; each line is a posted
 *    transfer on the customer's credit account, with the line's sign; total = charges + fee −
 *    credits (never below zero); paid never exceeds total;
 * 3. a customer's bills are never paid with more than the customer's payments and write-offs,
 *    and what the bills still ask for equals what the credit line owes, less what is not billed
 *    yet, plus payments and bill credits not yet applied to a bill;
 * 4. a dispute resolved by reversal points at a transfer that reverses the disputed charge.
 */
export function checkBooks(db: Database): BooksReport {
  const problems: string[] = []
  const add = (line: string): void => {
    if (problems.length < problems_max) problems.push(line)
  }

  const batches = db
    .prepare(
      `SELECT b.id, b.reference, b.merchant_id, b.gross_minor, b.corrections_minor, b.discount_minor, b.fees_minor, b.net_minor,
         b.purchase_count, b.request_id, a.id AS payable_id,
         ifnull((SELECT sum(l.amount_minor) FROM settlement_batch_lines l WHERE l.batch_id = b.id AND l.kind = 'purchase'), 0) AS lines_gross,
         ifnull((SELECT -sum(l.amount_minor) FROM settlement_batch_lines l WHERE l.batch_id = b.id AND l.kind = 'correction'), 0) AS lines_corrections,
         (SELECT count(*) FROM settlement_batch_lines l WHERE l.batch_id = b.id AND l.kind = 'purchase') AS lines_purchases
       FROM settlement_batches b
       JOIN accounts a ON a.owner_type = 'merchant' AND a.owner_id = b.merchant_id AND a.kind = 'merchant_payable' AND a.currency = b.currency
       ORDER BY b.id`,
    )
    .all() as Array<Record<string, number> & { reference: string }>
  const batch_moves = db.prepare(
    `SELECT code, sum(amount_minor) AS amount, count(*) AS n, min(debit_account_id) AS from_id, max(debit_account_id) AS from_id_max
     FROM transfers WHERE request_id = ? GROUP BY code`,
  )
  for (const b of batches) {
    if (b.lines_gross !== b.gross_minor) add(`batch ${b.reference}: gross ${b.gross_minor} but its purchase lines sum to ${b.lines_gross}`)
    if (b.lines_corrections !== b.corrections_minor) add(`batch ${b.reference}: corrections ${b.corrections_minor} but its correction lines sum to ${b.lines_corrections}`)
    if (b.lines_purchases !== b.purchase_count) add(`batch ${b.reference}: ${b.purchase_count} purchases but ${b.lines_purchases} purchase lines`)
    const moved = new Map((batch_moves.all(b.request_id) as Array<{ code: string; amount: number; from_id: number; from_id_max: number }>).map((m) => [m.code, m]))
    const expect = { settlement: b.net_minor, settlement_discount: b.discount_minor, settlement_fee: b.fees_minor }
    for (const [code, amount] of Object.entries(expect)) {
      const m = moved.get(code)
      if ((m?.amount ?? 0) !== amount) add(`batch ${b.reference}: ${code} should move ${amount} but its request moved ${m?.amount ?? 0}`)
      if (m && (m.from_id !== b.payable_id || m.from_id_max !== b.payable_id)) add(`batch ${b.reference}: ${code} was not taken from the merchant's payable account`)
    }
  }
  const bad_batch_lines = db
    .prepare(
      `SELECT b.reference, l.transfer_id FROM settlement_batch_lines l
       JOIN settlement_batches b ON b.id = l.batch_id
       JOIN accounts a ON a.owner_type = 'merchant' AND a.owner_id = b.merchant_id AND a.kind = 'merchant_payable' AND a.currency = b.currency
       JOIN transfers t ON t.id = l.transfer_id
       WHERE t.phase NOT IN ('single', 'post_pending')
          OR NOT ((t.credit_account_id = a.id AND l.amount_minor = t.amount_minor AND l.kind = 'purchase')
               OR (t.debit_account_id = a.id AND l.amount_minor = -t.amount_minor AND l.kind = 'correction'))`,
    )
    .all() as Array<{ reference: string; transfer_id: number }>
  for (const line of bad_batch_lines) add(`batch ${line.reference}: line for transfer ${line.transfer_id} does not match a posted transfer on the merchant's payable account`)

  const bills = db
    .prepare(
      `SELECT b.id, b.reference, b.charges_minor, b.credits_minor, b.fee_minor, b.total_minor, b.paid_minor, b.fee_transfer_id,
         ifnull((SELECT sum(l.amount_minor) FROM bill_lines l WHERE l.bill_id = b.id AND l.amount_minor > 0 AND l.transfer_id IS NOT b.fee_transfer_id), 0) AS lines_charges,
         ifnull((SELECT -sum(l.amount_minor) FROM bill_lines l WHERE l.bill_id = b.id AND l.amount_minor < 0), 0) AS lines_credits,
         ifnull((SELECT sum(l.amount_minor) FROM bill_lines l WHERE l.bill_id = b.id AND l.transfer_id IS b.fee_transfer_id), 0) AS lines_fee
       FROM bills b ORDER BY b.id`,
    )
    .all() as Array<Record<string, number> & { reference: string }>
  for (const b of bills) {
    if (b.lines_charges !== b.charges_minor) add(`bill ${b.reference}: charges ${b.charges_minor} but its charge lines sum to ${b.lines_charges}`)
    if (b.lines_credits !== b.credits_minor) add(`bill ${b.reference}: credits ${b.credits_minor} but its credit lines sum to ${b.lines_credits}`)
    if (b.lines_fee !== b.fee_minor) add(`bill ${b.reference}: fee ${b.fee_minor} but its fee line is ${b.lines_fee}`)
    const total = Math.max(0, (b.charges_minor ?? 0) + (b.fee_minor ?? 0) - (b.credits_minor ?? 0))
    if (total !== b.total_minor) add(`bill ${b.reference}: total ${b.total_minor} but charges + fee − credits is ${total}`)
    if ((b.paid_minor ?? 0) > (b.total_minor ?? 0)) add(`bill ${b.reference}: paid ${b.paid_minor} is more than its total ${b.total_minor}`)
  }
  const bad_bill_lines = db
    .prepare(
      `SELECT b.reference, l.transfer_id FROM bill_lines l
       JOIN bills b ON b.id = l.bill_id
       JOIN accounts a ON a.owner_type = 'customer' AND a.owner_id = b.customer_id AND a.kind = 'credit' AND a.currency = b.currency
       JOIN transfers t ON t.id = l.transfer_id
       WHERE t.phase NOT IN ('single', 'post_pending')
          OR NOT ((t.debit_account_id = a.id AND l.amount_minor = t.amount_minor) OR (t.credit_account_id = a.id AND l.amount_minor = -t.amount_minor))`,
    )
    .all() as Array<{ reference: string; transfer_id: number }>
  for (const line of bad_bill_lines) add(`bill ${line.reference}: line for transfer ${line.transfer_id} does not match a posted transfer on the customer's credit account`)

  const overpaid = db
    .prepare(
      `SELECT c.id, c.name,
         (SELECT ifnull(sum(paid_minor), 0) FROM bills WHERE customer_id = c.id) AS applied,
         (SELECT ifnull(sum(amount_minor), 0) FROM bill_payments WHERE customer_id = c.id)
           + (SELECT ifnull(sum(written_off_minor + credited_minor), 0) FROM bills WHERE customer_id = c.id) AS received
       FROM customers c WHERE applied > received`,
    )
    .all() as Array<{ id: number; name: string; applied: number; received: number }>
  for (const c of overpaid) add(`customer ${c.id} (${c.name}): bills show ${c.applied} paid but payments and write-offs come to ${c.received}`)

  // What the bills still ask for is what the credit line owes, less what is not billed yet,
  // plus payments not yet applied and bill credits not yet applied: nothing asked twice or lost.
  const standing = db
    .prepare(
      `SELECT c.id, c.name, a.debits_posted - a.credits_posted AS owed,
         (SELECT ifnull(sum(total_minor - paid_minor), 0) FROM bills WHERE customer_id = c.id) AS asked,
         (SELECT ifnull(sum(credit_left_minor), 0) FROM bills WHERE customer_id = c.id) AS credit_left,
         (SELECT ifnull(sum(p.amount_minor), 0) FROM bill_payments p WHERE p.customer_id = c.id)
           - (SELECT ifnull(sum(x.amount_minor), 0) FROM bill_payment_allocations x JOIN bill_payments p ON p.id = x.payment_id WHERE p.customer_id = c.id) AS unapplied,
         (SELECT ifnull(sum(CASE WHEN t.debit_account_id = a.id THEN t.amount_minor ELSE -t.amount_minor END), 0)
            FROM transfers t
            WHERE (t.debit_account_id = a.id OR t.credit_account_id = a.id) AND t.phase IN ('single', 'post_pending')
              AND NOT (t.credit_account_id = a.id AND t.code IN ('bill_payment', 'bill_write_off'))
              AND NOT EXISTS (SELECT 1 FROM bill_lines l WHERE l.transfer_id = t.id)) AS unbilled
       FROM customers c JOIN accounts a ON a.owner_type = 'customer' AND a.owner_id = c.id AND a.kind = 'credit' AND a.currency = c.currency
       WHERE EXISTS (SELECT 1 FROM bills WHERE customer_id = c.id)`,
    )
    .all() as Array<{ id: number; name: string; owed: number; asked: number; credit_left: number; unapplied: number; unbilled: number }>
  for (const c of standing) {
    const expected = c.owed - c.unbilled + c.unapplied + c.credit_left
    if (c.asked !== expected) add(`customer ${c.id} (${c.name}): bills ask for ${c.asked} but the credit line says ${expected} (owed ${c.owed}, unbilled ${c.unbilled}, unapplied payments ${c.unapplied}, unapplied bill credits ${c.credit_left})`)
  }

  const disputes = db.prepare('SELECT count(*) AS n FROM disputes').get() as { n: number }
  const bad_reversals = db
    .prepare(
      `SELECT d.id FROM disputes d WHERE d.status = 'reversed'
         AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = d.transfer_id)`,
    )
    .all() as Array<{ id: number }>
  for (const d of bad_reversals) add(`dispute ${d.id}: resolved by reversal but no transfer reverses the disputed charge`)

  return { ok: problems.length === 0, batches: batches.length, bills: bills.length, disputes: disputes.n, problems }
}
