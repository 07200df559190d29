import fc from 'fast-check'

/** Strings of decimal digits, for PINs, PANs and account numbers in property tests. */
export function digitString(length_min: number, length_max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length_min, maxLength: length_max })
}

export function bytes(length: number): fc.Arbitrary<Buffer> {
  return fc.uint8Array({ minLength: length, maxLength: length }).map((array) => Buffer.from(array))
}

export const hex = (text: string): Buffer => Buffer.from(text.replace(/\s/g, ''), 'hex')
