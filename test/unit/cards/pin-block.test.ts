import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decryptPinBlock, encryptPinBlock, pinBlockFormat0, pinFromBlockFormat0 } from '../../../main/cards/crypto/pin-block'
import { xorBlocks } from '../../../main/cards/crypto/xor'
import { bytes, digitString, hex } from './arbitraries'

describe('pinBlockFormat0 (ISO 9564-1 format 0)', () => {
  it('follows the definition for PIN 1234 on PAN 4111111111111111', () => {
    // The two fields as ISO 9564-1 defines them: PIN field 0 4 1234 FFFFFFFFFF, PAN field
    // 0000 and the 12 PAN digits left of the check digit.
    const expected = xorBlocks(hex('041234FFFFFFFFFF'), hex('0000111111111111'))
    expect(pinBlockFormat0('1234', '4111111111111111')).toEqual(expected)
    expect(expected).toEqual(hex('041225EEEEEEEEEE'))
  })

  it('matches the psec library\'s vectors, both ways', () => {
    // knovichikhin/psec tests/test_pinblock.py (test_encode_pinblock_iso_0 and
    // test_decode_pinblock_iso_0), PAN 5555555551234567.
    const table: [pin: string, block: string][] = [
      ['1234', '041261AAAAEDCBA9'],
      ['123456789', '091261032D8DCBA9'],
      ['1234567890', '0A1261032D82CBA9'],
      ['123456789012', '0C1261032D8226A9'],
    ]
    for (const [pin, block] of table) {
      expect(pinBlockFormat0(pin, '5555555551234567')).toEqual(hex(block))
      expect(pinFromBlockFormat0(hex(block), '5555555551234567')).toEqual({ ok: true, pin })
    }
  })

  it('matches the examples of BP-Tools, the Thales manual and cardutil', () => {
    // BP-Tools output quoted in ID TECH's knowledge base (ISO 9564 format 0 page): PAN
    // 43219876543210987, PIN 1234 -> 0412AC89ABCDEF67.
    expect(pinBlockFormat0('1234', '43219876543210987')).toEqual(hex('0412AC89ABCDEF67'))
    // Thales host command manual, PIN block format 01 (= ISO format 0): PIN 92389, 13-digit
    // account 4000 0012 3456 2 -> 0592 789F FFED CBA9; also nickntg/thalessimulatorlibrary
    // Cryptography/PIN/ExtensionsTests.cs GetAnsiPinBlock.
    expect(pinBlockFormat0('92389', '4000001234562')).toEqual(hex('0592789FFFEDCBA9'))
    expect(pinFromBlockFormat0(hex('0592789FFFEDCBA9'), '4000001234562')).toEqual({ ok: true, pin: '92389' })
    // adelosa/cardutil tests/test_pin.py: PIN 1234 on 4441234567890123 -> 041226CBA9876FED; on
    // 1111222233334444 -> 041226DDDCCCCBBB, which under the all-zero double-length key
    // encrypts to 4C0906D10308871A.
    expect(pinBlockFormat0('1234', '4441234567890123')).toEqual(hex('041226CBA9876FED'))
    expect(pinBlockFormat0('1234', '1111222233334444')).toEqual(hex('041226DDDCCCCBBB'))
    expect(encryptPinBlock(hex('041226DDDCCCCBBB'), Buffer.alloc(16))).toEqual(hex('4C0906D10308871A'))
    expect(decryptPinBlock(hex('4C0906D10308871A'), Buffer.alloc(16))).toEqual(hex('041226DDDCCCCBBB'))
  })

  it('round-trips any 4-12 digit PIN on any PAN', () => {
    fc.assert(
      fc.property(digitString(4, 12), digitString(12, 19), (pin, pan) => {
        expect(pinFromBlockFormat0(pinBlockFormat0(pin, pan), pan)).toEqual({ ok: true, pin })
      }),
    )
  })

  it('round-trips through encryption under double- and triple-length keys', () => {
    fc.assert(
      fc.property(digitString(4, 12), digitString(12, 19), fc.oneof(bytes(16), bytes(24)), (pin, pan, key) => {
        const encrypted = encryptPinBlock(pinBlockFormat0(pin, pan), key)
        expect(encrypted).toHaveLength(8)
        expect(pinFromBlockFormat0(decryptPinBlock(encrypted, key), pan)).toEqual({ ok: true, pin })
      }),
    )
  })

  it('does not yield the PIN for a card whose 12 block digits differ', () => {
    // Only the 12 digits left of the check digit enter the block, so the other PAN differs
    // there; digits outside them (a longer PAN's first ones, the check digit) cannot matter.
    const case_arbitrary = fc.record({
      pin: digitString(4, 12),
      prefix: digitString(0, 6),
      block_digits: digitString(12, 12),
      other_block_digits: digitString(12, 12),
      check: digitString(1, 1),
    })
    fc.assert(
      fc.property(case_arbitrary, ({ pin, prefix, block_digits, other_block_digits, check }) => {
        fc.pre(block_digits !== other_block_digits)
        const block = pinBlockFormat0(pin, prefix + block_digits + check)
        const reading = pinFromBlockFormat0(block, prefix + other_block_digits + check)
        if (reading.ok) expect(reading.pin).not.toBe(pin)
      }),
    )
  })

  it('gives a reason for each kind of malformed block', () => {
    // Negative cases of knovichikhin/psec tests/test_pinblock.py
    // (test_decode_pinblock_iso_0_exception), PAN 5555555551234567.
    const pan = '5555555551234567'
    const reason = (block: Buffer): string => {
      const reading = pinFromBlockFormat0(block, pan)
      if (reading.ok) throw new Error('expected the block to be refused')
      return reading.reason
    }
    expect(reason(hex('241261AAAAEDCBA9'))).toMatch(/format nibble is 2/)
    expect(reason(hex('0F1261AAAAEDCBA9'))).toMatch(/length nibble says 15/)
    expect(reason(hex('021261AAAAEDCBA9'))).toMatch(/length nibble says 2/)
    expect(reason(hex('041261AAAAEDCBAA'))).toMatch(/padding/)
    expect(reason(hex('051261AAAAEDCBA9'))).toMatch(/not a decimal digit/)
    expect(reason(hex('041261AAAAEDCB'))).toMatch(/8 bytes/)
    expect(reason(Buffer.alloc(0))).toMatch(/8 bytes/)
  })

  it('never quotes the PIN in a reason, since reasons may be logged', () => {
    fc.assert(
      fc.property(digitString(6, 12), digitString(12, 19), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 255 }), (pin, pan, position, flip) => {
        const block = pinBlockFormat0(pin, pan)
        block[position] = (block[position] ?? 0) ^ flip
        const reading = pinFromBlockFormat0(block, pan)
        if (!reading.ok) expect(reading.reason).not.toContain(pin.slice(0, 6))
      }),
    )
  })

  it('answers any 8 bytes without throwing, and accepts only blocks it would have built', () => {
    fc.assert(
      fc.property(bytes(8), digitString(12, 19), (block, pan) => {
        const reading = pinFromBlockFormat0(block, pan)
        if (reading.ok) expect(pinBlockFormat0(reading.pin, pan)).toEqual(block)
      }),
      { numRuns: 2000 },
    )
  })

  it('treats malformed arguments to the builders as programmer errors', () => {
    expect(() => pinBlockFormat0('123', '4111111111111111')).toThrow(RangeError)
    expect(() => pinBlockFormat0('1234567890123', '4111111111111111')).toThrow(RangeError)
    expect(() => pinBlockFormat0('12a4', '4111111111111111')).toThrow(RangeError)
    expect(() => pinBlockFormat0('1234', '41111111111')).toThrow(RangeError)
    expect(() => pinFromBlockFormat0(Buffer.alloc(8), 'not a pan')).toThrow(RangeError)
    expect(() => encryptPinBlock(Buffer.alloc(8), Buffer.alloc(8))).toThrow(RangeError)
    expect(() => encryptPinBlock(Buffer.alloc(7), Buffer.alloc(16))).toThrow(RangeError)
    expect(() => decryptPinBlock(Buffer.alloc(9), Buffer.alloc(16))).toThrow(RangeError)
  })
})
