import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, type FieldValue } from '../../../main/iso8583/codec'
import { Iso8583FormatError } from '../../../main/iso8583/errors'
import { message, pan, sign_on_0800, withdrawal_0200 } from './messages'
import { thrown } from './thrown'

/** MTI, bitmap given in hex, then field bytes given as text: a message built by hand, possibly wrong. */
function raw(mti: string, bitmap_hex: string, ...fields: string[]): Buffer {
  return Buffer.concat([Buffer.from(mti, 'latin1'), Buffer.from(bitmap_hex, 'hex'), Buffer.from(fields.join(''), 'latin1')])
}

/** Bitmap bits 2 (PAN, LLVAR) and 3 (processing code, n6). */
const bits_2_3 = '6000000000000000'

describe('Iso8583FormatError', () => {
  it('names the field or the message, carries a stable id, and is an Error', () => {
    // Proves the shape the host relies on to answer or close a connection.
    const on_field = new Iso8583FormatError(3, 'value is 5 characters long but the field is exactly 6')
    expect(on_field).toBeInstanceOf(Error)
    expect(on_field.id).toBe('iso8583_format')
    expect(on_field.field).toBe(3)
    expect(on_field.message).toBe('field 3: value is 5 characters long but the field is exactly 6')
    expect(new Iso8583FormatError(null, 'frame length is zero').message).toBe('message: frame length is zero')
  })
})

describe('decodeMessage refuses malformed messages', () => {
  it('accepts the hand-built baseline, so each case below fails for its own reason only', () => {
    // Proves raw() builds a valid message when nothing is wrong.
    expect(decodeMessage(raw('0200', bits_2_3, '16', pan, '010000')).fields).toEqual(new Map([[2, pan], [3, '010000']]))
  })

  it.each([
    ['empty input', Buffer.alloc(0), null, 'inside the MTI'],
    ['truncated in the MTI', Buffer.from('020', 'latin1'), null, 'inside the MTI'],
    ['MTI with a letter', raw('02X0', bits_2_3, '16', pan, '010000'), null, 'MTI'],
    ['MTI of another ISO 8583 version', raw('1200', bits_2_3, '16', pan, '010000'), null, 'MTI'],
    ['truncated in the primary bitmap', raw('0200', '600000'), null, 'inside the primary bitmap'],
    ['truncated in the secondary bitmap', raw('0800', '822000000000000004000000'), null, 'inside the secondary bitmap'],
    ['truncated in a length prefix', raw('0200', bits_2_3, '1'), 2, 'inside the length prefix'],
    ['truncated in a variable value', raw('0200', bits_2_3, '16', '4761'), 2, 'inside the value'],
    ['truncated in a fixed value', raw('0200', bits_2_3, '16', pan, '0100'), 3, 'inside the value'],
    ['bytes left over after the last field', raw('0200', bits_2_3, '16', pan, '010000', '9'), null, '1 bytes are left over'],
    ['unknown field in the primary bitmap (5)', raw('0200', '0800000000000000', '000000000000'), 5, 'not in our dialect'],
    ['field 65 (tertiary bitmap) set', raw('0800', '80000000000000008000000000000000'), 65, 'not in our dialect'],
    ['non-digit in an n field', raw('0200', bits_2_3, '16', pan, '01A000'), 3, "character 3 is not a digit"],
    ['non-digit in a LL prefix', raw('0200', bits_2_3, '1X', pan, '010000'), 2, 'length prefix (hex 3158)'],
    ['LL prefix larger than the maximum', raw('0200', bits_2_3, '20', pan, '0000', '010000'), 2, 'takes 1 to 19'],
    ['LL prefix of zero', raw('0200', bits_2_3, '00', '010000'), 2, 'takes 1 to 19'],
    ['non-track-2 character in field 35', raw('0200', '0000000020000000', '17', '4761739001010119F'), 35, 'track 2 character'],
    ['punctuation in an an field (39)', raw('0210', '0000000002000000', '0-'), 39, 'letter, digit or space'],
    ['control byte in an ans field (41)', raw('0200', '0000000000800000', 'ATM0004\n'), 41, 'printable ASCII'],
    ['non-ASCII byte in an ans field (41)', Buffer.concat([raw('0200', '0000000000800000', 'ATM0004'), Buffer.from([0xe9])]), 41, 'printable ASCII'],
  ])('%s', (_name, bytes, field, reason) => {
    // Proves the decoder's one failure mode: an Iso8583FormatError naming the field (or null) with a reason.
    const error = thrown(() => decodeMessage(bytes))
    expect(error.field).toBe(field)
    expect(error.reason).toContain(reason)
  })

  it('never quotes a field value in its reason', () => {
    // Proves a bad PAN does not leak into logs through the error message.
    const error = thrown(() => decodeMessage(raw('0200', bits_2_3, '16', '476173900101011X', '010000')))
    expect(error.field).toBe(2)
    expect(error.message).not.toContain('476173900101011')
  })
})

describe('encodeMessage refuses what the dialect cannot carry', () => {
  function withField(field: number, value: FieldValue) {
    return message('0200', { 3: '010000', [field]: value })
  }

  it.each([
    ['MTI of 3 digits', { ...withdrawal_0200, mti: '200' }, null, 'MTI'],
    ['MTI with a letter', { ...withdrawal_0200, mti: '02A0' }, null, 'MTI'],
    ['MTI of 5 digits', { ...sign_on_0800, mti: '08000' }, null, 'MTI'],
    ['fixed field too short (3)', withField(3, '01000'), 3, 'exactly 6'],
    ['fixed field too long (4)', withField(4, '0000000020000'), 4, 'exactly 12'],
    ['unpadded fixed an field (37)', withField(37, '5074'), 37, 'exactly 12'],
    ['variable field too long (2)', withField(2, '47617390010101191234'), 2, 'takes 1 to 19'],
    ['empty variable field (32)', withField(32, ''), 32, 'takes 1 to 11'],
    ['LLLVAR field too long (54)', withField(54, '1'.repeat(121)), 54, 'takes 1 to 120'],
    ['non-digit in an n field (4)', withField(4, '00000000200.'), 4, 'not a digit'],
    ['non-ASCII in an ans field (43)', withField(43, 'Café'.padEnd(40, ' ')), 43, 'printable ASCII'],
    ['PIN block of 7 bytes', withField(52, Buffer.alloc(7)), 52, 'exactly 8'],
    ['PIN block given as text', withField(52, '7434F67813BAE545'), 52, 'must be a Buffer'],
    ['PAN given as bytes', withField(2, Buffer.from(pan, 'latin1')), 2, 'must be a string'],
    ['field 1 given by the caller', withField(1, Buffer.alloc(8)), 1, 'secondary bitmap indicator'],
    ['unknown field (5)', withField(5, '000000000000'), 5, 'not in our dialect'],
    ['field 65', withField(65, Buffer.alloc(8)), 65, 'not in our dialect'],
    ['field 129', withField(129, '1'), 129, 'not in our dialect'],
    ['a field number that is not an integer', withField(2.5, '1'), null, 'not in our dialect'],
  ])('%s', (_name, bad, field, reason) => {
    // Proves the encoder never writes a message the decoder would refuse, and says why.
    const error = thrown(() => encodeMessage(bad))
    expect(error.field).toBe(field)
    expect(error.reason).toContain(reason)
  })
})
