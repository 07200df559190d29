import type { Clock } from '../clock'
import type { Database } from '../store/database'
import { RequestError } from '../errors'
import { LedgerRefusal } from '../ledger/errors'
import type { Ledger } from '../ledger/transfers'
import type { Requests } from '../ledger/requests'
import { spAccount, type AccountRow } from '../ledger/accounts'
import { customer, customerAccounts } from '../customers/customers'

export type ValueMoveDirection = 'value_to_cash_access' | 'cash_access_to_value'

export interface MoneyMoved {
  transfer_id: number
  replayed: boolean
}

/**
 * Seed 000 claim 2: value moves from the value account to the cash-access account (which
 * the customer's access card reaches at ATMs and POS terminals) and back.
 */
export function moveValue(
  db: Database,
  clock: Clock,
  ledger: Ledger,
  requests: Requests,
  input: { scope: string; idempotency_key: string; customer_id: number; direction: ValueMoveDirection; amount_minor: number },
): MoneyMoved {
  const owner = customer(db, input.customer_id)
  const accounts = customerAccounts(db, owner.id)
  const [from, to] = input.direction === 'value_to_cash_access' ? [accounts.value, accounts.cash_access] : [accounts.cash_access, accounts.value]
  return runTransfer(requests, clock, { scope: input.scope, idempotency_key: input.idempotency_key, kind: input.direction, content: input }, (request_id) =>
    ledger.apply(
      request_id,
      [{ type: 'single', debit_account_id: from.id, credit_account_id: to.id, amount_minor: input.amount_minor, currency: owner.currency, code: input.direction }],
      clock.now(),
    ),
  )
}

/** A deposit into a customer's value account, from the SP's funding account (cash at a branch, a bank transfer). */
export function fundValueAccount(
  db: Database,
  clock: Clock,
  ledger: Ledger,
  requests: Requests,
  input: { scope: string; idempotency_key: string; account_id: number; amount_minor: number; memo: string },
): MoneyMoved {
  const account = db.prepare('SELECT * FROM accounts WHERE id = ?').get(input.account_id) as AccountRow | undefined
  if (!account) throw new RequestError('not_found', `there is no account ${input.account_id}`)
  if (account.kind !== 'value') throw new RequestError('bad_request', `account ${account.number} is not a value account: only value accounts are funded`)
  const funding = spAccount(db, 'sp_funding', account.currency, clock.now().toISOString())
  return runTransfer(requests, clock, { scope: input.scope, idempotency_key: input.idempotency_key, kind: 'value_funding', content: input }, (request_id) =>
    ledger.apply(
      request_id,
      [
        {
          type: 'single',
          debit_account_id: funding.id,
          credit_account_id: account.id,
          amount_minor: input.amount_minor,
          currency: account.currency,
          code: 'value_funding',
          memo: input.memo,
        },
      ],
      clock.now(),
    ),
  )
}

/** Runs one idempotent single-transfer request; a ledger refusal becomes a RequestError the user reads. */
function runTransfer(
  requests: Requests,
  clock: Clock,
  identity: Parameters<Requests['run']>[0],
  apply: (request_id: number) => Array<{ id: number }>,
): MoneyMoved {
  try {
    const outcome = requests.run(identity, clock.now(), (request_id) => {
      const [transfer] = apply(request_id)
      if (!transfer) throw new Error('the ledger applied no transfer')
      return { transfer_id: transfer.id }
    })
    return { transfer_id: outcome.response.transfer_id, replayed: outcome.replayed }
  } catch (error) {
    if (error instanceof LedgerRefusal) throw new RequestError('refused', error.message)
    throw error
  }
}
