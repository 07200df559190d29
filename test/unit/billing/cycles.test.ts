import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cycleContaining, cycleEndsBetween, nextCycleEnd, previousCycleEnd } from '../../../main/billing/cycles'

const iso = (d: Date) => d.toISOString()

describe('billing cycles', () => {
  it('ends at 00:00 UTC on the billing day, strictly after the instant', () => {
    expect(iso(nextCycleEnd(new Date('2026-11-02T09:00:00Z'), 1))).toBe('2026-12-01T00:00:00.000Z')
    expect(iso(nextCycleEnd(new Date('2026-11-02T09:00:00Z'), 15))).toBe('2026-11-15T00:00:00.000Z')
    // Exactly at an end, the next end is a month later: the end belongs to the closed cycle.
    expect(iso(nextCycleEnd(new Date('2026-11-15T00:00:00Z'), 15))).toBe('2026-12-15T00:00:00.000Z')
    expect(iso(nextCycleEnd(new Date('2026-11-14T23:59:59.999Z'), 15))).toBe('2026-11-15T00:00:00.000Z')
  })

  it('crosses the year end and keeps day 28 in February, leap year or not', () => {
    expect(iso(nextCycleEnd(new Date('2026-12-20T00:00:00Z'), 5))).toBe('2027-01-05T00:00:00.000Z')
    expect(iso(nextCycleEnd(new Date('2027-02-01T00:00:00Z'), 28))).toBe('2027-02-28T00:00:00.000Z')
    expect(iso(nextCycleEnd(new Date('2028-02-28T12:00:00Z'), 28))).toBe('2028-03-28T00:00:00.000Z')
    expect(iso(nextCycleEnd(new Date('2028-02-29T12:00:00Z'), 1))).toBe('2028-03-01T00:00:00.000Z')
    expect(iso(previousCycleEnd(new Date('2028-03-28T00:00:00Z'), 28))).toBe('2028-02-28T00:00:00.000Z')
    expect(iso(previousCycleEnd(new Date('2027-01-05T00:00:00Z'), 5))).toBe('2026-12-05T00:00:00.000Z')
  })

  it('lists the three cycles missed while the host was down, and none twice', () => {
    const ends = cycleEndsBetween(new Date('2026-11-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'), 1).map(iso)
    expect(ends).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'])
    expect(cycleEndsBetween(new Date('2027-02-01T00:00:00Z'), new Date('2027-02-28T23:00:00Z'), 1)).toEqual([])
  })

  it('property: the cycle containing an instant holds it, is one month long and starts where the last ended', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 28 }), (at, day) => {
        const { start, end } = cycleContaining(at, day)
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime())
        expect(at.getTime()).toBeLessThan(end.getTime())
        expect(start.getUTCDate()).toBe(day)
        expect(end.getUTCDate()).toBe(day)
        expect((end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()).toBe(1)
        expect(iso(nextCycleEnd(start, day))).toBe(iso(end))
      }),
    )
  })
})
