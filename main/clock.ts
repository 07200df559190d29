/** Time comes from a clock so tests can freeze it and jobs can be replayed. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock for tests: starts at `start` and moves only when told to. */
export class FrozenClock implements Clock {
  private current_ms: number
  constructor(start: string | Date) {
    this.current_ms = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.current_ms)
  }
  advance(ms: number): void {
    this.current_ms += ms
  }
}

/**
 * A clock that is moved on by its owner and never goes back: the demo bank's simulated past
 * runs on one, so its purchases, bills and batches carry the dates they would have had.
 */
export class SteppedClock implements Clock {
  private current_ms: number
  constructor(start: Date) {
    this.current_ms = start.getTime()
  }
  now(): Date {
    return new Date(this.current_ms)
  }
  moveTo(at: Date): void {
    if (at.getTime() < this.current_ms) throw new RangeError(`a stepped clock does not go back: ${at.toISOString()} is before ${this.now().toISOString()}`)
    this.current_ms = at.getTime()
  }
}
