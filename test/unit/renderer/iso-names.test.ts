import { describe, expect, it } from 'vitest'
import { mtiName, networkCodeName, responseMeaning } from '../../../renderer/shared/iso-names'

describe('ISO 8583 names', () => {
  // Proves requests, answers and repeats get their names, and unknown types get none.
  it('names message types', () => {
    expect(mtiName('0200')).toBe('Financial request')
    expect(mtiName('0210')).toBe('Financial response')
    expect(mtiName('0201')).toBe('Financial request (repeat)')
    expect(mtiName('0420')).toBe('Reversal advice')
    expect(mtiName('0800')).toBe('Network management')
    expect(mtiName('0900')).toBeNull()
  })

  // Proves sign-on, sign-off and echo tests are told apart, and other codes are not guessed.
  it('names network management codes', () => {
    expect(networkCodeName('001')).toBe('sign-on')
    expect(networkCodeName('301')).toBe('echo test')
    expect(networkCodeName('999')).toBeNull()
    expect(networkCodeName(undefined)).toBeNull()
  })

  // Proves the response codes the host answers with have their meaning, and others none.
  it('explains response codes', () => {
    expect(responseMeaning('00')).toBe('Approved')
    expect(responseMeaning('55')).toBe('Incorrect PIN')
    expect(responseMeaning('75')).toBe('PIN tries exceeded')
    expect(responseMeaning('')).toBeNull()
    expect(responseMeaning('99')).toBeNull()
  })
})
