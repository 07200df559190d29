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
} as const

export type TransferCode = keyof typeof transfer_codes

export function isTransferCode(value: string): value is TransferCode {
  return Object.hasOwn(transfer_codes, value)
}
