import { describe, expect, it } from 'vitest'
import { checkTerms, percentText, settlementRuleInWords, termsInWords } from '../../../main/merchants/rules'

describe('terms in words', () => {
  it('says the discount, fee and rule as a clerk would', () => {
    expect(termsInWords({ discount_bps: 250, fee_per_purchase_minor: 5, settle_at_minor: 50_000, settle_every_days: 7 }, 'USD', 2)).toBe(
      '2.50 % wholesale discount, 0.05 USD per purchase; settles at 500.00 USD or every 7 days, whichever comes first',
    )
    expect(termsInWords({ discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: 1 }, 'EUR', 2)).toBe(
      'no wholesale discount, no fee per purchase; settles every day',
    )
    expect(settlementRuleInWords({ discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: 123_456_789, settle_every_days: null }, 'JPY', 0)).toBe('settles at 123,456,789 JPY')
    expect(percentText(250)).toBe('2.50 %')
    expect(percentText(5)).toBe('0.05 %')
  })

  it('needs at least one settlement rule and keeps the discount within 0 to 100 %', () => {
    expect(checkTerms({ discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: null })).toMatchObject({ ok: false, errors: { settlement_rule: expect.any(String) } })
    expect(checkTerms({ discount_bps: 10_001, fee_per_purchase_minor: -1, settle_at_minor: 0, settle_every_days: 400 })).toMatchObject({
      ok: false,
      errors: { discount_bps: expect.any(String), fee_per_purchase_minor: expect.any(String), settle_at_minor: expect.any(String), settle_every_days: expect.any(String) },
    })
    expect(checkTerms({ discount_bps: 10_000, fee_per_purchase_minor: 0, settle_at_minor: 1, settle_every_days: null }).ok).toBe(true)
  })
})
