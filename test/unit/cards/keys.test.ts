import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  generateDoubleLengthKey,
  hasOddParity,
  KeyUnwrapError,
  keyCheckValue,
  parseHexKey,
  unwrapKey,
  withOddParity,
  wrapKey,
} from '../../../main/cards/crypto/keys'
import { bytes, hex } from './arbitraries'

/** Counted here independently of keys.ts, so the test does not trust the code it tests. */
function onesIn(byte: number): number {
  return byte.toString(2).split('').filter((bit) => bit === '1').length
}

describe('odd parity', () => {
  it('gives every generated double-length key 16 bytes of odd parity, and fresh keys each time', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const key = generateDoubleLengthKey()
      expect(key).toHaveLength(16)
      for (const byte of key) expect(onesIn(byte) % 2).toBe(1)
      expect(hasOddParity(key)).toBe(true)
      seen.add(key.toString('hex'))
    }
    expect(seen.size).toBe(200)
  })

  it('sets only the low bit of each byte, for any key', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(8), bytes(16), bytes(24)), (key) => {
        const adjusted = withOddParity(key)
        expect(adjusted).toHaveLength(key.length)
        adjusted.forEach((byte, i) => {
          expect(onesIn(byte) % 2).toBe(1)
          expect(byte & 0xfe).toBe((key[i] ?? 0) & 0xfe)
        })
        expect(withOddParity(adjusted)).toEqual(adjusted)
      }),
    )
  })

  it('leaves the parity-correct test key 0123456789ABCDEF FEDCBA9876543210 as it is', () => {
    const key = hex('0123456789ABCDEF FEDCBA9876543210')
    expect(hasOddParity(key)).toBe(true)
    expect(withOddParity(key)).toEqual(key)
  })
})

describe('keyCheckValue', () => {
  it('gives the published check values', () => {
    // 0123456789ABCDEF FEDCBA9876543210 encrypts the zero block to 08D7B4FB629D0885
    // (nickntg/thalessimulatorlibrary CryptTests.cs TripleDesEncrypt), so its KCV is 08D7B4.
    expect(keyCheckValue(hex('0123456789ABCDEF FEDCBA9876543210'))).toBe('08D7B4')
    // mooronsi/MoorTools tests/MoorTools.Keys.UnitTests/KeyChecksumValueTests.cs: a double- and
    // a triple-length key.
    expect(keyCheckValue(hex('CFC46B6B23196D85B5162F05465064BB'))).toBe('38B7DF')
    expect(keyCheckValue(hex('3D4585932F5922CEF93E729083B812E798C1F34C9113BD40'))).toBe('FAAFB1')
    // adelosa/cardutil tests/test_key.py: calculate_kcv and the zone master key formed from
    // two components.
    expect(keyCheckValue(hex('67C4A7191ADAFD086432CE0DD6384AB8'))).toBe('20D40B')
    expect(keyCheckValue(hex('0A227E33F5C0BEACD7B7DB09723ABB48'))).toBe('05EE1D')
  })

  it('gives a single DES key\'s check value too', () => {
    // Thales simulator CryptTests.cs DesEncrypt: 0123456789ABCDEF on zeros -> D5D44FF720683D0D.
    expect(keyCheckValue(hex('0123456789ABCDEF'))).toBe('D5D44F')
  })

  it('ignores parity bits, as DES does, so a key typed with wrong parity still checks', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(16), bytes(24)), (key) => {
        expect(keyCheckValue(withOddParity(key))).toBe(keyCheckValue(key))
        expect(keyCheckValue(key)).toMatch(/^[0-9A-F]{6}$/)
      }),
    )
  })
})

describe('parseHexKey', () => {
  it('reads double- and triple-length keys in either case', () => {
    expect(parseHexKey('0123456789ABCDEFFEDCBA9876543210')).toEqual(hex('0123456789ABCDEF FEDCBA9876543210'))
    expect(parseHexKey('0123456789abcdeffedcba98765432100123456789abcdef')).toHaveLength(24)
  })

  it('refuses anything else as a programmer (configuration) error', () => {
    for (const bad of ['', '0123456789ABCDEF', '0123456789ABCDEFFEDCBA987654321', '0123456789ABCDEFFEDCBA98765432100', '0123456789ABCDEFFEDCBA987654321G', '0123456789ABCDEF FEDCBA9876543210']) {
      expect(() => parseHexKey(bad)).toThrow(RangeError)
    }
  })
})

describe('wrapKey / unwrapKey', () => {
  const master_key = Buffer.alloc(32, 7)

  it('round-trips DES and AES keys of every supported length', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(8), bytes(16), bytes(24), bytes(32)), bytes(32), (key, master) => {
        const wrapped = wrapKey(key, master)
        expect(wrapped).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/)
        expect(unwrapKey(wrapped, master)).toEqual(key)
      }),
    )
  })

  it('wraps the same key differently each time (random IV) and never shows it', () => {
    const key = hex('0123456789ABCDEF FEDCBA9876543210')
    const first = wrapKey(key, master_key)
    const second = wrapKey(key, master_key)
    expect(first).not.toBe(second)
    expect(first).not.toContain(key.toString('base64'))
    expect(first.toUpperCase()).not.toContain('0123456789ABCDEF')
    const [, iv] = first.split(':')
    expect(Buffer.from(iv ?? '', 'base64')).toHaveLength(12)
  })

  it('detects a change to any single character of the wrapped text', () => {
    const wrapped = wrapKey(hex('0123456789ABCDEF FEDCBA9876543210'), master_key)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    for (let position = 0; position < wrapped.length; position++) {
      const original = wrapped[position] ?? ''
      if (original === ':') continue
      for (const replacement of [alphabet[(alphabet.indexOf(original) + 1) % 64] ?? 'A', '=']) {
        if (replacement === original) continue
        const tampered = wrapped.slice(0, position) + replacement + wrapped.slice(position + 1)
        expect(() => unwrapKey(tampered, master_key), `position ${position} -> ${replacement}`).toThrow(KeyUnwrapError)
      }
    }
  })

  it('refuses a wrong master key, a swapped tag and text that is not a wrapped key', () => {
    const wrapped = wrapKey(hex('0123456789ABCDEF FEDCBA9876543210'), master_key)
    expect(() => unwrapKey(wrapped, Buffer.alloc(32, 8))).toThrow(KeyUnwrapError)
    const other = wrapKey(hex('0123456789ABCDEF FEDCBA9876543210'), master_key).split(':')
    const parts = wrapped.split(':')
    expect(() => unwrapKey([parts[0], parts[1], other[2], parts[3]].join(':'), master_key)).toThrow(KeyUnwrapError)
    for (const junk of ['', 'v1', 'v2:' + parts.slice(1).join(':'), parts.slice(0, 3).join(':'), wrapped + ':', wrapped.slice(0, -4)]) {
      expect(() => unwrapKey(junk, master_key)).toThrow(KeyUnwrapError)
    }
  })

  it('names the failure with a stable id and no key material', () => {
    const wrapped = wrapKey(hex('0123456789ABCDEF FEDCBA9876543210'), master_key)
    try {
      unwrapKey(wrapped, Buffer.alloc(32, 9))
      expect.unreachable('a wrong master key must not unwrap')
    } catch (error) {
      expect(error).toBeInstanceOf(KeyUnwrapError)
      if (!(error instanceof KeyUnwrapError)) return
      expect(error.id).toBe('key_unwrap_failed')
      expect(error.name).toBe('KeyUnwrapError')
      expect(error.message).not.toMatch(/0123456789/i)
    }
  })

  it('treats a master key of the wrong size or a key of an odd size as a programmer error', () => {
    expect(() => wrapKey(Buffer.alloc(16), Buffer.alloc(16))).toThrow(RangeError)
    expect(() => wrapKey(Buffer.alloc(10), master_key)).toThrow(RangeError)
    expect(() => unwrapKey('v1:a:b:c', Buffer.alloc(31))).toThrow(RangeError)
  })
})
