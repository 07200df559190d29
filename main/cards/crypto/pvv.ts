import { assertByteLength, assertDigits } from './assert'
import { decimalise } from './decimalise'
import { tdesEncryptBlock } from './des'
import { assertPan } from './pan'

/**
 * The PIN verification value of the Visa PVV method: what the issuer keeps (on the stripe or
 * in its records) instead of the PIN, so a PIN can be checked without being stored. It binds
 * the first four PIN digits to the card and to a key: the PVKI (0-6) says which of the
 * issuer's PVKs made it, so keys can be changed without reissuing every card.
 */
export type PinVerificationInput = {
  pan: string
  /** 4 to 12 digits; the method uses the leftmost four. */
  pin: string
  pvki: number
  /** 16 bytes: a double-length triple DES key (PVK A then PVK B). */
  pvk: Buffer
}

const pvki_max = 6
const pvv_digits = 4

export function pinVerificationValue(input: PinVerificationInput): string {
  assertPan(input.pan)
  assertDigits(input.pin, 'A PIN', 4, 12)
  if (!Number.isInteger(input.pvki) || input.pvki < 0 || input.pvki > pvki_max) {
    throw new RangeError(`The PVKI must be a whole number from 0 to ${pvki_max}.`)
  }
  assertByteLength(input.pvk, 'The PVK', [16])

  // The transformed security parameter: the 11 rightmost PAN digits left of the check digit,
  // the PVKI, the 4 leftmost PIN digits; 16 digits read as one 8-byte block.
  const tsp = input.pan.slice(-12, -1) + String(input.pvki) + input.pin.slice(0, 4)
  return decimalise(tdesEncryptBlock(input.pvk, Buffer.from(tsp, 'hex')), pvv_digits)
}
