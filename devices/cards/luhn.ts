/**
 * The Luhn (mod 10) check that every payment card number carries in its last digit.
 * Readers, the card wallet and transcript masking all use it, so it lives once here.
 */

/** True when `digits` is all decimal digits and its Luhn sum is a multiple of ten. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  return luhnSum(digits, false) % 10 === 0
}

/** The check digit to append to `payload` so that the whole number passes `luhnValid`. */
export function luhnCheckDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new Error(`luhnCheckDigit: payload must be digits, got ${payload.length} characters`)
  // The check digit will sit to the right of the payload, so the payload's last digit is doubled.
  return String((10 - (luhnSum(payload, true) % 10)) % 10)
}

function luhnSum(digits: string, double_rightmost: boolean): number {
  let sum = 0
  let double = double_rightmost
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48
    if (double) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    double = !double
  }
  return sum
}
