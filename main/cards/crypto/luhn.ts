import { assertDigits } from './assert'

/**
 * The Luhn (mod 10) check digit of ISO/IEC 7812, which ends every PAN. It catches any single
 * mistyped digit and most swaps of neighbours, so a keyed-in card number is checked before
 * anything is looked up.
 */

/** Longer than any PAN (19) so other numbering schemes can use it, but still bounded. */
const luhn_digits_max = 64

/** The check digit to append to `digits` (the number without its check digit). */
export function luhnCheckDigit(digits: string): string {
  assertDigits(digits, 'The digits before a Luhn check digit', 1, luhn_digits_max)
  let sum = 0
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 0) {
      const doubled = digit * 2
      sum += doubled > 9 ? doubled - 9 : doubled
    } else {
      sum += digit
    }
  }
  return String((10 - (sum % 10)) % 10)
}

/**
 * Whether `pan` ends in the right Luhn check digit. Judging input is this function's job, so
 * anything that is not 2 to 65 digits is simply not valid rather than an error.
 */
export function isLuhnValid(pan: string): boolean {
  if (pan.length < 2 || pan.length > luhn_digits_max + 1 || !/^[0-9]+$/.test(pan)) return false
  return luhnCheckDigit(pan.slice(0, -1)) === pan.slice(-1)
}
