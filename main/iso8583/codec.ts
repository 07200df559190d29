/**
 * Encodes and decodes one ISO 8583:1987 message of our dialect (see docs/iso8583.md): the
 * MTI as 4 ASCII digits, binary bitmap(s), then the fields in ascending order, each
 * written as the field table says. Framing (the 2-byte length header) is framing.ts.
 *
 * Both directions are strict. Anything outside the dialect (short, long, unknown field,
 * a value that does not fit) is an Iso8583FormatError and nothing else; the decoder reads
 * each byte at most once, so it cannot hang, and it never guesses or pads.
 */
import { readBitmap, writeBitmap } from './bitmap'
import { Iso8583FormatError } from './errors'
import { field_specs, type FieldSpec } from './fields'
import { checkLength, checkText, prefixDigits } from './values'

/** 'b' fields are a Buffer; every other field is a string. */
export type FieldValue = string | Buffer

export interface IsoMessage {
  mti: string
  fields: Map<number, FieldValue>
}

const mti_length = 4

/** The dialect is ISO 8583:1987, so the version digit is 0; other versions define fields differently. */
function checkMti(mti: string): void {
  if (!/^0[0-9]{3}$/.test(mti)) {
    throw new Iso8583FormatError(null, "MTI must be 4 ASCII digits starting with '0' (ISO 8583:1987)")
  }
}

function specOf(field: number): FieldSpec {
  if (field === 1) throw new Iso8583FormatError(1, 'field 1 is the secondary bitmap indicator, which the encoder sets itself')
  const spec = field_specs.get(field)
  if (spec === undefined) throw new Iso8583FormatError(Number.isInteger(field) ? field : null, 'the field is not in our dialect')
  return spec
}

function encodeField(spec: FieldSpec, value: FieldValue): Buffer {
  let data: Buffer
  if (spec.format === 'b') {
    if (!Buffer.isBuffer(value)) throw new Iso8583FormatError(spec.number, 'the field carries bytes, so its value must be a Buffer')
    data = value
  } else {
    if (typeof value !== 'string') throw new Iso8583FormatError(spec.number, 'the field carries text, so its value must be a string')
    // Checked before converting, so latin1 below only ever sees ASCII and maps it 1:1.
    checkText(spec, value)
    data = Buffer.from(value, 'latin1')
  }
  checkLength(spec, data.length)
  const digits = prefixDigits(spec)
  if (digits === 0) return data
  return Buffer.concat([Buffer.from(String(data.length).padStart(digits, '0'), 'latin1'), data])
}

/** The message's bytes without the framing header. Throws Iso8583FormatError for anything the dialect cannot carry. */
export function encodeMessage(message: IsoMessage): Buffer {
  checkMti(message.mti)
  const numbers = [...message.fields.keys()].sort((a, b) => a - b)
  const encoded = numbers.map((number) => {
    const value = message.fields.get(number)
    if (value === undefined) throw new Iso8583FormatError(number, 'the field is present but has no value')
    return encodeField(specOf(number), value)
  })
  return Buffer.concat([Buffer.from(message.mti, 'latin1'), writeBitmap(numbers), ...encoded])
}

function readField(spec: FieldSpec, bytes: Buffer, offset: number): { value: FieldValue; end: number } {
  let length = spec.max_length
  let start = offset
  const digits = prefixDigits(spec)
  if (digits > 0) {
    if (bytes.length < offset + digits) throw new Iso8583FormatError(spec.number, 'message ends inside the length prefix')
    const prefix = bytes.subarray(offset, offset + digits)
    if (!prefix.every((code) => code >= 0x30 && code <= 0x39)) {
      throw new Iso8583FormatError(spec.number, `length prefix (hex ${prefix.toString('hex')}) is not ${digits} ASCII digits`)
    }
    length = Number(prefix.toString('latin1'))
    checkLength(spec, length)
    start = offset + digits
  }
  const end = start + length
  if (bytes.length < end) {
    throw new Iso8583FormatError(spec.number, `message ends inside the value: ${length} bytes needed, ${bytes.length - start} left`)
  }
  // A copy, so the decoded message neither pins nor shares the receive buffer.
  if (spec.format === 'b') return { value: Buffer.from(bytes.subarray(start, end)), end }
  const text = bytes.toString('latin1', start, end)
  checkText(spec, text)
  return { value: text, end }
}

/** Decodes exactly one message (no framing header). Throws Iso8583FormatError for anything outside the dialect. */
export function decodeMessage(bytes: Buffer): IsoMessage {
  if (bytes.length < mti_length) throw new Iso8583FormatError(null, 'message ends inside the MTI')
  const mti = bytes.toString('latin1', 0, mti_length)
  checkMti(mti)
  const bitmap = readBitmap(bytes, mti_length)
  let offset = bitmap.end
  const fields = new Map<number, FieldValue>()
  for (const number of bitmap.fields) {
    const spec = field_specs.get(number)
    if (spec === undefined) throw new Iso8583FormatError(number, 'the bitmap marks a field that is not in our dialect')
    const field = readField(spec, bytes, offset)
    fields.set(number, field.value)
    offset = field.end
  }
  if (offset !== bytes.length) throw new Iso8583FormatError(null, `${bytes.length - offset} bytes are left over after the last field`)
  return { mti, fields }
}

/** A text field's value, or undefined when absent. Throws if the field holds bytes. */
export function fieldString(message: IsoMessage, field: number): string | undefined {
  const value = message.fields.get(field)
  if (value === undefined || typeof value === 'string') return value
  throw new Iso8583FormatError(field, 'expected text but the field holds bytes')
}

/** A bytes field's value, or undefined when absent. Throws if the field holds text. */
export function fieldBytes(message: IsoMessage, field: number): Buffer | undefined {
  const value = message.fields.get(field)
  if (value === undefined || Buffer.isBuffer(value)) return value
  throw new Iso8583FormatError(field, 'expected bytes but the field holds text')
}
