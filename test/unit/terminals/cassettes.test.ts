import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { notes_per_dispense_max, planAmountMinor, planDispense, type Cassette } from '../../../devices/terminals/cassettes'

const usd = (denomination_minor: number, count: number): Cassette => ({ denomination_minor, count, currency: 'USD' })

/** The fewest notes by trying every combination: only for small cassettes. */
function bruteForceFewest(amount: number, cassettes: readonly Cassette[]): number | null {
  let best: number | null = null
  const visit = (index: number, remaining: number, notes: number): void => {
    if (remaining === 0) {
      if (best === null || notes < best) best = notes
      return
    }
    const cassette = cassettes[index]
    if (cassette === undefined) return
    for (let k = 0; k <= cassette.count && k * cassette.denomination_minor <= remaining; k++) visit(index + 1, remaining - k * cassette.denomination_minor, notes + k)
  }
  visit(0, amount, 0)
  return best !== null && best <= notes_per_dispense_max ? best : null
}

const small_cassettes = fc.array(
  fc.record({ denomination_minor: fc.integer({ min: 1, max: 60 }), count: fc.integer({ min: 0, max: 8 }), currency: fc.constant('USD') }),
  { minLength: 1, maxLength: 4 },
)

describe('planDispense', () => {
  // Proves the everyday cases: fewest notes, and amounts the notes cannot make refused.
  it('pays 60 as 50 + 10 and refuses 35 when the smallest note is 10', () => {
    const cassettes = [usd(1000, 100), usd(2000, 100), usd(5000, 100), usd(10000, 100)]
    expect(planDispense(6000, cassettes, 'USD')).toEqual({ kind: 'plan', notes: [1, 0, 1, 0], notes_total: 2 })
    expect(planDispense(3500, cassettes, 'USD')).toEqual({ kind: 'cannot_dispense' })
  })

  // Proves greedy is not what it does: 60 from 50s and 20s (no 10s) is three 20s, not impossible.
  it('finds a plan greedy would miss', () => {
    const plan = planDispense(6000, [usd(5000, 10), usd(2000, 10)], 'USD')
    expect(plan).toEqual({ kind: 'plan', notes: [0, 3], notes_total: 3 })
  })

  // Proves counts bind: with one 50 left, 100 comes as 50 + 20 + 20 + 10.
  it('never takes more notes than a cassette holds', () => {
    expect(planDispense(10000, [usd(5000, 1), usd(2000, 2), usd(1000, 5)], 'USD')).toEqual({ kind: 'plan', notes: [1, 2, 1], notes_total: 4 })
  })

  // Proves the presenter limit: 41 notes of the only denomination cannot go out at once.
  it('refuses a plan over the notes-per-dispense limit', () => {
    expect(planDispense(notes_per_dispense_max * 100, [usd(100, 1000)], 'USD').kind).toBe('plan')
    expect(planDispense((notes_per_dispense_max + 1) * 100, [usd(100, 1000)], 'USD')).toEqual({ kind: 'cannot_dispense' })
  })

  // Proves two currencies never mix: a USD cassette cannot pay EUR.
  it('refuses a cassette of another currency as a programmer error', () => {
    expect(() => planDispense(1000, [usd(1000, 1)], 'EUR')).toThrow(/cannot pay out EUR/)
  })

  // Proves, for any small cassettes and amount, that a plan adds up to the amount, respects
  // every count, and uses exactly as few notes as an exhaustive search finds; and that
  // cannot_dispense comes exactly when the search finds no way at all.
  it('is exact, within counts and minimal (checked against brute force)', () => {
    fc.assert(
      fc.property(small_cassettes, fc.integer({ min: 0, max: 400 }), (cassettes, amount) => {
        const plan = planDispense(amount, cassettes, 'USD')
        const fewest = bruteForceFewest(amount, cassettes)
        if (plan.kind === 'cannot_dispense') {
          expect(fewest).toBeNull()
          return
        }
        expect(planAmountMinor(plan.notes, cassettes)).toBe(amount)
        plan.notes.forEach((n, i) => expect(n).toBeLessThanOrEqual(cassettes[i]?.count ?? 0))
        expect(plan.notes.reduce((a, b) => a + b, 0)).toBe(plan.notes_total)
        expect(plan.notes_total).toBe(fewest)
      }),
      { numRuns: 2_000 },
    )
  })

  // Proves large, realistic loads plan quickly and still add up.
  it('plans real cassette loads and large amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(500, 1000, 2000, 5000, 10000), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 1, max: 400 }),
        (denominations, count, units) => {
          const cassettes = denominations.map((d) => usd(d, count))
          const amount = units * 500
          const plan = planDispense(amount, cassettes, 'USD')
          if (plan.kind === 'plan') {
            expect(planAmountMinor(plan.notes, cassettes)).toBe(amount)
            plan.notes.forEach((n, i) => expect(n).toBeLessThanOrEqual(cassettes[i]?.count ?? 0))
            expect(plan.notes_total).toBeLessThanOrEqual(notes_per_dispense_max)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
