/**
 * ISO 8583 codes in the words the message log shows: message types (MTI) and response codes
 * (field 39), as our dialect uses them (docs/iso8583.md). Pure, so it is tested without a
 * browser. A code the table does not know is shown as it is, never guessed at.
 */

/** Message types by their base (the last digit 0): requests, answers, advices. */
const mti_names: Readonly<Record<string, string>> = {
  '0100': 'Authorisation request',
  '0110': 'Authorisation response',
  '0200': 'Financial request',
  '0210': 'Financial response',
  '0400': 'Reversal',
  '0410': 'Reversal response',
  '0420': 'Reversal advice',
  '0430': 'Reversal advice response',
  '0800': 'Network management',
  '0810': 'Network management response',
}

/** "0200" → "Financial request"; a repeat ("0201") is named after its original. */
export function mtiName(mti: string): string | null {
  const base = mti.slice(0, 3) + '0'
  const name = mti_names[base]
  if (name === undefined) return null
  return mti.endsWith('1') ? `${name} (repeat)` : name
}

const network_codes: Readonly<Record<string, string>> = { '001': 'sign-on', '002': 'sign-off', '301': 'echo test' }

/** Field 70 of a network management message: "001" → "sign-on". */
export function networkCodeName(code: string | undefined): string | null {
  return code === undefined ? null : (network_codes[code] ?? null)
}

const response_meanings: Readonly<Record<string, string>> = {
  '00': 'Approved',
  '05': 'Do not honour',
  '12': 'Invalid transaction',
  '13': 'Invalid amount',
  '14': 'Invalid card number',
  '30': 'Format error',
  '51': 'Insufficient funds',
  '54': 'Expired card',
  '55': 'Incorrect PIN',
  '57': 'Not permitted',
  '61': 'Over withdrawal limit',
  '75': 'PIN tries exceeded',
  '91': 'Issuer unavailable',
  '94': 'Duplicate',
  '96': 'System malfunction',
}

export function responseMeaning(code: string): string | null {
  return response_meanings[code] ?? null
}

export function isApproved(code: string): boolean {
  return code === '00'
}
