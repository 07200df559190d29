/**
 * What a terminal can ask the host for, and its processing code (field 3) as
 * docs/iso8583.md section 6 writes it: the transaction type, then from- and to-account
 * types of '00' (none specified; the card reaches its cash-access account, and a transfer
 * goes to the customer's value account).
 */
export const transaction_kinds = ['withdrawal', 'purchase', 'balance', 'transfer_to_value'] as const
export type TransactionKind = (typeof transaction_kinds)[number]

export const processing_codes: Readonly<Record<TransactionKind, string>> = {
  withdrawal: '010000',
  purchase: '000000',
  balance: '310000',
  transfer_to_value: '400000',
}

/** How receipts, screens and the journal name each kind. */
export const transaction_labels: Readonly<Record<TransactionKind, string>> = {
  withdrawal: 'Cash withdrawal',
  purchase: 'Purchase',
  balance: 'Balance inquiry',
  transfer_to_value: 'Transfer to value account',
}
