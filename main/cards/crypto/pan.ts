import { maskPan as maskWirePan } from '../../iso8583/mask'
import { assertDigits } from './assert'
import { luhnCheckDigit } from './luhn'

/**
 * Primary account numbers (ISO/IEC 7812): the issuer's BIN, the account digits and a Luhn
 * check digit. Centavo issues 12 to 19 digit PANs; 12 is also the shortest PAN for which the
 * PVV and PIN block methods have their 11 or 12 digits left of the check digit.
 */
export const pan_length_min = 12
export const pan_length_max = 19
const bin_length_min = 6
const bin_length_max = 8

export function assertPan(pan: string): void {
  assertDigits(pan, 'A PAN', pan_length_min, pan_length_max)
}

/**
 * The PAN for an account: BIN, then the account digits left-padded with zeros to fill, then
 * the Luhn digit. Leading zeros of `account_digits` may be cut to fit, but never a significant
 * digit: cutting those would give two accounts the same card number, so that is a RangeError.
 */
export function makePan(bin: string, account_digits: string, length = 16): string {
  assertDigits(bin, 'A BIN', bin_length_min, bin_length_max)
  if (!Number.isInteger(length) || length < pan_length_min || length > pan_length_max) {
    throw new RangeError(`A PAN is ${pan_length_min} to ${pan_length_max} digits long (asked for ${length}).`)
  }
  assertDigits(account_digits, 'The account digits', 1, pan_length_max)
  const room = length - bin.length - 1
  const significant = account_digits.replace(/^0+/, '')
  if (significant.length > room) {
    throw new RangeError(
      `The account number has ${significant.length} significant digits, but a ${length}-digit PAN ` +
        `with a ${bin.length}-digit BIN has room for ${room}.`,
    )
  }
  const body = bin + significant.padStart(room, '0')
  return body + luhnCheckDigit(body)
}

/**
 * The PAN as screens and logs may show it: the first six digits (the BIN) and the last four,
 * the rest starred, as PCI DSS allows at most.
 */
export function maskPan(pan: string): string {
  assertPan(pan)
  return maskWirePan(pan)
}
