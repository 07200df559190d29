import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatMinor } from '../../../main/ledger/money'
import { minorToInputText, parseAmountToMinor, parsePositiveAmount } from '../../../renderer/shared/money-input'

function minor(text: string, exponent: number): number | string {
  const result = parseAmountToMinor(text, exponent)
  return result.ok ? result.amount_minor : result.message
}

describe('parseAmountToMinor', () => {
  // Proves the common ways a clerk writes an amount give the exact minor units.
  it('reads whole amounts, decimals and thousands separators', () => {
    expect(minor('25', 2)).toBe(2500)
    expect(minor('25.00', 2)).toBe(2500)
    expect(minor('25.5', 2)).toBe(2550)
    expect(minor('0.29', 2)).toBe(29)
    expect(minor('  1,234.56 ', 2)).toBe(123456)
    expect(minor('1,234,567', 0)).toBe(1234567)
    expect(minor('1.005', 3)).toBe(1005)
    expect(minor('0', 2)).toBe(0)
    expect(minor('007.10', 2)).toBe(710)
  })

  // Proves amounts that floats get wrong come out exact (0.29 * 100 is 28.999... in floating point).
  it('never loses a cent to floating point', () => {
    expect(minor('0.29', 2)).toBe(29)
    expect(minor('1.15', 2)).toBe(115)
    expect(minor('4.35', 2)).toBe(435)
    expect(minor('9999999999.99', 2)).toBe(999999999999)
  })

  // Proves every malformed or out-of-range input is refused with a message, not guessed at.
  it('refuses what is not a plain positive amount', () => {
    for (const [text, exponent] of [
      ['', 2],
      ['   ', 2],
      ['-5', 2],
      ['-0.01', 2],
      ['1e3', 2],
      ['1E3', 0],
      ['1.2.3', 2],
      ['1.234', 2],
      ['1.5', 0],
      ['12,34', 2],
      ['1,2345', 2],
      [',123', 2],
      ['.50', 2],
      ['5.', 2],
      ['abc', 2],
      ['12 34', 2],
      ['0x10', 2],
      ['+5', 2],
      ['Infinity', 2],
      ['NaN', 2],
      ['١٢', 2],
      ['10000000000.01', 2],
      ['99999999999999999999999', 2],
    ] as const) {
      const result = parseAmountToMinor(text, exponent)
      expect(result.ok, `"${text}" with exponent ${exponent}`).toBe(false)
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0)
    }
  })

  // Proves the largest allowed amount is accepted and one minor unit more is not.
  it('accepts the maximum amount and refuses one unit more', () => {
    expect(minor('10,000,000,000.00', 2)).toBe(1_000_000_000_000)
    expect(typeof minor('10,000,000,000.01', 2)).toBe('string')
  })

  // Proves a programmer error (an impossible exponent) fails loudly instead of parsing wrongly.
  it('throws on an impossible exponent', () => {
    expect(() => parseAmountToMinor('1', -1)).toThrow(RangeError)
    expect(() => parseAmountToMinor('1', 1.5)).toThrow(RangeError)
  })

  // Proves parsing undoes formatting for every amount and the exponents in use.
  it('reads back what formatMinor writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fc.constantFrom(0, 2, 3), (n, exponent) => {
        expect(minor(formatMinor(n, exponent), exponent)).toBe(n)
        expect(minor(minorToInputText(n, exponent), exponent)).toBe(n)
      }),
    )
  })
})

describe('parsePositiveAmount', () => {
  // Proves a money form refuses zero in the words the forms always used, and otherwise reads as parseAmountToMinor does.
  it('refuses zero and passes every other answer through', () => {
    expect(parsePositiveAmount('0', 2)).toEqual({ ok: false, message: 'Enter more than zero' })
    expect(parsePositiveAmount('0.00', 2)).toEqual({ ok: false, message: 'Enter more than zero' })
    expect(parsePositiveAmount('0.01', 2)).toEqual({ ok: true, amount_minor: 1 })
    expect(parsePositiveAmount('', 2)).toEqual(parseAmountToMinor('', 2))
    expect(parsePositiveAmount('-5', 2)).toEqual(parseAmountToMinor('-5', 2))
    expect(parsePositiveAmount('1,234.5', 2)).toEqual({ ok: true, amount_minor: 123450 })
  })
})
