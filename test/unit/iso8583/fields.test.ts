import { describe, expect, it } from 'vitest'
import { field_specs } from '../../../main/iso8583/fields'

/** The dialect as the issue states it (and docs/iso8583.md documents it), one line per field. */
const dialect = [
  '2 n llvar 19', '3 n fixed 6', '4 n fixed 12', '7 n fixed 10', '11 n fixed 6', '12 n fixed 6', '13 n fixed 4',
  '14 n fixed 4', '15 n fixed 4', '18 n fixed 4', '22 n fixed 3', '25 n fixed 2', '32 n llvar 11', '35 z llvar 37',
  '37 an fixed 12', '38 an fixed 6', '39 an fixed 2', '41 ans fixed 8', '42 ans fixed 15', '43 ans fixed 40',
  '49 n fixed 3', '52 b fixed 8', '54 an lllvar 120', '64 b fixed 8', '70 n fixed 3', '90 n fixed 42',
  '95 an fixed 42', '102 ans llvar 28', '103 ans llvar 28', '128 b fixed 8',
]

describe('field table', () => {
  it('is exactly the dialect of the issue, keyed by field number', () => {
    // Proves no field was added, dropped or given a different format, length type or size.
    const table = [...field_specs.entries()].map(([number, spec]) => {
      expect(spec.number).toBe(number)
      return `${number} ${spec.format} ${spec.length} ${spec.max_length}`
    })
    expect(table).toEqual(dialect)
  })

  it('is frozen', () => {
    // Proves a caller cannot change the dialect at run time by editing an entry.
    const spec = field_specs.get(2)
    expect(Object.isFrozen(spec)).toBe(true)
  })
})
