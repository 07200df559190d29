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
