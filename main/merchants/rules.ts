/**
 * What a merchant's profile and commercial terms must satisfy, field by field, and the
 * terms in words. Pure (no Node imports): the host refuses with these sentences and the
 * merchant forms show the same ones under each field before anything is sent.
 */
import { formatMinor } from '../ledger/money'
import { checkAccountNumber, checkBic, checkIban } from './iban'

export const merchant_statuses = ['active', 'suspended'] as const
export type MerchantStatus = (typeof merchant_statuses)[number]

export interface MerchantProfile {
  name: string
  category: string
  contact_name: string
  contact_email: string
  contact_phone: string
  /** Field 42 of the ISO 8583 messages an acquirer's shared POS sends (seed 001 fig. 4B). */
  merchant_code: string
  /** Exactly one of IBAN (with an optional BIC) or a domestic account number. */
  settlement_iban: string | null
  settlement_bic: string | null
  settlement_account_number: string | null
  status: MerchantStatus
}

export type ProfileErrors = Partial<Record<keyof MerchantProfile | 'settlement_account', string>>

export const merchant_code_length_max = 15

/** Normalises and checks a profile: the value to store, or one sentence per wrong field. */
export function checkProfile(input: MerchantProfile): { ok: true; value: MerchantProfile } | { ok: false; errors: ProfileErrors } {
  const errors: ProfileErrors = {}
  const name = input.name.trim()
  if (name === '') errors.name = 'Enter the merchant’s name.'
  else if (name.length > 120) errors.name = 'A name has at most 120 characters.'
  const category = input.category.trim()
  if (category.length > 60) errors.category = 'A category has at most 60 characters.'
  const contact_name = input.contact_name.trim()
  if (contact_name.length > 120) errors.contact_name = 'A contact name has at most 120 characters.'
  const contact_email = input.contact_email.trim()
  if (contact_email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact_email)) errors.contact_email = 'An e-mail address looks like name@example.com.'
  const contact_phone = input.contact_phone.trim()
  if (contact_phone !== '' && !/^\+?[0-9 ()./-]{6,30}$/.test(contact_phone)) errors.contact_phone = 'A phone number is 6 to 30 digits, spaces or + ( ) - . /'
  const merchant_code = input.merchant_code.trim().toUpperCase()
  if (merchant_code === '') errors.merchant_code = 'Enter the merchant code (the card acceptor id a POS sends).'
  else if (!/^[A-Z0-9-]+$/.test(merchant_code) || merchant_code.length > merchant_code_length_max) {
    errors.merchant_code = `A merchant code is 1 to ${merchant_code_length_max} letters, digits or hyphens.`
  }
  if (!merchant_statuses.includes(input.status)) errors.status = 'A merchant is active or suspended.'

  const iban_text = input.settlement_iban?.trim() ?? ''
  const bic_text = input.settlement_bic?.trim() ?? ''
  const number_text = input.settlement_account_number?.trim() ?? ''
  let settlement_iban: string | null = null
  let settlement_bic: string | null = null
  let settlement_account_number: string | null = null
  if (iban_text !== '' && number_text !== '') {
    errors.settlement_account = 'Give either an IBAN or an account number, not both.'
  } else if (iban_text === '' && number_text === '') {
    errors.settlement_account = 'Give the settlement account: an IBAN or a domestic account number.'
  } else if (iban_text !== '') {
    const iban = checkIban(iban_text)
    if (iban.ok) settlement_iban = iban.value
    else errors.settlement_iban = iban.error
    if (bic_text !== '') {
      const bic = checkBic(bic_text)
      if (bic.ok) settlement_bic = bic.value
      else errors.settlement_bic = bic.error
    }
  } else {
    const number = checkAccountNumber(number_text)
    if (number.ok) settlement_account_number = number.value
    else errors.settlement_account_number = number.error
    if (bic_text !== '') errors.settlement_bic = 'A BIC goes with an IBAN; leave it empty for a domestic account number.'
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: { name, category, contact_name, contact_email, contact_phone, merchant_code, settlement_iban, settlement_bic, settlement_account_number, status: input.status },
  }
}

export interface MerchantTerms {
  /** The wholesale discount the SP keeps, in basis points of each purchase (250 = 2.50 %). */
  discount_bps: number
  fee_per_purchase_minor: number
  /** Settle when the payable reaches this amount… */
  settle_at_minor: number | null
  /** …or every this many days, whichever comes first. */
  settle_every_days: number | null
}

export type TermsErrors = Partial<Record<keyof MerchantTerms | 'settlement_rule', string>>

export function checkTerms(terms: MerchantTerms): { ok: true; value: MerchantTerms } | { ok: false; errors: TermsErrors } {
  const errors: TermsErrors = {}
  if (!Number.isInteger(terms.discount_bps) || terms.discount_bps < 0 || terms.discount_bps > 10_000) {
    errors.discount_bps = 'The discount is 0 to 100 % (0 to 10000 basis points).'
  }
  if (!Number.isSafeInteger(terms.fee_per_purchase_minor) || terms.fee_per_purchase_minor < 0) errors.fee_per_purchase_minor = 'The fee per purchase is zero or more.'
  if (terms.settle_at_minor !== null && (!Number.isSafeInteger(terms.settle_at_minor) || terms.settle_at_minor <= 0)) {
    errors.settle_at_minor = 'The settlement amount is more than zero, or empty.'
  }
  if (terms.settle_every_days !== null && (!Number.isInteger(terms.settle_every_days) || terms.settle_every_days < 1 || terms.settle_every_days > 366)) {
    errors.settle_every_days = 'Settle every 1 to 366 days, or leave it empty.'
  }
  if (terms.settle_at_minor === null && terms.settle_every_days === null) {
    errors.settlement_rule = 'Give at least one settlement rule: an amount, a number of days, or both.'
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: terms }
}

/** 250 → "2.50 %". */
export function percentText(bps: number): string {
  return `${formatMinor(bps, 2)} %`
}

/** The settlement rule alone: "settles at 500.00 USD or every 7 days". */
export function settlementRuleInWords(terms: MerchantTerms, currency: string, exponent: number): string {
  const at = terms.settle_at_minor !== null ? `at ${formatMinor(terms.settle_at_minor, exponent)} ${currency}` : null
  const every = terms.settle_every_days !== null ? (terms.settle_every_days === 1 ? 'every day' : `every ${terms.settle_every_days} days`) : null
  if (at && every) return `settles ${at} or ${every}, whichever comes first`
  if (at) return `settles ${at}`
  if (every) return `settles ${every}`
  return 'no settlement rule'
}

/** "2.50 % wholesale discount, 0.05 USD per purchase; settles at 500.00 USD or every 7 days, whichever comes first". */
export function termsInWords(terms: MerchantTerms, currency: string, exponent: number): string {
  const discount = terms.discount_bps === 0 ? 'no wholesale discount' : `${percentText(terms.discount_bps)} wholesale discount`
  const fee = terms.fee_per_purchase_minor === 0 ? 'no fee per purchase' : `${formatMinor(terms.fee_per_purchase_minor, exponent)} ${currency} per purchase`
  return `${discount}, ${fee}; ${settlementRuleInWords(terms, currency, exponent)}`
}
