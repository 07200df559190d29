/**
 * Hiding a card number. Two needs, two functions: a person reading a list needs to tell
 * cards apart (`panForDisplay`), and a transcript needs a stand-in that still decodes
 * like a card (`substitutePan`). Neither output lets anyone recover the real number.
 */
import { luhnValid } from './luhn'

/** `•••• 1111`: the last four digits only, as receipts and card lists show them. */
export function panForDisplay(pan: string): string {
  return `•••• ${pan.slice(-4)}`
}

/**
 * A Luhn-valid number of the same length that keeps only the last four digits:
 * `9`, zeros, one adjusting digit, then the original last four. The leading 9 marks it
 * as a stand-in (no issuer uses it for bank cards). Keeping the length and the check
 * digit valid means a masked transcript still parses as a good swipe; keeping the last
 * four lets a technician tell which of their test cards a recording came from.
 * Applying it twice gives the same number, so masking a masked transcript changes nothing.
 */
export function substitutePan(pan: string): string {
  if (!/^\d{12,19}$/.test(pan)) throw new Error(`substitutePan: expected 12 to 19 digits, got ${pan.length} characters`)
  const last_four = pan.slice(-4)
  const lead = '9' + '0'.repeat(pan.length - 6)
  // The adjusting digit sits fifth from the right, an undoubled Luhn position, so exactly
  // one of 0..9 makes the sum a multiple of ten.
  for (let digit = 0; digit <= 9; digit += 1) {
    const candidate = `${lead}${digit}${last_four}`
    if (luhnValid(candidate)) return candidate
  }
  throw new Error('substitutePan: no adjusting digit found, which Luhn arithmetic rules out')
}
