/** Why a transfer happened, in the bank's words. Stored in transfers.code. */
export const transfer_codes = {
  value_funding: 'Deposit to value account',
  top_up: 'Top-up from credit',
  micropayment: 'Micropayment',
  credit_purchase: 'Credit purchase',
  value_to_cash_access: 'Value → cash-access',
  cash_access_to_value: 'Cash-access → value',
  atm_withdrawal: 'ATM cash withdrawal',
  pos_purchase: 'POS purchase',
  hold: 'Hold',
  reversal: 'Reversal (correction)',
  expiry: 'Hold expired',
  adjustment: 'Manual adjustment',
  settlement: 'Settlement to merchant',
  settlement_discount: 'Wholesale discount retained',
  settlement_fee: 'Per-purchase fees retained',
  payout_sent: 'Payout sent to merchant bank',
  payout_returned: 'Payout returned by merchant bank',
  bill_payment: 'Customer bill payment',
  customer_fee: 'Customer bill fee',
  dispute_provisional_credit: 'Dispute: provisional credit',
  dispute_provisional_reversal: 'Dispute: provisional credit withdrawn',
  refund: 'Refund to customer',
  bill_write_off: 'Bill written off',
} as const

export type TransferCode = keyof typeof transfer_codes

export function isTransferCode(value: string): value is TransferCode {
  return Object.hasOwn(transfer_codes, value)
}
