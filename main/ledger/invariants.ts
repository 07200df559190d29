import type { Database } from '../store/database'

export interface InvariantReport {
  ok: boolean
  accounts: number
  transfers: number
  currencies: number
  problems: string[]
}

const problems_max = 50

/**
 * The ledger's invariants, recomputed from the transfers themselves:
 * 1. every balance equals the sum of its entries (posted and pending, both sides);
 * 2. per currency, credits minus debits over all accounts sum to zero;
 * 3. no account breaks its balance rule;
 * 4. every transfer is balanced: same currency as both accounts, positive amount, and a
 *    post or void resolves a hold on the same accounts, a post for no more than was held.
 */
export function checkInvariants(db: Database): InvariantReport {
  const problems: string[] = []
  const add = (line: string): void => {
    if (problems.length < problems_max) problems.push(line)
  }

  const mismatched = db
    .prepare(
      `WITH resolved AS (SELECT pending_id FROM transfers WHERE pending_id IS NOT NULL),
       entries AS (
         SELECT debit_account_id AS account_id,
           CASE WHEN phase IN ('single', 'post_pending') THEN amount_minor ELSE 0 END AS debits_posted, 0 AS credits_posted,
           CASE WHEN phase = 'pending' AND id NOT IN (SELECT pending_id FROM resolved) THEN amount_minor ELSE 0 END AS debits_pending,
           0 AS credits_pending
         FROM transfers
         UNION ALL
         SELECT credit_account_id, 0,
           CASE WHEN phase IN ('single', 'post_pending') THEN amount_minor ELSE 0 END, 0,
           CASE WHEN phase = 'pending' AND id NOT IN (SELECT pending_id FROM resolved) THEN amount_minor ELSE 0 END
         FROM transfers),
       sums AS (
         SELECT account_id, sum(debits_posted) AS dp, sum(credits_posted) AS cp, sum(debits_pending) AS dq, sum(credits_pending) AS cq
         FROM entries GROUP BY account_id)
       SELECT a.number, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending,
         ifnull(s.dp, 0) AS dp, ifnull(s.cp, 0) AS cp, ifnull(s.dq, 0) AS dq, ifnull(s.cq, 0) AS cq
       FROM accounts a LEFT JOIN sums s ON s.account_id = a.id
       WHERE a.debits_posted <> ifnull(s.dp, 0) OR a.credits_posted <> ifnull(s.cp, 0)
          OR a.debits_pending <> ifnull(s.dq, 0) OR a.credits_pending <> ifnull(s.cq, 0)`,
    )
    .all() as Array<Record<string, number | string>>
  for (const row of mismatched) {
    add(
      `account ${row.number}: stored sums (${row.debits_posted}, ${row.credits_posted}, ${row.debits_pending}, ${row.credits_pending}) ` +
        `differ from its entries (${row.dp}, ${row.cp}, ${row.dq}, ${row.cq})`,
    )
  }

  const unbalanced_currencies = db
    .prepare(
      `SELECT currency, sum(credits_posted - debits_posted) AS posted, sum(credits_pending - debits_pending) AS pending
       FROM accounts GROUP BY currency HAVING posted <> 0 OR pending <> 0`,
    )
    .all() as Array<{ currency: string; posted: number; pending: number }>
  for (const row of unbalanced_currencies) {
    add(`${row.currency}: balances sum to ${row.posted} posted and ${row.pending} pending, not zero`)
  }

  const rule_breakers = db
    .prepare(
      `SELECT number, kind FROM accounts
       WHERE (kind IN ('value', 'cash_access') AND debits_posted + debits_pending > credits_posted)
          OR (kind = 'credit' AND debits_posted + debits_pending - credits_posted > credit_limit_minor)`,
    )
    .all() as Array<{ number: string; kind: string }>
  for (const row of rule_breakers) add(`account ${row.number} (${row.kind}) breaks its balance rule`)

  const bad_transfers = db
    .prepare(
      `SELECT t.id FROM transfers t
       JOIN accounts d ON d.id = t.debit_account_id
       JOIN accounts c ON c.id = t.credit_account_id
       LEFT JOIN transfers h ON h.id = t.pending_id
       WHERE t.amount_minor <= 0 OR d.currency <> t.currency OR c.currency <> t.currency
          OR t.debit_account_id = t.credit_account_id
          OR (t.pending_id IS NOT NULL AND (h.phase IS NOT 'pending' OR h.debit_account_id <> t.debit_account_id
              OR h.credit_account_id <> t.credit_account_id OR t.amount_minor > h.amount_minor))`,
    )
    .all() as Array<{ id: number }>
  for (const row of bad_transfers) add(`transfer ${row.id} is not balanced or does not match its hold`)

  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM transfers) AS transfers,
         (SELECT count(DISTINCT currency) FROM accounts) AS currencies`,
    )
    .get() as { accounts: number; transfers: number; currencies: number }
  return { ok: problems.length === 0, ...counts, problems }
}
