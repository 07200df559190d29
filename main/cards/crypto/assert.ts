/**
 * Argument checks shared by the card cryptography. A wrong length or a stray character here
 * is a programmer error (the caller should have validated its input first), so it throws a
 * RangeError. The sentence names the argument and the rule but never echoes the value: the
 * value may be a PIN, a PAN or a key.
 */
export function assertDigits(value: string, name: string, length_min: number, length_max: number): void {
  if (value.length >= length_min && value.length <= length_max && /^[0-9]+$/.test(value)) return
  const span = length_min === length_max ? `${length_min}` : `${length_min} to ${length_max}`
  throw new RangeError(`${name} must be ${span} decimal digits (got ${value.length} characters).`)
}

export function assertByteLength(value: Buffer, name: string, lengths: readonly number[]): void {
  if (lengths.includes(value.length)) return
  throw new RangeError(`${name} must be ${lengths.join(' or ')} bytes long (got ${value.length}).`)
}
