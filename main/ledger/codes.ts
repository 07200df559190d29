/** Why a transfer happened, in the bank's words. Stored in transfers.code. */
export const transfer_codes = {
  value_funding: 'Deposit into a value account',
  top_up: 'Top-up increment from the credit account to the value account',
  micropayment: 'Micropayment from the value account to the merchant',
  credit_purchase: 'Credit purchase charged to the credit account',
  value_to_cash_access: 'Value account to cash-access account',
  cash_access_to_value: 'Cash-access account to value account',
  hold: 'Hold',
  reversal: 'Reversal (correction)',
  expiry: 'Hold expired',
  adjustment: 'Manual adjustment',
} as const

export type TransferCode = keyof typeof transfer_codes

export function isTransferCode(value: string): value is TransferCode {
  return Object.hasOwn(transfer_codes, value)
}
