/**
 * Whether a field's value fits its format and length. The encoder checks values before
 * writing them and the decoder checks the bytes it read, with the same rules, so whatever
 * one side accepts the other accepts too.
 */
import { Iso8583FormatError } from './errors'
import type { FieldSpec } from './fields'

type TextFormat = Exclude<FieldSpec['format'], 'b'>

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39
const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)

const charsets: Record<TextFormat, { allows: (code: number) => boolean; what: string }> = {
  n: { allows: isDigit, what: 'a digit' },
  an: { allows: (code) => isDigit(code) || isLetter(code) || code === 0x20, what: 'a letter, digit or space' },
  ans: { allows: (code) => code >= 0x20 && code <= 0x7e, what: 'printable ASCII' },
  z: { allows: (code) => isDigit(code) || code === 0x3d || code === 0x44, what: "a track 2 character (digit, '=' or 'D')" },
}

/** Throws unless every character of text is allowed by the field's text format. */
export function checkText(spec: FieldSpec, text: string): void {
  if (spec.format === 'b') throw new Iso8583FormatError(spec.number, 'the field carries bytes, not text')
  const charset = charsets[spec.format]
  for (let index = 0; index < text.length; index += 1) {
    // The position, never the character: the value may be a PAN or track 2.
    if (!charset.allows(text.charCodeAt(index))) {
      throw new Iso8583FormatError(spec.number, `character ${index + 1} is not ${charset.what}, as format '${spec.format}' requires`)
    }
  }
}

/** Throws unless length (characters, or bytes for 'b') is one the field can carry. */
export function checkLength(spec: FieldSpec, length: number): void {
  const unit = spec.format === 'b' ? 'bytes' : 'characters'
  if (spec.length === 'fixed') {
    if (length !== spec.max_length) {
      throw new Iso8583FormatError(spec.number, `value is ${length} ${unit} long but the field is exactly ${spec.max_length}`)
    }
  } else if (length < 1 || length > spec.max_length) {
    throw new Iso8583FormatError(spec.number, `value is ${length} ${unit} long but the field takes 1 to ${spec.max_length}`)
  }
}

/** Digits in the ASCII length prefix of a variable field; 0 for a fixed one. */
export function prefixDigits(spec: FieldSpec): number {
  return spec.length === 'llvar' ? 2 : spec.length === 'lllvar' ? 3 : 0
}
