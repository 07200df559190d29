/**
 * ATM cassettes and the dispense plan. A plan says how many notes to take from each
 * cassette so that they add up to the amount with the FEWEST notes, never more than a
 * cassette holds and never more than one dispense may present. The ATM plans before it
 * asks the host, so a customer is never charged for an amount the machine cannot pay out.
 */

/** A dispenser presents at most this many notes at once (the size of the presenter's stack). */
export const notes_per_dispense_max = 40
/** Dispensers have at most this many cassette slots. */
export const cassettes_max = 8

export interface Cassette {
  /** The face value of one note, in minor units of `currency`. */
  denomination_minor: number
  /** Notes in the cassette now. */
  count: number
  /** ISO 4217 alpha code; a plan never mixes currencies. */
  currency: string
}

/** Notes to take, one entry per cassette, in the order the cassettes were given. */
export type DispensePlan = { kind: 'plan'; notes: number[]; notes_total: number } | { kind: 'cannot_dispense' }

function assertCassettes(amount_minor: number, cassettes: readonly Cassette[], currency: string): void {
  if (!Number.isSafeInteger(amount_minor) || amount_minor < 0) throw new RangeError('planDispense: amount_minor must be a non-negative integer')
  if (cassettes.length > cassettes_max) throw new RangeError(`planDispense: at most ${cassettes_max} cassettes`)
  for (const cassette of cassettes) {
    if (!Number.isSafeInteger(cassette.denomination_minor) || cassette.denomination_minor <= 0) {
      throw new RangeError('planDispense: a denomination must be a positive integer of minor units')
    }
    if (!Number.isSafeInteger(cassette.count) || cassette.count < 0) throw new RangeError('planDispense: a note count must be a non-negative integer')
    if (cassette.currency !== currency) throw new RangeError(`planDispense: a ${cassette.currency} cassette cannot pay out ${currency}`)
  }
}

function gcd(a: number, b: number): number {
  let x = a
  let y = b
  // Euclid's algorithm halves the larger value at least every two steps: bounded by ~2·log2.
  while (y !== 0) [x, y] = [y, x % y]
  return x
}

/**
 * The fewest-notes plan for `amount_minor` in `currency`, or cannot_dispense.
 *
 * Bounded coin change, solved exactly: for each cassette in turn, `best[v]` is the fewest
 * notes that make v (in units of the denominations' greatest common divisor) from the
 * cassettes seen so far. Taking up to c notes of denomination d, the new best for
 * v = r + j·d is min over t in [j-c, j] of (old best[r + t·d] - t) + j, a sliding-window
 * minimum kept with a monotone queue per residue r. So each cassette costs O(amount) and
 * the whole plan O(cassettes · amount), however many notes the cassettes hold.
 */
export function planDispense(amount_minor: number, cassettes: readonly Cassette[], currency: string): DispensePlan {
  assertCassettes(amount_minor, cassettes, currency)
  if (amount_minor === 0) return { kind: 'plan', notes: cassettes.map(() => 0), notes_total: 0 }
  const usable = cassettes.filter((c) => c.count > 0)
  if (usable.length === 0) return { kind: 'cannot_dispense' }
  const unit = usable.reduce((g, c) => gcd(g, c.denomination_minor), 0)
  if (amount_minor % unit !== 0) return { kind: 'cannot_dispense' }
  // More than the presenter's stack of the largest note cannot be paid in one dispense.
  const largest = Math.max(...usable.map((c) => c.denomination_minor))
  if (amount_minor > largest * notes_per_dispense_max) return { kind: 'cannot_dispense' }

  const target = amount_minor / unit
  const unreachable = notes_per_dispense_max + 1
  let best = new Int32Array(target + 1).fill(unreachable)
  best[0] = 0
  // taken[i][v]: notes of cassette i in the best way to make v with cassettes 0..i.
  const taken: Uint8Array[] = []
  const window_index = new Int32Array(target + 1)
  for (const cassette of cassettes) {
    const d = cassette.denomination_minor / unit
    const c = Math.min(cassette.count, notes_per_dispense_max)
    const next = new Int32Array(target + 1).fill(unreachable)
    const choice = new Uint8Array(target + 1)
    if (d <= target && c > 0) {
      for (let r = 0; r < d; r++) {
        // The queue holds positions t (v = r + t·d) with increasing keys best[v] - t.
        let head = 0
        let tail = 0
        for (let j = 0, v = r; v <= target; j++, v += d) {
          const key = (best[v] ?? unreachable) - j
          while (tail > head && (best[r + (window_index[tail - 1] ?? 0) * d] ?? unreachable) - (window_index[tail - 1] ?? 0) >= key) tail--
          window_index[tail++] = j
          while ((window_index[head] ?? 0) < j - c) head++
          const t = window_index[head] ?? 0
          const notes = (best[r + t * d] ?? unreachable) - t + j
          if (notes < unreachable) {
            next[v] = notes
            choice[v] = j - t
          }
        }
      }
    } else {
      next.set(best)
    }
    taken.push(choice)
    best = next
  }
  const notes_total = best[target] ?? unreachable
  if (notes_total > notes_per_dispense_max) return { kind: 'cannot_dispense' }
  const notes = cassettes.map(() => 0)
  let v = target
  for (let i = cassettes.length - 1; i >= 0; i--) {
    const k = taken[i]?.[v] ?? 0
    notes[i] = k
    v -= k * ((cassettes[i]?.denomination_minor ?? unit) / unit)
  }
  if (v !== 0) throw new Error('planDispense: the plan does not add up, which the recurrence rules out')
  return { kind: 'plan', notes, notes_total }
}

/** What the plan pays out, for checks and receipts. */
export function planAmountMinor(notes: readonly number[], cassettes: readonly Cassette[]): number {
  return notes.reduce((sum, n, i) => sum + n * (cassettes[i]?.denomination_minor ?? 0), 0)
}
