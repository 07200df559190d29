/**
 * The split that settlement (wholesale discount, fees) and billing rely on: no minor unit is
 * lost or invented, and each share is within one unit of its exact part.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { allocate, basisPointsOf } from '../../main/ledger/allocate'

describe('allocate', () => {
  it('shares always sum to the amount, each within one unit of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0)),
        (amount, ratios) => {
          const shares = allocate(amount, ratios)
          expect(shares).toHaveLength(ratios.length)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount)
          const total = ratios.reduce((a, b) => a + b, 0)
          shares.forEach((share, i) => {
            const exact = (amount * (ratios[i] ?? 0)) / total
            expect(Math.abs(share - exact)).toBeLessThan(1 + 1e-6 * Math.abs(exact))
            if (ratios[i] === 0) expect(share).toBe(0)
            expect(Number.isSafeInteger(share)).toBe(true)
          })
        },
      ),
    )
  })

  it('splits 100 three ways as 34/33/33 and refuses floats and empty ratios', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(() => allocate(10.5, [1])).toThrow(/integer/)
    expect(() => allocate(10, [])).toThrow(/ratio/)
    expect(() => allocate(10, [0, 0])).toThrow(/zero/)
  })
})

describe('basisPointsOf', () => {
  it('is the floor of the exact part, and never more than the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const part = basisPointsOf(amount, bps)
        expect(BigInt(part)).toBe((BigInt(amount) * BigInt(bps)) / 10_000n)
        expect(part).toBeLessThanOrEqual(amount)
      }),
    )
    expect(basisPointsOf(12_345, 250)).toBe(308)
    expect(() => basisPointsOf(100, 10_001)).toThrow(/basis points/)
  })
})
