import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { desDecryptBlock, desEncryptBlock, tdesDecryptBlock, tdesEncryptBlock } from '../../../main/cards/crypto/des'
import { bytes, hex } from './arbitraries'

describe('single DES (run as triple DES with three equal keys)', () => {
  it('matches the classic worked example', () => {
    // Key 133457799BBCDFF1, plaintext 0123456789ABCDEF, ciphertext 85E813540F0AB405: the worked
    // example in J. Orlin Grabbe, "The DES Algorithm Illustrated", and in D. Stinson,
    // "Cryptography: Theory and Practice", pp. 79-81.
    expect(desEncryptBlock(hex('133457799BBCDFF1'), hex('0123456789ABCDEF'))).toEqual(hex('85E813540F0AB405'))
    expect(desDecryptBlock(hex('133457799BBCDFF1'), hex('85E813540F0AB405'))).toEqual(hex('0123456789ABCDEF'))
  })

  it('matches an HSM simulator\'s DES vectors on the zero block', () => {
    // nickntg/thalessimulatorlibrary, Tests/ThalesSimulatorLibrary.Core.Tests/Cryptography/DES/
    // CryptTests.cs: key 0123456789ABCDEF, encrypt 0000000000000000 = D5D44FF720683D0D and
    // decrypt 0000000000000000 = 14AAD7F4DBB4E094.
    expect(desEncryptBlock(hex('0123456789ABCDEF'), Buffer.alloc(8))).toEqual(hex('D5D44FF720683D0D'))
    expect(desDecryptBlock(hex('0123456789ABCDEF'), Buffer.alloc(8))).toEqual(hex('14AAD7F4DBB4E094'))
  })

  it('decrypts what it encrypts, for any key and block', () => {
    fc.assert(
      fc.property(bytes(8), bytes(8), (key, block) => {
        expect(desDecryptBlock(key, desEncryptBlock(key, block))).toEqual(block)
      }),
    )
  })
})

describe('triple DES', () => {
  it('matches the published vector for the key 0123456789ABCDEF FEDCBA9876543210', () => {
    // nickntg/thalessimulatorlibrary CryptTests.cs (TripleDesEncrypt / TripleDesDecrypt): under
    // K1 K2 K1 = 0123456789ABCDEF FEDCBA9876543210 0123456789ABCDEF, the zero block encrypts to
    // 08D7B4FB629D0885 and decrypts to C1E6E95D2166B5C4. Other public payment code agrees (a
    // Python DES module's tests, tdea_2_ede / tdea_2_ded on the same double-length key; POS
    // terminal SDK samples that load this key with check value 08D7B4FB629D0885).
    const double = hex('0123456789ABCDEF FEDCBA9876543210')
    const triple = hex('0123456789ABCDEF FEDCBA9876543210 0123456789ABCDEF')
    expect(tdesEncryptBlock(triple, Buffer.alloc(8))).toEqual(hex('08D7B4FB629D0885'))
    expect(tdesDecryptBlock(triple, Buffer.alloc(8))).toEqual(hex('C1E6E95D2166B5C4'))
    expect(tdesEncryptBlock(double, Buffer.alloc(8))).toEqual(hex('08D7B4FB629D0885'))
    expect(tdesDecryptBlock(double, Buffer.alloc(8))).toEqual(hex('C1E6E95D2166B5C4'))
  })

  it('matches the EFT Calculator\'s worked PVV encryption', () => {
    // eftcalculator.codeplex.com discussion 265067 (2011, by the Thales simulator's author):
    // block 9999789012311234 under the PVK pair 4CA2161637D0133E 5E151AEA45DA2A12 encrypts to
    // 517EF00CDEEDE498.
    expect(tdesEncryptBlock(hex('4CA2161637D0133E 5E151AEA45DA2A12'), hex('9999789012311234'))).toEqual(hex('517EF00CDEEDE498'))
  })

  it('equals single DES when every key part is the same', () => {
    fc.assert(
      fc.property(bytes(8), bytes(8), (key, block) => {
        expect(tdesEncryptBlock(Buffer.concat([key, key]), block)).toEqual(desEncryptBlock(key, block))
      }),
    )
  })

  it('decrypts what it encrypts, for double- and triple-length keys', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(16), bytes(24)), bytes(8), (key, block) => {
        expect(tdesDecryptBlock(key, tdesEncryptBlock(key, block))).toEqual(block)
      }),
    )
  })

  it('treats wrong key or block lengths as programmer errors', () => {
    expect(() => desEncryptBlock(Buffer.alloc(16), Buffer.alloc(8))).toThrow(RangeError)
    expect(() => desEncryptBlock(Buffer.alloc(8), Buffer.alloc(16))).toThrow(RangeError)
    expect(() => tdesEncryptBlock(Buffer.alloc(8), Buffer.alloc(8))).toThrow(RangeError)
    expect(() => tdesDecryptBlock(Buffer.alloc(32), Buffer.alloc(8))).toThrow(RangeError)
    expect(() => tdesDecryptBlock(Buffer.alloc(16), Buffer.alloc(7))).toThrow(RangeError)
  })
})
