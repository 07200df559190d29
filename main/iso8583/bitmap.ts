/**
 * Binary bitmaps: bit 1 is the most significant bit of the first byte. The primary bitmap
 * covers fields 1-64; bit 1 set means a secondary bitmap for fields 65-128 follows. A
 * secondary bitmap of all zeros is legal (some peers always send one); we only emit one
 * when a field above 64 is present.
 */
import { Iso8583FormatError } from './errors'

const bitmap_bytes = 8

function isSet(bytes: Buffer, offset: number, bit: number): boolean {
  const byte = bytes[offset + Math.floor((bit - 1) / 8)] ?? 0
  return (byte & (0x80 >> (bit - 1) % 8)) !== 0
}

/** The bitmap(s) for data fields (each 2-128, not 65): bit 1 only when one is above 64. */
export function writeBitmap(fields: readonly number[]): Buffer {
  const secondary = fields.some((field) => field > 64)
  const bytes = Buffer.alloc(secondary ? 2 * bitmap_bytes : bitmap_bytes)
  const bits = secondary ? [1, ...fields] : fields
  for (const bit of bits) {
    if (!Number.isInteger(bit) || bit < 1 || bit > bytes.length * 8) throw new RangeError(`no bitmap bit ${bit}`)
    const index = Math.floor((bit - 1) / 8)
    bytes[index] = (bytes[index] ?? 0) | (0x80 >> (bit - 1) % 8)
  }
  return bytes
}

/**
 * Reads the bitmap(s) at offset. Returns the fields they mark, ascending, without bit 1
 * (the secondary indicator), and the offset just after the last bitmap byte.
 */
export function readBitmap(bytes: Buffer, offset: number): { fields: number[]; end: number } {
  if (bytes.length < offset + bitmap_bytes) throw new Iso8583FormatError(null, 'message ends inside the primary bitmap')
  const secondary = isSet(bytes, offset, 1)
  if (secondary && bytes.length < offset + 2 * bitmap_bytes) {
    throw new Iso8583FormatError(null, 'message ends inside the secondary bitmap')
  }
  const bits = secondary ? 128 : 64
  const fields: number[] = []
  for (let bit = 2; bit <= bits; bit += 1) if (isSet(bytes, offset, bit)) fields.push(bit)
  return { fields, end: offset + (secondary ? 2 : 1) * bitmap_bytes }
}
