import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isLuhnValid } from '../../../main/cards/crypto/luhn'
import { makePan, maskPan } from '../../../main/cards/crypto/pan'
import { digitString } from './arbitraries'

describe('makePan', () => {
  it('always gives a Luhn-valid PAN of the asked length that starts with the BIN and carries the account number', () => {
    const case_arbitrary = fc
      .record({ bin: digitString(6, 8), length: fc.integer({ min: 12, max: 19 }) })
      .chain(({ bin, length }) =>
        fc.record({ bin: fc.constant(bin), length: fc.constant(length), account: digitString(1, length - bin.length - 1) }),
      )
    fc.assert(
      fc.property(case_arbitrary, ({ bin, length, account }) => {
        const pan = makePan(bin, account, length)
        expect(pan).toHaveLength(length)
        expect(pan.startsWith(bin)).toBe(true)
        expect(isLuhnValid(pan)).toBe(true)
        const account_field = pan.slice(bin.length, -1)
        expect(BigInt(account_field)).toBe(BigInt(account))
      }),
    )
  })

  it('makes 16-digit PANs by default and left-pads the account digits with zeros', () => {
    const pan = makePan('412345', '42')
    expect(pan).toHaveLength(16)
    expect(pan.slice(0, 15)).toBe('412345000000042')
  })

  it('gives different accounts different PANs, so leading zeros may be cut but significant digits never', () => {
    expect(makePan('412345', '000000000042')).toBe(makePan('412345', '42'))
    // 9 digits of room after a 6-digit BIN in a 16-digit PAN: a 10-digit account cannot fit.
    expect(() => makePan('412345', '1234567890')).toThrow(RangeError)
    expect(makePan('412345', '123456789')).toHaveLength(16)
  })

  it('refuses BINs, lengths and account digits outside the rules', () => {
    expect(() => makePan('41234', '1')).toThrow(RangeError)
    expect(() => makePan('412345678', '1')).toThrow(RangeError)
    expect(() => makePan('41234a', '1')).toThrow(RangeError)
    expect(() => makePan('412345', '1', 11)).toThrow(RangeError)
    expect(() => makePan('412345', '1', 20)).toThrow(RangeError)
    expect(() => makePan('412345', '', 16)).toThrow(RangeError)
    expect(() => makePan('412345', '12-3', 16)).toThrow(RangeError)
  })
})

describe('maskPan', () => {
  it('shows only the BIN and the last four digits', () => {
    expect(maskPan('4111111111111111')).toBe('411111******1111')
    expect(maskPan('378282246310005')).toBe('378282******0005')
  })

  it('for PANs of 13 to 19 digits, keeps exactly the first six and the last four digits and stars the rest', () => {
    fc.assert(
      fc.property(digitString(13, 19), (pan) => {
        const masked = maskPan(pan)
        expect(masked.slice(0, 6)).toBe(pan.slice(0, 6))
        expect(masked.slice(6, -4)).toBe('******')
        expect(masked.slice(-4)).toBe(pan.slice(-4))
      }),
    )
  })

  it('shows only the last four of a 12-digit PAN, where first six and last four would give away ten digits', () => {
    expect(maskPan('123456789012')).toBe('******9012')
  })

  it('treats a value that is not a PAN as a programmer error', () => {
    expect(() => maskPan('41111111111')).toThrow(RangeError)
    expect(() => maskPan('4111-1111-1111-1111')).toThrow(RangeError)
  })
})
