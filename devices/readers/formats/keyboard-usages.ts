/**
 * HID keyboard usage codes (USB HID Usage Tables, page 0x07) for the characters a
 * magnetic stripe can hold, as a US-layout reader sends them. Readers emit usages, not
 * characters: decoding usages directly makes the result independent of the keyboard
 * layout the operating system applies, which garbles the same keys on a French or
 * German desk.
 */

export const usage_enter = 0x28
/** Keyboards fill every key slot with 0x01 when too many keys are down at once. */
export const usage_error_rollover = 0x01
export const modifier_left_shift = 0x02
export const modifier_right_shift = 0x20

/** [unshifted, shifted] for each usage the readers use. */
const symbols: ReadonlyArray<readonly [number, string, string]> = [
  [0x1e, '1', '!'],
  [0x1f, '2', '@'],
  [0x20, '3', '#'],
  [0x21, '4', '$'],
  [0x22, '5', '%'],
  [0x23, '6', '^'],
  [0x24, '7', '&'],
  [0x25, '8', '*'],
  [0x26, '9', '('],
  [0x27, '0', ')'],
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
]

const unshifted = new Map<number, string>()
const shifted = new Map<number, string>()
const keys = new Map<string, { usage: number; shift: boolean }>()

for (let index = 0; index < 26; index += 1) {
  const usage = 0x04 + index
  const letter = String.fromCharCode(0x41 + index)
  // Stripes hold no lower case. A reader may flip Shift to make up for the host's Caps
  // Lock, so a letter is upper case whichever way Shift is.
  unshifted.set(usage, letter)
  shifted.set(usage, letter)
  keys.set(letter, { usage, shift: true })
}
for (const [usage, plain, with_shift] of symbols) {
  unshifted.set(usage, plain)
  shifted.set(usage, with_shift)
  if (!keys.has(plain)) keys.set(plain, { usage, shift: false })
  if (!keys.has(with_shift)) keys.set(with_shift, { usage, shift: true })
}

/** The character a usage types, or null for a usage no reader sends. */
export function usageCharacter(usage: number, shift: boolean): string | null {
  return (shift ? shifted : unshifted).get(usage) ?? null
}

/** The key a reader presses for a character, or null if it cannot type it. */
export function characterKey(character: string): { usage: number; shift: boolean } | null {
  return keys.get(character) ?? null
}

export function isShift(modifier: number): boolean {
  return (modifier & (modifier_left_shift | modifier_right_shift)) !== 0
}
