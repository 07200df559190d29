import { assertByteLength } from './assert'

/** XOR of two blocks of the same length, as PIN blocks and the CVV method combine them. */
export function xorBlocks(a: Buffer, b: Buffer): Buffer {
  assertByteLength(b, 'The second block of an XOR', [a.length])
  const out = Buffer.alloc(a.length)
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0)
  return out
}
