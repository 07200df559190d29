import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, fieldBytes, fieldString, type IsoMessage } from '../../../main/iso8583/codec'
import { frame } from '../../../main/iso8583/framing'
import {
  balance_0100,
  balance_0110,
  pin_block,
  reversal_0400,
  sign_on_0800,
  sign_on_0810,
  with_macs,
  withdrawal_0200,
  withdrawal_0210,
} from './messages'

/** The worked example in docs/iso8583.md: the withdrawal request, framed. */
const withdrawal_0200_framed_hex =
  '00a5' +
  '30323030' +
  '723c048028c09000' +
  '3136' + '34373631373339303031303130313139' +
  '303130303030' +
  '303030303030303032303030' +
  '30333135313433303035' +
  '303030313233' +
  '303933303035' +
  '30333135' +
  '32383132' +
  '303231' +
  '3032' +
  '3334' + '343736313733393030313031303131393d3238313231303131323334353637383930' +
  '353037343134303030313233' +
  '41544d3030303432' +
  '43454e5441564f42414e4b30303031' +
  '383430' +
  '7434f67813bae545'

function roundTrip(message: IsoMessage): IsoMessage {
  return decodeMessage(encodeMessage(message))
}

describe('ISO 8583 codec: representative messages', () => {
  it.each([
    ['0100 balance inquiry', balance_0100],
    ['0110 balance answer', balance_0110],
    ['0200 withdrawal', withdrawal_0200],
    ['0210 withdrawal answer', withdrawal_0210],
    ['0400 partial-dispense reversal with 90 and 95', reversal_0400],
    ['0800 sign-on', sign_on_0800],
    ['0810 sign-on answer', sign_on_0810],
    ['0200 with MACs in 64 and 128', with_macs],
  ])('%s decodes to exactly what was encoded', (_name, message) => {
    // Proves the round trip keeps the MTI, every field, and bytes fields as Buffers.
    expect(roundTrip(message)).toEqual(message)
  })

  it('encodes the withdrawal byte for byte as docs/iso8583.md shows it', () => {
    // Proves the documented example is what the codec really sends, so the document cannot drift.
    expect(frame(encodeMessage(withdrawal_0200)).toString('hex')).toBe(withdrawal_0200_framed_hex)
  })

  it('sends only a primary bitmap when no field is above 64', () => {
    // Proves bit 1 is clear and the first field follows the 8-byte bitmap directly.
    const bytes = encodeMessage(withdrawal_0200)
    expect(bytes.subarray(4, 12).toString('hex')).toBe('723c048028c09000')
    expect(bytes.subarray(12, 14).toString('latin1')).toBe('16')
  })

  it('sends a secondary bitmap, and sets bit 1, when a field above 64 is present', () => {
    // Proves the 0800 layout: bits 1, 7 and 11 in the primary, bit 70 in the secondary.
    const bytes = encodeMessage(sign_on_0800)
    expect(bytes.subarray(4, 20).toString('hex')).toBe('82200000000000000400000000000000')
    expect(bytes.subarray(20).toString('latin1')).toBe('0315140000000001001')
  })

  it('decodes a message whose secondary bitmap is all zeros', () => {
    // Proves the legal all-zero secondary bitmap (sent by peers that always send one) decodes to the same fields.
    const bytes = encodeMessage(withdrawal_0200)
    const primary = Buffer.from(bytes.subarray(4, 12))
    primary[0] = (primary[0] ?? 0) | 0x80
    const with_empty_secondary = Buffer.concat([bytes.subarray(0, 4), primary, Buffer.alloc(8), bytes.subarray(12)])
    expect(decodeMessage(with_empty_secondary)).toEqual(withdrawal_0200)
  })

  it('writes variable fields with ASCII length prefixes of 2 or 3 digits', () => {
    // Proves LLVAR (field 2) and LLLVAR (field 54) prefixes count characters and are zero-padded.
    expect(encodeMessage(withdrawal_0200).toString('latin1')).toContain('164761739001010119')
    expect(encodeMessage(withdrawal_0210).toString('latin1')).toContain('0402001840C000000048000')
  })

  it('decodes a message with no fields at all', () => {
    // Proves an empty primary bitmap is a complete message, and that it encodes back the same.
    const bytes = Buffer.concat([Buffer.from('0800', 'latin1'), Buffer.alloc(8)])
    const message = decodeMessage(bytes)
    expect(message).toEqual({ mti: '0800', fields: new Map() })
    expect(encodeMessage(message)).toEqual(bytes)
  })

  it('does not share memory between the input bytes and decoded bytes fields', () => {
    // Proves a decoded PIN block survives the receive buffer being reused.
    const bytes = encodeMessage(withdrawal_0200)
    const message = decodeMessage(bytes)
    bytes.fill(0)
    expect(message.fields.get(52)).toEqual(pin_block)
  })

  it('gives typed access through fieldString and fieldBytes', () => {
    // Proves the helpers return the value, undefined when absent, and refuse the wrong type with a format error.
    const message = decodeMessage(encodeMessage(withdrawal_0200))
    expect(fieldString(message, 3)).toBe('010000')
    expect(fieldString(message, 39)).toBeUndefined()
    expect(fieldBytes(message, 52)).toEqual(pin_block)
    expect(fieldBytes(message, 64)).toBeUndefined()
    expect(() => fieldString(message, 52)).toThrow(expect.objectContaining({ id: 'iso8583_format', field: 52 }))
    expect(() => fieldBytes(message, 2)).toThrow(expect.objectContaining({ id: 'iso8583_format', field: 2 }))
  })
})
