import { basisPointsOf } from '../ledger/allocate'

/** The transfer codes that are the settlement itself: never a line of a later batch. */
export const settlement_codes = ['settlement', 'settlement_discount', 'settlement_fee'] as const

/** The merchant's commercial terms a batch is computed with. */
export interface SettlementTerms {
  discount_bps: number
  fee_per_purchase_minor: number
}

export interface BatchTotals {
  purchase_count: number
  gross_minor: number
  corrections_minor: number
  discount_minor: number
  fees_minor: number
  net_minor: number
}

/**
 * A batch's figures from its purchase total, purchase count and corrections total (all integer
 * minor units). The discount is taken on what the merchant actually earned (gross less
 * corrections), rounded down so the merchant keeps the odd unit; fees are per purchase.
 * Net can come out zero or negative (corrections or fees exceed the sales): such a batch is
 * not closed, and everything carries forward.
 */
export function computeBatch(
  sums: { gross_minor: number; corrections_minor: number; purchase_count: number },
  terms: SettlementTerms,
): BatchTotals {
  const earned = sums.gross_minor - sums.corrections_minor
  const discount_minor = earned > 0 ? basisPointsOf(earned, terms.discount_bps) : 0
  const fees_minor = sums.purchase_count * terms.fee_per_purchase_minor
  return {
    purchase_count: sums.purchase_count,
    gross_minor: sums.gross_minor,
    corrections_minor: sums.corrections_minor,
    discount_minor,
    fees_minor,
    net_minor: earned - discount_minor - fees_minor,
  }
}
