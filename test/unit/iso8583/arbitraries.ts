/**
 * fast-check generators for valid messages of our dialect, built from the field table so
 * that every field and format is exercised. The charsets are written out here rather than
 * taken from main/, so a wrong rule in main/ shows up as a failing property.
 */
import fc from 'fast-check'
import type { FieldValue, IsoMessage } from '../../../main/iso8583/codec'
import { field_specs, type FieldSpec } from '../../../main/iso8583/fields'

type TextFormat = Exclude<FieldSpec['format'], 'b'>

const digits = '0123456789'
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join('')

export const charsets: Record<TextFormat, string> = {
  n: digits,
  an: `${letters}${digits} `,
  ans: printable,
  z: `${digits}=D`,
}

export function textArb(chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars.split('')), minLength, maxLength })
}

export function valueArb(spec: FieldSpec, chars: Partial<Record<TextFormat, string>> = {}): fc.Arbitrary<FieldValue> {
  const minLength = spec.length === 'fixed' ? spec.max_length : 1
  if (spec.format === 'b') return fc.uint8Array({ minLength, maxLength: spec.max_length }).map((bytes) => Buffer.from(bytes))
  return textArb(chars[spec.format] ?? charsets[spec.format], minLength, spec.max_length)
}

export const mti_arb: fc.Arbitrary<string> = textArb(digits, 3, 3).map((rest) => `0${rest}`)

/** A valid message: the given MTIs (any 1987 MTI by default) and a random subset of the given fields with valid values. */
export function messageArb(options: {
  mtis?: readonly string[]
  fields?: readonly number[]
  chars?: Partial<Record<TextFormat, string>>
} = {}): fc.Arbitrary<IsoMessage> {
  const numbers = options.fields ?? [...field_specs.keys()]
  const values: Record<string, fc.Arbitrary<FieldValue>> = {}
  for (const number of numbers) {
    const spec = field_specs.get(number)
    if (spec === undefined) throw new Error(`no field ${number} in the table`)
    values[String(number)] = valueArb(spec, options.chars)
  }
  const mti = options.mtis === undefined ? mti_arb : fc.constantFrom(...options.mtis)
  return fc.tuple(mti, fc.record(values, { requiredKeys: [] })).map(([mti, record]) => {
    const fields = new Map<number, FieldValue>()
    for (const [field, value] of Object.entries(record)) if (value !== undefined) fields.set(Number(field), value)
    return { mti, fields }
  })
}
