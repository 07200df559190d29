import { testDatabase } from './db'
import { createContext } from '../../main/host/context'
import { createCustomer } from '../../main/customers/customers'
import { createMerchant } from '../../main/merchants/merchants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { fundValueAccount } from '../../main/payments/value-moves'
import { customerAccounts } from '../../main/customers/customers'

/**
 * A small bank on a real in-memory database: USD threshold 5.00, one merchant, and a
 * helper to open customers. Payer passwords are short-circuited by logging in for real.
 */
export function testBank(start?: string) {
  const { db, clock } = testDatabase(start)
  const ctx = createContext(db, clock)
  setMicropaymentThreshold(db, 'USD', 500, clock.now())
  const merchant = createMerchant(db, clock, { name: 'Daily Gazette', category: 'news', currency: 'USD' })
  let keys = 0
  const openCustomer = (options: Partial<Parameters<typeof createCustomer>[2]> = {}) => {
    const customer = createCustomer(db, clock, {
      name: 'Ada Lovelace',
      email: '',
      currency: 'USD',
      credit_limit_minor: 10_000,
      top_up_increment_minor: 1_000,
      micropayment_limit_per_purchase_minor: null,
      micropayment_limit_per_day_minor: null,
      payer_password: 'correct horse',
      ...options,
    })
    const session = ctx.payers.login(customer.payer_id, options.payer_password ?? 'correct horse')
    if (!session) throw new Error('test payer could not log in')
    return { customer, token: session.payer_token, accounts: () => customerAccounts(db, customer.id) }
  }
  const fund = (account_id: number, amount_minor: number) =>
    fundValueAccount(db, clock, ctx.ledger, ctx.requests, { scope: 'test', idempotency_key: `fund-${++keys}`, account_id, amount_minor, memo: '' })
  const buy = (token: string, amount_minor: number, options: { key?: string; merchant?: typeof merchant; currency?: string } = {}) =>
    ctx.purchases.purchase({
      merchant: options.merchant ?? merchant,
      idempotency_key: options.key ?? `buy-${++keys}`,
      payer_token: token,
      item: { id: 'art-1', title: 'An article' },
      amount_minor,
      currency: options.currency ?? 'USD',
    })
  return { db, clock, ctx, merchant, openCustomer, fund, buy }
}
