/**
 * What a terminal tells the cardholder for each response code (field 39) of our dialect
 * (docs/iso8583.md section 8). The terminal keeps its own table, in its own words, because
 * it may be pointed at another bank's host and must not import ours.
 */
export const response_meanings: Readonly<Record<string, string>> = {
  '00': 'Approved',
  '03': 'This shop is not accepted on this terminal',
  '05': 'Declined by your bank',
  '12': 'This transaction is not allowed',
  '13': 'Invalid amount',
  '14': 'This card is not recognised',
  '30': 'The bank could not read the request',
  '51': 'Insufficient funds',
  '54': 'Your card has expired',
  '55': 'Incorrect PIN',
  '57': 'Not permitted for this card',
  '61': 'Over your daily withdrawal limit',
  '75': 'Too many incorrect PINs: the card is blocked',
  '91': 'Your bank is not available',
  '94': 'Duplicate transmission',
  '96': 'System malfunction',
}

export function responseMeaning(code: string): string {
  return response_meanings[code] ?? `Declined (response code ${code})`
}

export const approved = '00'
export const incorrect_pin = '55'
export const pin_tries_exceeded = '75'
