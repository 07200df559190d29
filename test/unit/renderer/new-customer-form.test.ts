import { describe, expect, it } from 'vitest'
import { empty_new_customer, toCreateInput, type NewCustomerForm } from '../../../renderer/screens/customers/new-customer-form'

const filled: NewCustomerForm = {
  ...empty_new_customer,
  name: '  Ada Lovelace ',
  email: 'ada@example.test',
  currency: 'USD',
  credit_limit: '1,000.00',
  top_up_increment: '20',
  payer_password: 'correct horse',
}

describe('toCreateInput', () => {
  // Proves major-unit text becomes exact minor units and empty optional limits become null.
  it('converts a filled form to the customers.create input', () => {
    const result = toCreateInput(filled, 2)
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Ada Lovelace',
        email: 'ada@example.test',
        currency: 'USD',
        credit_limit_minor: 100000,
        top_up_increment_minor: 2000,
        micropayment_limit_per_purchase_minor: null,
        micropayment_limit_per_day_minor: null,
        payer_password: 'correct horse',
      },
    })
  })

  // Proves optional limits are sent when typed, in the currency's own exponent.
  it('sends typed limits in minor units of the chosen currency', () => {
    const result = toCreateInput({ ...filled, currency: 'JPY', credit_limit: '0', top_up_increment: '500', limit_per_purchase: '300', limit_per_day: '2,000' }, 0)
    expect(result.ok && result.input).toMatchObject({
      credit_limit_minor: 0,
      top_up_increment_minor: 500,
      micropayment_limit_per_purchase_minor: 300,
      micropayment_limit_per_day_minor: 2000,
    })
  })

  // Proves every unreadable field is reported at once, each with its own message, and nothing is sent.
  it('reports each bad field', () => {
    const result = toCreateInput(
      { ...empty_new_customer, email: 'nope', credit_limit: '-1', top_up_increment: '0', limit_per_purchase: '0', limit_per_day: '1.234', payer_password: 'short' },
      2,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(
      ['credit_limit', 'currency', 'email', 'limit_per_day', 'limit_per_purchase', 'name', 'payer_password', 'top_up_increment'].sort(),
    )
  })

  // Proves that without a chosen currency only the currency is reported: "25.00" is not
  // called wrong just because no exponent is known yet.
  it('asks for the currency before judging amounts', () => {
    const result = toCreateInput({ ...filled, currency: '' }, undefined)
    expect(result).toEqual({ ok: false, errors: { currency: 'Choose a currency' } })
    const empty = toCreateInput({ ...filled, currency: '', credit_limit: '', top_up_increment: ' ' }, undefined)
    expect(empty).toEqual({
      ok: false,
      errors: { currency: 'Choose a currency', credit_limit: 'Enter an amount', top_up_increment: 'Enter an amount' },
    })
  })
})
