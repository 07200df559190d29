import { describe, expect, it } from 'vitest'
import { formatTime, localDayToIso } from '../../../renderer/shared/time'

describe('localDayToIso', () => {
  // Proves a picked day covers the whole local day: from its first to its last millisecond.
  it('gives the first and last instant of the local day', () => {
    const start = new Date(localDayToIso('2025-03-04', 'start') ?? '')
    const end = new Date(localDayToIso('2025-03-04', 'end') ?? '')
    for (const instant of [start, end]) {
      expect([instant.getFullYear(), instant.getMonth() + 1, instant.getDate()]).toEqual([2025, 3, 4])
    }
    expect([start.getHours(), start.getMinutes(), start.getSeconds(), start.getMilliseconds()]).toEqual([0, 0, 0, 0])
    expect([end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([23, 59, 59, 999])
  })

  // Proves an empty or malformed date field adds no filter rather than a wrong one.
  it('ignores what is not a YYYY-MM-DD day', () => {
    expect(localDayToIso('', 'start')).toBeUndefined()
    expect(localDayToIso('04/03/2025', 'end')).toBeUndefined()
  })
})

describe('formatTime', () => {
  // Proves host times read in local time with fixed-width fields, and odd input is shown as sent.
  it('writes local time as YYYY-MM-DD HH:MM:SS', () => {
    const instant = new Date(2025, 0, 2, 3, 4, 5)
    expect(formatTime(instant.toISOString())).toBe('2025-01-02 03:04:05')
    expect(formatTime('not a time')).toBe('not a time')
  })
})
