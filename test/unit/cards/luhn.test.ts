import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isLuhnValid, luhnCheckDigit } from '../../../main/cards/crypto/luhn'
import { digitString } from './arbitraries'

describe('Luhn check digit', () => {
  it('accepts the card schemes\' published test PANs', () => {
    // Visa 4111 1111 1111 1111, Mastercard 5500 0000 0000 0004 and Amex 3782 822463 10005 are
    // published test card numbers: PayPal Manager's "Test Credit Card Account Numbers" page
    // (paypalobjects.com .../credit_card_numbers.htm) lists the Visa and Amex ones, TabaPay's
    // sandbox test cards list them too, and 5500 0000 0000 0004 is in the common test lists
    // (e.g. the gist Dottenpixel/2852948).
    for (const pan of ['4111111111111111', '5500000000000004', '378282246310005']) {
      expect(isLuhnValid(pan)).toBe(true)
    }
  })

  it('computes the check digit of the textbook example', () => {
    // Wikipedia, "Luhn algorithm": the payload 7992739871 has check digit 3 (the same
    // example is in adelosa/cardutil tests/test_card.py).
    expect(luhnCheckDigit('7992739871')).toBe('3')
    expect(isLuhnValid('79927398713')).toBe(true)
  })

  it('rejects every single-digit change of a valid number (what the check digit is for)', () => {
    fc.assert(
      fc.property(digitString(11, 18), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, position_seed, delta) => {
        const pan = payload + luhnCheckDigit(payload)
        expect(isLuhnValid(pan)).toBe(true)
        const position = position_seed % pan.length
        const changed = String((Number(pan[position]) + delta) % 10)
        const typo = pan.slice(0, position) + changed + pan.slice(position + 1)
        expect(isLuhnValid(typo)).toBe(false)
      }),
    )
  })

  it('judges junk as not valid instead of throwing', () => {
    for (const junk of ['', '4', '4111 1111 1111 1111', '411111111111111x', '-4111111111111111']) {
      expect(isLuhnValid(junk)).toBe(false)
    }
  })

  it('treats a non-digit payload as a programmer error', () => {
    expect(() => luhnCheckDigit('')).toThrow(RangeError)
    expect(() => luhnCheckDigit('12a4')).toThrow(RangeError)
  })
})
