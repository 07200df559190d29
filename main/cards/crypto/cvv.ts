import { assertByteLength, assertDigits } from './assert'
import { decimalise } from './decimalise'
import { desDecryptBlock, desEncryptBlock } from './des'
import { assertPan } from './pan'
import { xorBlocks } from './xor'

/**
 * The card verification value of the Visa CVV method, which Mastercard uses as its CVC. One
 * method gives all three values a magstripe card carries; only the service code differs:
 * the card's own code (e.g. 101 or 201) for CVV1 on the stripe, 000 for the CVV2 printed on
 * the back, 999 for the iCVV in the chip's track 2 image. So the service code is taken as
 * given and the caller says which value it wants.
 */
export type CardVerificationInput = {
  pan: string
  /** Expiry as encoded on the track, YYMM. Taken as four digits; the method does not read it as a date. */
  expiry_yymm: string
  service_code: string
  /** 16 bytes: CVK A (first 8) then CVK B (last 8). */
  cvk: Buffer
}

const cvv_digits = 3

export function cardVerificationValue(input: CardVerificationInput): string {
  assertPan(input.pan)
  assertDigits(input.expiry_yymm, 'The expiry (YYMM)', 4, 4)
  assertDigits(input.service_code, 'The service code', 3, 3)
  assertByteLength(input.cvk, 'The CVK pair', [16])
  const cvk_a = input.cvk.subarray(0, 8)
  const cvk_b = input.cvk.subarray(8, 16)

  // PAN, expiry and service code, right-padded with zeros to 32 digits: two 8-byte blocks.
  const data = (input.pan + input.expiry_yymm + input.service_code).padEnd(32, '0')
  const block_1 = Buffer.from(data.slice(0, 16), 'hex')
  const block_2 = Buffer.from(data.slice(16, 32), 'hex')

  const chained = xorBlocks(desEncryptBlock(cvk_a, block_1), block_2)
  // Encrypt under A, decrypt under B, encrypt under A: two-key triple DES, written as the
  // method states it.
  const result = desEncryptBlock(cvk_a, desDecryptBlock(cvk_b, desEncryptBlock(cvk_a, chained)))
  return decimalise(result, cvv_digits)
}
