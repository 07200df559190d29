/**
 * Every reason a purchase can be declined, with the sentence a person reads. The codes
 * are stable: merchants' checkouts branch on them.
 */
export const decline_messages = {
  merchant_suspended: 'This merchant is not accepting payments through the service provider right now.',
  currency_not_supported: 'The service provider does not take purchases in this currency for this payer.',
  payer_not_verified: 'The payer could not be verified: the payer session is unknown or has expired. Please log in again.',
  customer_not_billable: 'This payer cannot be billed right now (no credit account, or the account is suspended). Please contact the bank.',
  above_micropayment_threshold: 'The amount is at or above the micropayment threshold, so it cannot be paid as a micropayment.',
  over_purchase_limit: "The amount is above the payer's own limit for a single micropayment.",
  over_daily_limit: "This purchase would take the payer over their own daily micropayment limit.",
  merchant_blocked_by_payer: 'The payer has blocked purchases from this merchant.',
  top_up_refused: 'The value account is short and the credit account cannot cover a top-up increment.',
  credit_limit_exceeded: "The purchase would take the payer's credit account over its limit.",
} as const

export type DeclineCode = keyof typeof decline_messages

export interface Decline {
  code: DeclineCode
  message: string
}

export function decline(code: DeclineCode): Decline {
  return { code, message: decline_messages[code] }
}
