import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeBatch } from '../../../main/settlement/compute'
import { ruleInWords } from '../../../main/settlement/due'
import { batchReference } from '../../../main/settlement/batches'
import { decimalOf } from '../../../main/settlement/files'

describe('computeBatch', () => {
  it('keeps the floor of the discount for the SP and charges fees per purchase', () => {
    expect(computeBatch({ gross_minor: 5_500, corrections_minor: 0, purchase_count: 2 }, { discount_bps: 250, fee_per_purchase_minor: 10 })).toEqual({
      purchase_count: 2,
      gross_minor: 5_500,
      corrections_minor: 0,
      discount_minor: 137,
      fees_minor: 20,
      net_minor: 5_343,
    })
  })

  it('takes the discount on what the merchant earned after corrections, and none when corrections win', () => {
    expect(computeBatch({ gross_minor: 5_000, corrections_minor: 2_000, purchase_count: 1 }, { discount_bps: 100, fee_per_purchase_minor: 0 }).discount_minor).toBe(30)
    expect(computeBatch({ gross_minor: 0, corrections_minor: 2_000, purchase_count: 0 }, { discount_bps: 100, fee_per_purchase_minor: 0 })).toMatchObject({
      discount_minor: 0,
      net_minor: -2_000,
    })
  })

  it('for any lines and terms: gross − corrections − discount − fees = net, and the discount never exceeds the gross', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (purchases, corrections, discount_bps, fee_per_purchase_minor) => {
          const gross_minor = purchases.reduce((s, x) => s + x, 0)
          const corrections_minor = corrections.reduce((s, x) => s + x, 0)
          const b = computeBatch({ gross_minor, corrections_minor, purchase_count: purchases.length }, { discount_bps, fee_per_purchase_minor })
          expect(b.gross_minor - b.corrections_minor - b.discount_minor - b.fees_minor).toBe(b.net_minor)
          expect(b.discount_minor).toBeGreaterThanOrEqual(0)
          expect(b.discount_minor).toBeLessThanOrEqual(gross_minor)
          expect(Number.isSafeInteger(b.net_minor)).toBe(true)
          expect(b.fees_minor).toBe(purchases.length * fee_per_purchase_minor)
          // The SP never rounds in its own favour: its discount is at most the exact share.
          const earned = gross_minor - corrections_minor
          if (earned > 0) expect(BigInt(b.discount_minor) * 10_000n).toBeLessThanOrEqual(BigInt(earned) * BigInt(discount_bps))
        },
      ),
    )
  })
})

describe('words and references', () => {
  it('says the rule as a clerk would', () => {
    const base = { currency: 'USD', exponent: 2 }
    expect(ruleInWords({ ...base, settle_at_minor: 50_000, settle_every_days: 7 })).toBe('At USD 500.00 or every 7 days, whichever comes first')
    expect(ruleInWords({ ...base, settle_at_minor: null, settle_every_days: 1 })).toBe('Every 1 day')
    expect(ruleInWords({ ...base, settle_at_minor: 123_456_78, settle_every_days: null })).toBe('At USD 123,456.78')
    expect(ruleInWords({ ...base, settle_at_minor: null, settle_every_days: null })).toBe('No rule: closed by hand only')
  })

  it('makes STL references and file amounts from integer digits', () => {
    expect(batchReference(42, '2026-11-02T09:00:00.000Z')).toBe('STL-2026-000042')
    expect(decimalOf(123_456_789, 2)).toBe('1234567.89')
    expect(decimalOf(5, 2)).toBe('0.05')
    expect(decimalOf(-2_000, 2)).toBe('-20.00')
    expect(decimalOf(1_500, 0)).toBe('1500')
    expect(decimalOf(1_500, 3)).toBe('1.500')
  })
})
