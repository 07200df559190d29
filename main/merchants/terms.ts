/**
 * Commercial terms: the wholesale discount the SP keeps, a fee per purchase, and the
 * settlement rule (an amount, every N days, whichever comes first). Settlement reads them
 * from the merchants row; this only checks and changes them.
 */
import type { Database } from '../store/database'
import { RequestError } from '../errors'
import { merchant } from './merchants'
import { checkTerms, type MerchantTerms, type TermsErrors } from './rules'

const field_names: Record<keyof TermsErrors, string> = {
  discount_bps: 'Discount',
  fee_per_purchase_minor: 'Fee per purchase',
  settle_at_minor: 'Settle at',
  settle_every_days: 'Settle every',
  settlement_rule: 'Settlement rule',
}

export function termsOf(db: Database, merchant_id: number): MerchantTerms {
  const row = merchant(db, merchant_id) as unknown as MerchantTerms
  return {
    discount_bps: row.discount_bps,
    fee_per_purchase_minor: row.fee_per_purchase_minor,
    settle_at_minor: row.settle_at_minor,
    settle_every_days: row.settle_every_days,
  }
}

/** Sets a merchant's terms; answers the terms before and after, for the audit entry. */
export function setMerchantTerms(db: Database, merchant_id: number, terms: MerchantTerms): { before: MerchantTerms; after: MerchantTerms } {
  const result = checkTerms(terms)
  if (!result.ok) {
    const sentence = (Object.entries(result.errors) as Array<[keyof TermsErrors, string]>).map(([f, m]) => `${field_names[f]}: ${m}`).join(' ')
    throw new RequestError('bad_request', sentence)
  }
  return db.transaction(() => {
    const before = termsOf(db, merchant_id)
    db.prepare(
      'UPDATE merchants SET discount_bps = @discount_bps, fee_per_purchase_minor = @fee_per_purchase_minor, settle_at_minor = @settle_at_minor, settle_every_days = @settle_every_days WHERE id = @merchant_id',
    ).run({ ...result.value, merchant_id })
    return { before, after: result.value }
  })()
}
