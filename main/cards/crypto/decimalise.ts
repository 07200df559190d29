/**
 * Decimalisation as the Visa CVV and PVV methods define it: read the cipher block as 16 hex
 * digits; take its decimal digits left to right, then, if more are needed, its letters A-F left
 * to right, each less 10. A block always has 16 nibbles, so up to 16 digits can be had.
 */
const nibbles_per_block = 16

export function decimalise(block8: Buffer, count: number): string {
  if (block8.length !== 8) throw new RangeError(`Decimalisation takes an 8-byte block (got ${block8.length}).`)
  if (!Number.isInteger(count) || count < 1 || count > nibbles_per_block) {
    throw new RangeError(`Decimalisation yields 1 to ${nibbles_per_block} digits (asked for ${count}).`)
  }
  const hex = block8.toString('hex').toUpperCase()
  let digits = ''
  let letters = ''
  for (const nibble of hex) {
    if (nibble <= '9') digits += nibble
    else letters += String(nibble.charCodeAt(0) - 'A'.charCodeAt(0))
  }
  return (digits + letters).slice(0, count)
}
