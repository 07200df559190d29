/**
 * The PIN pad: digits typed on the keypad, shown only as dots, turned into an ISO 9564
 * format 0 block encrypted under the terminal's PIN key the moment Enter is pressed, and
 * then wiped. The clear PIN never leaves this object and is never logged.
 */
import { encryptPinBlock, pinBlockFormat0 } from '../../main/cards/crypto/pin-block'

export const pin_length_min = 4
export const pin_length_max = 12

export class PinEntry {
  private digits = ''

  /** False when the PIN is already as long as a PIN can be. */
  type(digit: string): boolean {
    if (!/^[0-9]$/.test(digit)) throw new RangeError('PinEntry.type: one digit at a time')
    if (this.digits.length >= pin_length_max) return false
    this.digits += digit
    return true
  }

  clear(): void {
    this.digits = ''
  }

  get length(): number {
    return this.digits.length
  }

  get complete(): boolean {
    return this.digits.length >= pin_length_min
  }

  /** What the screen shows: one dot per digit. */
  get dots(): string {
    return '●'.repeat(this.digits.length)
  }

  /** The encrypted PIN block for this card; the digits are wiped whatever happens. */
  seal(pan: string, pin_key: Buffer): Buffer {
    if (!this.complete) throw new Error(`PinEntry.seal: a PIN has at least ${pin_length_min} digits`)
    try {
      return encryptPinBlock(pinBlockFormat0(this.digits, pan), pin_key)
    } finally {
      this.digits = ''
    }
  }
}
