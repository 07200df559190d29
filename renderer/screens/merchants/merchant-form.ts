/**
 * The merchant profile and terms forms as text fields, and their checks: the same rules as
 * the host (main/merchants/rules.ts), so each wrong field is named under the field before
 * anything is sent. Amounts are typed in major units and become minor units as text.
 */
import type { CommandInput, CommandOutput } from '../../../main/api/console/contract'
import { checkProfile, checkTerms, type MerchantProfile, type ProfileErrors, type TermsErrors } from '../../../main/merchants/rules'
import { minorToInputText, parseAmountToMinor } from '../../shared/money-input'

export type MerchantDetail = CommandOutput<'merchants.get'>['merchant']

export type AccountKind = 'iban' | 'account_number'

export interface ProfileForm {
  name: string
  category: string
  contact_name: string
  contact_email: string
  contact_phone: string
  merchant_code: string
  account_kind: AccountKind
  settlement_iban: string
  settlement_bic: string
  settlement_account_number: string
  status: 'active' | 'suspended'
  currency: string
}

export const empty_profile: ProfileForm = {
  name: '',
  category: '',
  contact_name: '',
  contact_email: '',
  contact_phone: '',
  merchant_code: '',
  account_kind: 'iban',
  settlement_iban: '',
  settlement_bic: '',
  settlement_account_number: '',
  status: 'active',
  currency: '',
}

export function profileFormOf(m: MerchantDetail): ProfileForm {
  return {
    name: m.name,
    category: m.category,
    contact_name: m.contact_name,
    contact_email: m.contact_email,
    contact_phone: m.contact_phone,
    merchant_code: m.merchant_code ?? '',
    account_kind: m.settlement_account_number !== null ? 'account_number' : 'iban',
    settlement_iban: m.settlement_iban ?? '',
    settlement_bic: m.settlement_bic ?? '',
    settlement_account_number: m.settlement_account_number ?? '',
    status: m.status,
    currency: m.currency,
  }
}

export type ProfileFormErrors = ProfileErrors & { currency?: string }

/** The profile to send, with only the chosen kind of account, or the errors by field. */
export function toProfile(form: ProfileForm): { ok: true; profile: MerchantProfile } | { ok: false; errors: ProfileFormErrors } {
  const iban = form.account_kind === 'iban'
  const profile: MerchantProfile = {
    name: form.name,
    category: form.category,
    contact_name: form.contact_name,
    contact_email: form.contact_email,
    contact_phone: form.contact_phone,
    merchant_code: form.merchant_code,
    settlement_iban: iban ? form.settlement_iban : null,
    settlement_bic: iban && form.settlement_bic.trim() !== '' ? form.settlement_bic : null,
    settlement_account_number: iban ? null : form.settlement_account_number,
    status: form.status,
  }
  const checked = checkProfile(profile)
  if (!checked.ok) {
    // With one kind of account chosen, "give one" belongs under that field.
    const { settlement_account, ...rest } = checked.errors
    const errors: ProfileFormErrors = { ...rest }
    if (settlement_account) errors[iban ? 'settlement_iban' : 'settlement_account_number'] = settlement_account
    return { ok: false, errors }
  }
  return { ok: true, profile: checked.value }
}

export function toCreateInput(form: ProfileForm): { ok: true; input: CommandInput<'merchants.create'> } | { ok: false; errors: ProfileFormErrors } {
  const built = toProfile(form)
  const currency_error = form.currency === '' ? 'Choose the currency the merchant is paid in.' : undefined
  if (!built.ok) return { ok: false, errors: { ...built.errors, ...(currency_error ? { currency: currency_error } : {}) } }
  if (currency_error) return { ok: false, errors: { currency: currency_error } }
  return { ok: true, input: { ...built.profile, currency: form.currency } }
}

export interface TermsForm {
  /** Percent with up to two decimals: "2.50". */
  discount_percent: string
  fee_per_purchase: string
  settle_at: string
  settle_every_days: string
}

export function termsFormOf(m: MerchantDetail): TermsForm {
  return {
    discount_percent: minorToInputText(m.discount_bps, 2),
    fee_per_purchase: minorToInputText(m.fee_per_purchase_minor, m.exponent),
    settle_at: m.settle_at_minor === null ? '' : minorToInputText(m.settle_at_minor, m.exponent),
    settle_every_days: m.settle_every_days === null ? '' : String(m.settle_every_days),
  }
}

export type TermsFormErrors = Partial<Record<keyof TermsForm | 'settlement_rule', string>>

export function toTermsInput(
  merchant_id: number,
  form: TermsForm,
  exponent: number,
): { ok: true; input: CommandInput<'merchants.set_terms'> } | { ok: false; errors: TermsFormErrors } {
  const errors: TermsFormErrors = {}
  // A percent with two decimals is basis points read as text: "2.50" → 250, never a float.
  const discount = parseAmountToMinor(form.discount_percent.trim() === '' ? '0' : form.discount_percent, 2)
  if (!discount.ok) errors.discount_percent = discount.message
  const fee = parseAmountToMinor(form.fee_per_purchase.trim() === '' ? '0' : form.fee_per_purchase, exponent)
  if (!fee.ok) errors.fee_per_purchase = fee.message
  const at = form.settle_at.trim() === '' ? null : parseAmountToMinor(form.settle_at, exponent)
  if (at && !at.ok) errors.settle_at = at.message
  const days_text = form.settle_every_days.trim()
  const days = days_text === '' ? null : /^\d{1,4}$/.test(days_text) ? Number(days_text) : NaN
  if (Number.isNaN(days)) errors.settle_every_days = 'Enter a whole number of days.'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const terms = {
    discount_bps: discount.ok ? discount.amount_minor : 0,
    fee_per_purchase_minor: fee.ok ? fee.amount_minor : 0,
    settle_at_minor: at && at.ok ? at.amount_minor : null,
    settle_every_days: days,
  }
  const checked = checkTerms(terms)
  if (!checked.ok) {
    const e = checked.errors
    return {
      ok: false,
      errors: {
        discount_percent: e.discount_bps,
        fee_per_purchase: e.fee_per_purchase_minor,
        settle_at: e.settle_at_minor,
        settle_every_days: e.settle_every_days,
        settlement_rule: e.settlement_rule,
      },
    }
  }
  return { ok: true, input: { merchant_id, ...checked.value } }
}
