import { describe, expect, it } from 'vitest'
import { csvField, nextRowIndex, page_jump, toCsv } from '../../../renderer/shared/table-keys'

describe('nextRowIndex', () => {
  it('moves the row focus with arrows, Home, End and page keys, never past either end', () => {
    expect(nextRowIndex('ArrowDown', -1, 10)).toBe(0)
    expect(nextRowIndex('ArrowUp', -1, 10)).toBe(9)
    expect(nextRowIndex('ArrowDown', 3, 10)).toBe(4)
    expect(nextRowIndex('ArrowDown', 9, 10)).toBe(9)
    expect(nextRowIndex('ArrowUp', 0, 10)).toBe(0)
    expect(nextRowIndex('Home', 7, 10)).toBe(0)
    expect(nextRowIndex('End', 2, 10)).toBe(9)
    expect(nextRowIndex('PageDown', 0, 500)).toBe(page_jump)
    expect(nextRowIndex('PageDown', 495, 500)).toBe(499)
    expect(nextRowIndex('PageUp', 3, 500)).toBe(0)
  })

  it('ignores other keys and empty tables', () => {
    expect(nextRowIndex('Enter', 2, 10)).toBeUndefined()
    expect(nextRowIndex('a', 2, 10)).toBeUndefined()
    expect(nextRowIndex('ArrowDown', -1, 0)).toBeUndefined()
  })
})

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(toCsv(['Merchant', 'Amount'], [['Ink, Paper & Co', 1250], ['The "Daily"', -300], ['two\nlines', null]])).toBe(
      'Merchant,Amount\r\n"Ink, Paper & Co",1250\r\n"The ""Daily""",-300\r\n"two\nlines",\r\n',
    )
  })

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('@sum')).toBe("'@sum")
    expect(csvField('-cmd')).toBe("'-cmd")
    expect(csvField('-12.50')).toBe('-12.50')
    expect(csvField(-1250)).toBe('-1250')
  })
})
