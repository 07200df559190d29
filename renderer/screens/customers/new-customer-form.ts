/**
 * The "New customer" form as plain data, and its conversion to the customers.create input:
 * amounts typed in major units become minor units here, and each field that cannot be read
 * gets its own message. Pure, so it is tested without a browser.
 */
import type { CommandInput } from '../../../main/api/console/contract'
import { parseAmountToMinor } from '../../shared/money-input'

export interface NewCustomerForm {
  name: string
  email: string
  currency: string
  credit_limit: string
  top_up_increment: string
  limit_per_purchase: string
  limit_per_day: string
  payer_password: string
}

export type NewCustomerField = keyof NewCustomerForm
export type NewCustomerErrors = Partial<Record<NewCustomerField, string>>

export const empty_new_customer: NewCustomerForm = {
  name: '',
  email: '',
  currency: '',
  credit_limit: '',
  top_up_increment: '',
  limit_per_purchase: '',
  limit_per_day: '',
  payer_password: '',
}

const payer_password_length_min = 8

/** `exponent` is the chosen currency's; undefined while no currency is chosen. */
export function toCreateInput(
  form: NewCustomerForm,
  exponent: number | undefined,
): { ok: true; input: CommandInput<'customers.create'> } | { ok: false; errors: NewCustomerErrors } {
  const errors: NewCustomerErrors = {}

  const amount = (field: NewCustomerField, rule: 'zero_allowed' | 'positive' | 'optional'): number | null => {
    const text = form[field]
    if (rule === 'optional' && text.trim() === '') return null
    // Amounts mean nothing until the currency says how many decimals they have; only a
    // missing required amount can be reported before.
    if (exponent === undefined) {
      if (text.trim() === '') errors[field] = 'Enter an amount'
      return null
    }
    const parsed = parseAmountToMinor(text, exponent)
    if (!parsed.ok) {
      errors[field] = parsed.message
      return null
    }
    if (rule !== 'zero_allowed' && parsed.amount_minor === 0) {
      errors[field] = rule === 'optional' ? 'Leave empty for no limit, or enter more than zero' : 'Enter more than zero'
      return null
    }
    return parsed.amount_minor
  }

  if (form.name.trim() === '') errors.name = 'Enter the customer’s name'
  if (exponent === undefined || !/^[A-Z]{3}$/.test(form.currency)) errors.currency = 'Choose a currency'
  if (form.email.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) errors.email = 'This is not an email address'
  if (form.payer_password.length < payer_password_length_min) {
    errors.payer_password = `At least ${payer_password_length_min} characters`
  }
  const credit_limit_minor = amount('credit_limit', 'zero_allowed')
  const top_up_increment_minor = amount('top_up_increment', 'positive')
  const per_purchase = amount('limit_per_purchase', 'optional')
  const per_day = amount('limit_per_day', 'optional')

  if (Object.keys(errors).length > 0 || credit_limit_minor === null || top_up_increment_minor === null) {
    return { ok: false, errors }
  }
  return {
    ok: true,
    input: {
      name: form.name.trim(),
      email: form.email.trim(),
      currency: form.currency,
      credit_limit_minor,
      top_up_increment_minor,
      micropayment_limit_per_purchase_minor: per_purchase,
      micropayment_limit_per_day_minor: per_day,
      payer_password: form.payer_password,
    },
  }
}
