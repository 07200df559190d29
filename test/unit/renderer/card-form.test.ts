import { describe, expect, it } from 'vitest'
import { cardStatusNote, empty_card_form, formatExpiry, toCardRequest } from '../../../renderer/screens/customers/card-form'

describe('toCardRequest', () => {
  // Proves a PIN the customer typed twice the same is sent, and the limit in minor units.
  it('sends the chosen PIN and the daily limit', () => {
    const result = toCardRequest({ pin_choice: 'chosen', pin: '0042', pin_again: '0042', daily_limit: '250.00' }, 2, true)
    expect(result).toEqual({ ok: true, request: { pin: '0042', daily_withdrawal_limit_minor: 25_000 } })
  })

  // Proves a PIN mailer request carries no PIN (so the host picks one) and an empty limit none.
  it('asks for a PIN mailer by sending no PIN', () => {
    expect(toCardRequest({ ...empty_card_form, pin_choice: 'mailer', pin: '1234' }, 2, true)).toEqual({ ok: true, request: {} })
  })

  // Proves short, non-digit and mismatched PINs are refused before the host is asked.
  it('refuses PINs the host would refuse, and two different PINs', () => {
    for (const pin of ['', '123', '12a4', '1234567890123', ' 1234']) {
      expect(toCardRequest({ ...empty_card_form, pin, pin_again: pin }, 2, true), pin).toMatchObject({ ok: false, errors: { pin: 'A PIN is 4 to 12 digits' } })
    }
    expect(toCardRequest({ ...empty_card_form, pin: '1234', pin_again: '1243' }, 2, true)).toMatchObject({
      ok: false,
      errors: { pin_again: expect.stringContaining('differ') },
    })
  })

  // Proves a replacement ignores the limit field (it keeps the old card's limit) and a zero limit is refused.
  it('handles the limit', () => {
    const form = { ...empty_card_form, pin_choice: 'mailer' as const, daily_limit: '0' }
    expect(toCardRequest(form, 2, false)).toEqual({ ok: true, request: {} })
    expect(toCardRequest(form, 2, true)).toMatchObject({ ok: false, errors: { daily_limit: expect.stringContaining('more than zero') } })
    expect(toCardRequest({ ...form, daily_limit: '1.234' }, 2, true)).toMatchObject({ ok: false, errors: { daily_limit: 'At most 2 decimals' } })
  })
})

describe('card labels', () => {
  // Proves the stored YYMM reads MM/YY as on the plastic.
  it('writes the expiry as MM/YY', () => {
    expect(formatExpiry('2811')).toBe('11/28')
    expect(formatExpiry('3001')).toBe('01/30')
  })

  // Proves the two reasons for a block are told apart.
  it('says why a card is blocked', () => {
    expect(cardStatusNote({ status: 'blocked', blocked_reason: 'pin_tries' })).toBe('3 wrong PINs')
    expect(cardStatusNote({ status: 'blocked', blocked_reason: 'staff' })).toBe('blocked by staff')
    expect(cardStatusNote({ status: 'active', blocked_reason: null })).toBeNull()
    expect(cardStatusNote({ status: 'lost', blocked_reason: null })).toBe('reported lost')
  })
})
