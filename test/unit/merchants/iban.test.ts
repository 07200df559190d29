import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkAccountNumber, checkBic, checkIban, groupedIban, iban_lengths, ibanCheckDigits } from '../../../main/merchants/iban'

describe('IBAN (ISO 13616)', () => {
  it('accepts the registry examples, typed with spaces and small letters', () => {
    for (const iban of ['GB82 WEST 1234 5698 7654 32', 'de89370400440532013000', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91ABNA0417164300', 'BE68 5390 0754 7034']) {
      const checked = checkIban(iban)
      expect(checked).toEqual({ ok: true, value: iban.replace(/\s/g, '').toUpperCase() })
    }
  })

  it('refuses with a sentence: wrong check digits, wrong length, unknown country, other characters', () => {
    expect(checkIban('GB82 WEST 1234 5698 7654 33')).toEqual({ ok: false, error: 'The IBAN check digits do not match: a character is mistyped.' })
    expect(checkIban('DE8937040044053201300')).toEqual({ ok: false, error: 'An IBAN from DE has 22 characters; this one has 21.' })
    expect(checkIban('US12 3456 7890')).toEqual({ ok: false, error: 'US is not a country that uses IBANs.' })
    expect(checkIban('DE89/370400440532013000')).toMatchObject({ ok: false, error: 'An IBAN has only letters and digits.' })
    expect(checkIban('')).toMatchObject({ ok: false })
  })

  it('prints an IBAN in groups of four', () => {
    expect(groupedIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00')
  })

  const countries = Object.keys(iban_lengths)
  const generated = fc
    .constantFrom(...countries)
    .chain((country) => fc.tuple(fc.constant(country), fc.stringMatching(new RegExp(`^[0-9A-Z]{${iban_lengths[country]! - 4}}$`))))
    .map(([country, bban]) => `${country}${ibanCheckDigits(country, bban)}${bban}`)

  it('accepts every IBAN whose check digits are computed for it (property)', () => {
    fc.assert(
      fc.property(generated, (iban) => {
        expect(checkIban(iban)).toEqual({ ok: true, value: iban })
      }),
    )
  })

  it('refuses any IBAN with one digit changed (property)', () => {
    const changed = generated.chain((iban) => {
      const digits = [...iban].flatMap((c, i) => (i >= 2 && /[0-9]/.test(c) ? [i] : []))
      return fc.tuple(fc.constant(iban), fc.constantFrom(...digits), fc.integer({ min: 1, max: 9 }))
    })
    fc.assert(
      fc.property(changed, ([iban, at, by]) => {
        const digit = String((Number(iban[at]) + by) % 10)
        const wrong = iban.slice(0, at) + digit + iban.slice(at + 1)
        expect(checkIban(wrong).ok).toBe(false)
      }),
    )
  })
})

describe('BIC and account number', () => {
  it('accepts 8 or 11 characters, refuses other lengths and shapes', () => {
    expect(checkBic('cobadeff')).toEqual({ ok: true, value: 'COBADEFF' })
    expect(checkBic('COBADEFFXXX')).toEqual({ ok: true, value: 'COBADEFFXXX' })
    for (const bad of ['COBADEF', 'COBADEFFXX', '1OBADEFF', 'COBADEFFXXXX']) expect(checkBic(bad).ok).toBe(false)
  })

  it('takes 6 to 34 digits, dropping spaces and hyphens', () => {
    expect(checkAccountNumber('12-345 678')).toEqual({ ok: true, value: '12345678' })
    expect(checkAccountNumber('12345').ok).toBe(false)
    expect(checkAccountNumber('1'.repeat(35)).ok).toBe(false)
    expect(checkAccountNumber('12345A').ok).toBe(false)
  })
})
