import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cardVerificationValue } from '../../../main/cards/crypto/cvv'
import { decimalise } from '../../../main/cards/crypto/decimalise'
import { desEncryptBlock } from '../../../main/cards/crypto/des'
import { bytes, digitString, hex } from './arbitraries'

const cvk_test = hex('0123456789ABCDEF FEDCBA9876543210')

describe('cardVerificationValue (Visa CVV / Mastercard CVC method)', () => {
  it('matches the published test data for CVK A 0123456789ABCDEF, CVK B FEDCBA9876543210', () => {
    // The CVV test table of a Chinese bank card specification, as reproduced at
    // fsou.com/html/text/chl/848/84828_4.html ("(三)测试数据"): 16- and 13-digit PANs with
    // expiry, service code and CVV. The first row is the widely quoted 4123456789012345 / 8701 /
    // 101 -> 561.
    const table: [pan: string, expiry: string, service_code: string, cvv: string][] = [
      ['4123456789012345', '8701', '101', '561'],
      ['4999988887777000', '9105', '111', '245'],
      ['4666655554444111', '9206', '120', '664'],
      ['4333322221111222', '9307', '141', '382'],
      ['4123456789012', '8701', '101', '370'],
      ['4999988887777', '9105', '111', '649'],
      ['4666655554444', '9206', '120', '821'],
      ['4333322221111', '9307', '141', '697'],
    ]
    for (const [pan, expiry_yymm, service_code, cvv] of table) {
      expect(cardVerificationValue({ pan, expiry_yymm, service_code, cvk: cvk_test }), `${pan}/${expiry_yymm}/${service_code}`).toBe(cvv)
    }
  })

  it('matches a second, independently published worked example, step by step', () => {
    // topic.alibabacloud.com "Algorithm generation (7): CVN": PAN 4123456789012345, expiry 8701,
    // service code 111 with the same CVK pair. Block 1 under CVK A is B76ADDCE71CCC6BE and the
    // CVN is 856.
    expect(desEncryptBlock(hex('0123456789ABCDEF'), hex('4123456789012345'))).toEqual(hex('B76ADDCE71CCC6BE'))
    expect(cardVerificationValue({ pan: '4123456789012345', expiry_yymm: '8701', service_code: '111', cvk: cvk_test })).toBe('856')
  })

  it('matches the psec library\'s vectors', () => {
    // knovichikhin/psec tests/test_cvv.py: CVK 9999999999999999 8888888888888888, PAN
    // 2222222222222222, expiry 3333, service code 111 -> 361. psec/cvv.py docstring: CVK
    // 0123456789ABCDEF FEDCBA9876543210, PAN 1234567890123456, expiry 9912, service code 220 -> 170.
    expect(cardVerificationValue({ pan: '2222222222222222', expiry_yymm: '3333', service_code: '111', cvk: hex('99999999999999998888888888888888') })).toBe('361')
    expect(cardVerificationValue({ pan: '1234567890123456', expiry_yymm: '9912', service_code: '220', cvk: cvk_test })).toBe('170')
  })

  it('is three digits and the same every time for any card and key', () => {
    fc.assert(
      fc.property(digitString(12, 19), digitString(4, 4), digitString(3, 3), bytes(16), (pan, expiry_yymm, service_code, cvk) => {
        const input = { pan, expiry_yymm, service_code, cvk }
        const cvv = cardVerificationValue(input)
        expect(cvv).toMatch(/^[0-9]{3}$/)
        expect(cardVerificationValue(input)).toBe(cvv)
      }),
    )
  })

  it('uses the service code as given, so CVV1, CVV2 (000) and iCVV (999) are separate values', () => {
    // One card over 100 service codes: if the code were ignored there would be one value.
    const values = new Set<string>()
    for (let code = 0; code < 100; code++) {
      values.add(cardVerificationValue({ pan: '4123456789012345', expiry_yymm: '8701', service_code: String(code).padStart(3, '0'), cvk: cvk_test }))
    }
    expect(values.size).toBeGreaterThan(50)
  })

  it('treats malformed arguments as programmer errors', () => {
    const good = { pan: '4123456789012345', expiry_yymm: '8701', service_code: '101', cvk: cvk_test }
    expect(() => cardVerificationValue({ ...good, pan: '41234567890123456789' })).toThrow(RangeError)
    expect(() => cardVerificationValue({ ...good, pan: '412345678901234X' })).toThrow(RangeError)
    expect(() => cardVerificationValue({ ...good, expiry_yymm: '871' })).toThrow(RangeError)
    expect(() => cardVerificationValue({ ...good, service_code: '10A' })).toThrow(RangeError)
    expect(() => cardVerificationValue({ ...good, cvk: Buffer.alloc(8) })).toThrow(RangeError)
    expect(() => cardVerificationValue({ ...good, cvk: Buffer.alloc(24) })).toThrow(RangeError)
  })
})

describe('decimalise', () => {
  it('takes decimal digits first, then letters A-F less 10, each left to right', () => {
    // Worked by hand from the rule: digits of ABCDEF12ABCDEF34 are 1 2 3 4; its letters give
    // 0 1 2 3 4 5 0 1 2 3 4 5. A block with only two digits needs the letters.
    expect(decimalise(hex('ABCDEF12ABCDEF34'), 3)).toBe('123')
    expect(decimalise(hex('ABCDEF12ABCDEF34'), 6)).toBe('123401')
    expect(decimalise(hex('FEDCBAFEDCBAFE12'), 4)).toBe('1254')
    expect(decimalise(hex('FEDCBAFEDCBAFEDC'), 16)).toBe('5432105432105432')
  })

  it('always gives the asked number of digits', () => {
    fc.assert(
      fc.property(bytes(8), fc.integer({ min: 1, max: 16 }), (block, count) => {
        expect(decimalise(block, count)).toMatch(new RegExp(`^[0-9]{${count}}$`))
      }),
    )
  })
})
