import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, type IsoMessage } from '../../../main/iso8583/codec'
import { Iso8583FormatError } from '../../../main/iso8583/errors'
import { field_specs } from '../../../main/iso8583/fields'
import { messageArb, mti_arb } from './arbitraries'

const runs = 300

/**
 * Decodes bytes that may be anything. Passes if the decoder throws an Iso8583FormatError,
 * or if it returns a message the encoder accepts and that decodes back to itself; any
 * other exception fails the property.
 */
function decodesCleanlyOrRefuses(bytes: Buffer): void {
  let decoded: IsoMessage
  try {
    decoded = decodeMessage(bytes)
  } catch (error) {
    if (error instanceof Iso8583FormatError) return
    throw error
  }
  expect(decodeMessage(encodeMessage(decoded))).toEqual(decoded)
}

describe('ISO 8583 codec properties', () => {
  it('round-trips any valid message exactly', () => {
    // Proves every field of the table, with any valid value, survives encode then decode unchanged.
    fc.assert(
      fc.property(messageArb(), (message) => {
        expect(decodeMessage(encodeMessage(message))).toEqual(message)
      }),
      { numRuns: runs },
    )
  })

  it('encodes any decoded message back to the same bytes', () => {
    // Proves there is one encoding per message (fields ascending, secondary bitmap only when needed).
    fc.assert(
      fc.property(messageArb(), (message) => {
        const bytes = encodeMessage(message)
        expect(encodeMessage(decodeMessage(bytes))).toEqual(bytes)
      }),
      { numRuns: runs },
    )
  })

  it('refuses every truncation of a valid message', () => {
    // Proves no strict prefix of a message is itself a message: a cut anywhere is a format error.
    fc.assert(
      fc.property(messageArb(), fc.nat(), (message, cut) => {
        const bytes = encodeMessage(message)
        expect(() => decodeMessage(bytes.subarray(0, cut % bytes.length))).toThrow(Iso8583FormatError)
      }),
      { numRuns: runs },
    )
  })

  it('refuses a valid message with bytes appended', () => {
    // Proves bytes after the last field are never ignored.
    fc.assert(
      fc.property(messageArb(), fc.uint8Array({ minLength: 1, maxLength: 64 }), (message, extra) => {
        const bytes = Buffer.concat([encodeMessage(message), extra])
        expect(() => decodeMessage(bytes)).toThrow(Iso8583FormatError)
      }),
      { numRuns: runs },
    )
  })

  it('throws nothing but Iso8583FormatError for a single-byte mutation of a valid message', () => {
    // Proves a corrupted byte anywhere (MTI, bitmap, prefix, value) is refused or decodes consistently, never crashes.
    fc.assert(
      fc.property(messageArb(), fc.nat(), fc.integer({ min: 0, max: 255 }), (message, at, byte) => {
        const bytes = Buffer.from(encodeMessage(message))
        bytes[at % bytes.length] = byte
        decodesCleanlyOrRefuses(bytes)
      }),
      { numRuns: 2 * runs },
    )
  })

  it('throws nothing but Iso8583FormatError for random bytes', () => {
    // Proves arbitrary input (bounded to 600 bytes) cannot crash or hang the decoder.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => decodesCleanlyOrRefuses(Buffer.from(bytes))),
      { numRuns: runs },
    )
  })

  it('throws nothing but Iso8583FormatError for a valid MTI and bitmap followed by random bytes', () => {
    // Proves the field readers themselves, reached past the MTI and bitmap checks, fail only with format errors.
    const known = [...field_specs.keys()]
    const bitmap = fc.subarray(known).map((fields) => {
      const bytes = Buffer.alloc(16)
      for (const bit of fields.some((field) => field > 64) ? [1, ...fields] : fields) {
        const index = Math.floor((bit - 1) / 8)
        bytes[index] = (bytes[index] ?? 0) | (0x80 >> (bit - 1) % 8)
      }
      return (bytes[0] ?? 0) & 0x80 ? bytes : bytes.subarray(0, 8)
    })
    const body = fc.uint8Array({ maxLength: 600 }).chain((random) =>
      fc.constantFrom(Buffer.from(random), Buffer.from(Buffer.from(random).toString('latin1').replace(/[^0-9]/g, '7'), 'latin1')),
    )
    fc.assert(
      fc.property(mti_arb, bitmap, body, (mti, map, rest) =>
        decodesCleanlyOrRefuses(Buffer.concat([Buffer.from(mti, 'latin1'), map, rest])),
      ),
      { numRuns: runs },
    )
  })
})
