/**
 * The "Issue card" and "Replace card" forms as plain data, and their conversion to the
 * cards.issue / cards.replace input: either the customer's own PIN, typed twice, or none so
 * the host prints a PIN mailer; and an optional daily withdrawal limit in major units.
 * Pure, so it is tested without a browser.
 */
import type { CardView } from '../../../main/api/console/contract'
import { parseAmountToMinor } from '../../shared/money-input'

/** The customer types a PIN at the branch, or the bank prints one in a sealed mailer. */
export type PinChoice = 'chosen' | 'mailer'

export interface CardForm {
  pin_choice: PinChoice
  pin: string
  pin_again: string
  daily_limit: string
}

export type CardFormErrors = Partial<Record<'pin' | 'pin_again' | 'daily_limit', string>>

export const empty_card_form: CardForm = { pin_choice: 'chosen', pin: '', pin_again: '', daily_limit: '' }

export interface CardRequest {
  pin?: string
  daily_withdrawal_limit_minor?: number
}

const pin_pattern = /^\d{4,12}$/

/** `exponent` is the customer's currency's; `with_limit` false for a replacement, which keeps the old limit. */
export function toCardRequest(
  form: CardForm,
  exponent: number,
  with_limit: boolean,
): { ok: true; request: CardRequest } | { ok: false; errors: CardFormErrors } {
  const errors: CardFormErrors = {}
  const request: CardRequest = {}

  if (form.pin_choice === 'chosen') {
    if (!pin_pattern.test(form.pin)) errors.pin = 'A PIN is 4 to 12 digits'
    else if (form.pin_again !== form.pin) errors.pin_again = 'The two PINs differ: ask the customer to type both again'
    else request.pin = form.pin
  }

  if (with_limit && form.daily_limit.trim() !== '') {
    const parsed = parseAmountToMinor(form.daily_limit, exponent)
    if (!parsed.ok) errors.daily_limit = parsed.message
    else if (parsed.amount_minor === 0) errors.daily_limit = "Leave empty for the bank's standard limit, or enter more than zero"
    else request.daily_withdrawal_limit_minor = parsed.amount_minor
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request }
}

/** "2811" (YYMM, as the card stores it) as printed on the plastic: "11/28". */
export function formatExpiry(expiry_yymm: string): string {
  if (!/^\d{4}$/.test(expiry_yymm)) return expiry_yymm
  return `${expiry_yymm.slice(2, 4)}/${expiry_yymm.slice(0, 2)}`
}

/** Why a card cannot be used, in words beside its status; null for an active card. */
export function cardStatusNote(card: Pick<CardView, 'status' | 'blocked_reason'>): string | null {
  switch (card.status) {
    case 'active':
      return null
    case 'blocked':
      if (card.blocked_reason === 'pin_tries') return '3 wrong PINs'
      if (card.blocked_reason === 'staff') return 'blocked by staff'
      return card.blocked_reason
    case 'lost':
      return 'reported lost'
    case 'replaced':
      return 'replaced by a new card'
  }
}
