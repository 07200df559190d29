/** The ISO 8583 response codes (field 39) this host answers with, and what they mean. */
export const response_codes = {
  '00': 'Approved',
  // A shared POS named a merchant (field 42) it does not take payments for, or that merchant is suspended.
  '03': 'Invalid merchant',
  '05': 'Do not honour',
  '12': 'Invalid transaction',
  '13': 'Invalid amount',
  '14': 'Invalid card number',
  '30': 'Format error',
  '51': 'Insufficient funds',
  '54': 'Expired card',
  '55': 'Incorrect PIN',
  '57': 'Transaction not permitted to cardholder',
  '61': 'Exceeds withdrawal amount limit',
  '75': 'Allowable number of PIN tries exceeded',
  '91': 'Issuer or switch inoperative',
  '94': 'Duplicate transmission',
  '96': 'System malfunction',
} as const

export type ResponseCode = keyof typeof response_codes
