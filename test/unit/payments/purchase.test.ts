import { describe, expect, it } from 'vitest'
import { testBank } from '../../support/bank'
import { postedBalance } from '../../../main/ledger/accounts'
import { checkInvariants } from '../../../main/ledger/invariants'
import { blockMerchant, setCustomerStatus } from '../../../main/customers/customers'
import { createMerchant } from '../../../main/merchants/merchants'
import { IdempotencyConflict } from '../../../main/ledger/errors'

function balances(accounts: ReturnType<ReturnType<ReturnType<typeof testBank>['openCustomer']>['accounts']>) {
  return { value: postedBalance(accounts.value), credit_used: postedBalance(accounts.credit) }
}

describe('purchase flow (seed 000 claim 1, seed 002 claim 1)', () => {
  it('pays a purchase below the threshold from the value account', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.fund(payer.accounts().value.id, 300)
    const { result } = bank.buy(payer.token, 120)
    expect(result).toMatchObject({ status: 'approved', method: 'micropayment', top_up_minor: 0 })
    expect(balances(payer.accounts())).toEqual({ value: 180, credit_used: 0 })
    expect(checkInvariants(bank.db).ok).toBe(true)
  })

  it('tops up a short value account by the increment, atomically with the micropayment', () => {
    const bank = testBank()
    const payer = bank.openCustomer({ top_up_increment_minor: 1_000 })
    bank.fund(payer.accounts().value.id, 50)
    const { result } = bank.buy(payer.token, 120)
    expect(result).toMatchObject({ status: 'approved', method: 'micropayment', top_up_minor: 1_000 })
    expect(balances(payer.accounts())).toEqual({ value: 930, credit_used: 1_000 })
    const codes = bank.db.prepare('SELECT code FROM transfers WHERE code IN (?, ?) ORDER BY id').all('top_up', 'micropayment')
    expect(codes).toEqual([{ code: 'top_up' }, { code: 'micropayment' }])
  })

  it('makes a purchase at the threshold a credit transaction', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.fund(payer.accounts().value.id, 5_000)
    const { result } = bank.buy(payer.token, 500)
    expect(result).toMatchObject({ status: 'approved', method: 'credit', top_up_minor: 0 })
    expect(balances(payer.accounts())).toEqual({ value: 5_000, credit_used: 500 })
  })

  it('declines a credit purchase over the limit and moves nothing', () => {
    const bank = testBank()
    const payer = bank.openCustomer({ credit_limit_minor: 1_000 })
    const { result } = bank.buy(payer.token, 1_001)
    expect(result).toMatchObject({ status: 'declined', code: 'credit_limit_exceeded' })
    expect(balances(payer.accounts())).toEqual({ value: 0, credit_used: 0 })
    expect(bank.db.prepare('SELECT count(*) AS n FROM transfers').get()).toEqual({ n: 0 })
  })

  it('declines a micropayment when the credit line cannot cover the top-up', () => {
    const bank = testBank()
    const payer = bank.openCustomer({ credit_limit_minor: 999, top_up_increment_minor: 1_000 })
    const { result } = bank.buy(payer.token, 100)
    expect(result).toMatchObject({ status: 'declined', code: 'top_up_refused' })
    expect(balances(payer.accounts())).toEqual({ value: 0, credit_used: 0 })
  })

  it('checks the payer identity before anything else', () => {
    const bank = testBank()
    const { result } = bank.buy('pt_not-a-session', 100)
    expect(result).toMatchObject({ status: 'declined', code: 'payer_not_verified' })
  })

  it('refuses an expired payer session', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.clock.advance(31 * 60 * 1000)
    expect(bank.buy(payer.token, 100).result).toMatchObject({ status: 'declined', code: 'payer_not_verified' })
  })

  it("checks the account's own parameters before the balance, in seed 002's order", () => {
    const bank = testBank()
    const payer = bank.openCustomer({ micropayment_limit_per_purchase_minor: 200, micropayment_limit_per_day_minor: 300 })
    bank.fund(payer.accounts().value.id, 1_000)
    expect(bank.buy(payer.token, 201).result).toMatchObject({ status: 'declined', code: 'over_purchase_limit' })
    expect(bank.buy(payer.token, 200).result).toMatchObject({ status: 'approved' })
    expect(bank.buy(payer.token, 101).result).toMatchObject({ status: 'declined', code: 'over_daily_limit' })
    expect(bank.buy(payer.token, 100).result).toMatchObject({ status: 'approved' })
    // The next UTC day starts a new daily total.
    bank.clock.advance(24 * 60 * 60 * 1000)
    const again = bank.ctx.payers.login(payer.customer.payer_id, 'correct horse')
    expect(bank.buy(again!.payer_token, 200).result).toMatchObject({ status: 'approved' })
    blockMerchant(bank.db, payer.customer.id, bank.merchant.id, bank.clock.now())
    expect(bank.buy(again!.payer_token, 50).result).toMatchObject({ status: 'declined', code: 'merchant_blocked_by_payer' })
  })

  it('refuses a customer who cannot be billed (seed 001 step 203)', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.fund(payer.accounts().value.id, 1_000)
    setCustomerStatus(bank.db, payer.customer.id, 'suspended')
    expect(bank.buy(payer.token, 100).result).toMatchObject({ status: 'declined', code: 'customer_not_billable' })
  })

  it('declines a currency the payer or merchant does not hold', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    expect(bank.buy(payer.token, 100, { currency: 'EUR' }).result).toMatchObject({ code: 'currency_not_supported' })
    const euro_shop = createMerchant(bank.db, bank.clock, { name: 'Euro Shop', category: 'books', currency: 'EUR' })
    expect(bank.buy(payer.token, 100, { merchant: euro_shop }).result).toMatchObject({ code: 'currency_not_supported' })
  })

  it('answers a repeat with the first result and moves nothing', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.fund(payer.accounts().value.id, 1_000)
    const first = bank.buy(payer.token, 100, { key: 'order-42' })
    const second = bank.buy(payer.token, 100, { key: 'order-42' })
    expect(second).toEqual({ result: first.result, replayed: true })
    expect(balances(payer.accounts()).value).toBe(900)
    expect(() => bank.buy(payer.token, 101, { key: 'order-42' })).toThrow(IdempotencyConflict)
  })

  it('never shows the merchant who the payer is, and gives each merchant its own pseudonym', () => {
    const bank = testBank()
    const payer = bank.openCustomer({ name: 'Grace Hopper' })
    bank.fund(payer.accounts().value.id, 1_000)
    const other = createMerchant(bank.db, bank.clock, { name: 'Other', category: 'music', currency: 'USD' })
    const a = bank.buy(payer.token, 100).result
    const b = bank.buy(payer.token, 100, { merchant: other }).result
    expect(JSON.stringify(a)).not.toContain('Grace')
    expect(JSON.stringify(a)).not.toContain(payer.customer.payer_id)
    expect(a.payer).toMatch(/^payer_[0-9a-f]{20}$/)
    expect(a.payer).not.toBe(b.payer)
  })

  it('takes only the purchase token: the payer\'s own account token is not a way to pay', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    bank.fund(payer.accounts().value.id, 1_000)
    const session = bank.ctx.payers.login(payer.customer.payer_id, 'correct horse')
    expect(bank.buy(session!.account_token, 100).result).toMatchObject({ status: 'declined', code: 'payer_not_verified' })
    expect(bank.buy(session!.payer_token, 100).result).toMatchObject({ status: 'approved' })
  })

  it('stops a blocked merchant from charging the credit account too, not only micropayments', () => {
    const bank = testBank()
    const payer = bank.openCustomer()
    blockMerchant(bank.db, payer.customer.id, bank.merchant.id, bank.clock.now())
    expect(bank.buy(payer.token, 5_000).result).toMatchObject({ status: 'declined', code: 'merchant_blocked_by_payer' })
    expect(balances(payer.accounts())).toEqual({ value: 0, credit_used: 0 })
  })
})
