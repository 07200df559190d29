/**
 * The ATM's cash dispenser: cassettes with their counters, and the act of taking notes out.
 * A supervisor can inject a fault per cassette, "jam after N notes": that cassette pays out
 * N more notes and then jams, so the next dispense that needs more from it comes out short.
 * The ATM then reverses what did not come out (field 95), as a real ATM must.
 */
import { planDispense, type Cassette, type DispensePlan } from './cassettes'

export interface CassetteState extends Cassette {
  /** Notes put in at the last load (the supervisor's reference count). */
  loaded: number
  /** Notes paid out since the counters were last reset. */
  dispensed: number
  /** Fault injection: the cassette jams after this many more notes; null for no fault. */
  jam_after_notes: number | null
  jammed: boolean
}

export interface NotesOut {
  denomination_minor: number
  count: number
}

export interface DispenseResult {
  /** Per cassette, in cassette order: notes actually paid out. */
  notes: number[]
  dispensed_minor: number
  complete: boolean
}

export function newCassette(cassette: Cassette): CassetteState {
  return { ...cassette, loaded: cassette.count, dispensed: 0, jam_after_notes: null, jammed: false }
}

/** The plan over the cassettes that can pay out now: a jammed cassette counts as empty. */
export function planFor(amount_minor: number, cassettes: readonly CassetteState[], currency: string): DispensePlan {
  return planDispense(
    amount_minor,
    cassettes.map((c) => ({ denomination_minor: c.denomination_minor, count: c.jammed ? 0 : c.count, currency: c.currency })),
    currency,
  )
}

/** Takes the planned notes out of the cassettes, stopping at a jam; updates counts and counters in place. */
export function dispense(plan: readonly number[], cassettes: CassetteState[]): DispenseResult {
  if (plan.length !== cassettes.length) throw new Error('dispense: the plan is for another set of cassettes')
  const notes = cassettes.map(() => 0)
  let dispensed_minor = 0
  let complete = true
  cassettes.forEach((cassette, index) => {
    const wanted = plan[index] ?? 0
    if (wanted > cassette.count) throw new Error('dispense: the plan asks for more notes than the cassette holds')
    let paid = cassette.jammed ? 0 : wanted
    if (cassette.jam_after_notes !== null && paid > cassette.jam_after_notes) paid = cassette.jam_after_notes
    if (cassette.jam_after_notes !== null) {
      cassette.jam_after_notes -= paid
      if (paid < wanted) cassette.jammed = true
    }
    if (paid < wanted) complete = false
    cassette.count -= paid
    cassette.dispensed += paid
    notes[index] = paid
    dispensed_minor += paid * cassette.denomination_minor
  })
  return { notes, dispensed_minor, complete }
}

/** Notes as the cash tray shows them: one entry per denomination, largest first. */
export function notesByDenomination(notes: readonly number[], cassettes: readonly Cassette[]): NotesOut[] {
  const totals = new Map<number, number>()
  notes.forEach((count, index) => {
    const denomination = cassettes[index]?.denomination_minor
    if (denomination !== undefined && count > 0) totals.set(denomination, (totals.get(denomination) ?? 0) + count)
  })
  return [...totals.entries()].sort(([a], [b]) => b - a).map(([denomination_minor, count]) => ({ denomination_minor, count }))
}
