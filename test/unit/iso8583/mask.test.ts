import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskPan, maskedFields } from '../../../main/iso8583/mask'
import { message, pan, with_macs, withdrawal_0200 } from './messages'
import { textArb } from './arbitraries'

function shown(fields: ReturnType<typeof maskedFields>, field: number): string | undefined {
  return fields.find((entry) => entry.field === field)?.value
}

describe('maskPan', () => {
  it.each([
    ['a 16-digit PAN', '4761739001010119', '476173******0119'],
    ['a 19-digit PAN', '6011000990139424123', '601100******4123'],
    ['a 13-digit PAN', '4222222222222', '422222******2222'],
    ['a 12-digit number', '123456789012', '******9012'],
    ['an 8-digit number', '12345678', '******5678'],
    ['a 7-digit number', '1234567', '******'],
    ['nothing', '', '******'],
  ])('masks %s', (_name, input, expected) => {
    // Proves first 6 and last 4 at most, and less for numbers too short to hide enough.
    expect(maskPan(input)).toBe(expected)
  })
})

describe('maskedFields', () => {
  it('shows the withdrawal with PAN, track 2 and PIN block masked and everything else as it is', () => {
    // Proves the exact view the logs and screens get for the most sensitive message we handle.
    const fields = maskedFields(withdrawal_0200)
    expect(fields.map((entry) => entry.field)).toEqual([2, 3, 4, 7, 11, 12, 13, 14, 22, 25, 35, 37, 41, 42, 49, 52])
    expect(fields[0]).toEqual({ field: 2, name: 'Primary account number', value: '476173******0119' })
    expect(shown(fields, 35)).toBe('476173******0119=****')
    expect(shown(fields, 52)).toBe('[PIN block hidden]')
    expect(shown(fields, 4)).toBe('000000002000')
    expect(shown(fields, 41)).toBe('ATM00042')
    expect(JSON.stringify(fields)).not.toContain(pan)
    expect(JSON.stringify(fields)).not.toContain('2812101')
  })

  it('shows MACs as hex', () => {
    // Proves 64 and 128 are readable for diagnosing MAC failures.
    const fields = maskedFields(with_macs)
    expect(shown(fields, 64)).toBe('0102030405060708')
    expect(shown(fields, 128)).toBe('F1F2F3F4F5F6F7F8')
  })

  it('masks account ids that look like PANs and shows others', () => {
    // Proves 102/103 holding a card number (even grouped) are masked, and our own account ids are not.
    const fields = maskedFields(message('0200', { 102: '4761 7390 0101 0119', 103: 'VALUE-ACCOUNT 000123' }))
    expect(shown(fields, 102)).toBe('476173******0119')
    expect(shown(fields, 103)).toBe('VALUE-ACCOUNT 000123')
  })

  it('masks track 2 even without a separator, and hides fields outside the dialect', () => {
    // Proves malformed or unexpected content fails safe rather than showing card data.
    const fields = maskedFields(message('0200', { 35: '4761739001010119', 45: 'B4761739001010119^DOE/JOHN^2812' }))
    expect(shown(fields, 35)).toBe('476173******0119=****')
    expect(shown(fields, 45)).toBe('[hidden: field not in our dialect]')
  })

  it('never shows a random PAN or its track 2 in clear, nor more than 10 of its digits', () => {
    // Proves, for any PAN length 12-19 and any track 2 tail, that no field of the masked view reveals the card.
    const digits = '0123456789'
    fc.assert(
      fc.property(textArb(digits, 12, 19), textArb(`${digits}D`, 1, 17), fc.constantFrom('=', 'D'), (card, tail, separator) => {
        const track = `${card}${separator}${tail}`.slice(0, 37)
        const fields = maskedFields(message('0200', { 2: card, 35: track, 102: card, 103: card }))
        for (const entry of fields) {
          expect(entry.value).not.toContain(card)
          expect(entry.value.replace(/[^0-9]/g, '').length).toBeLessThanOrEqual(10)
          if (entry.field === 35) expect(entry.value.endsWith('=****')).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })
})
