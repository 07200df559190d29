/**
 * The system trace audit number (field 11): new for every request a terminal starts, kept
 * by its repeats. Together with the terminal id and the transmission time it is the
 * request's identity at the host, so the counter survives restarts (the caller persists
 * `last`) and wraps from 999999 to 000001, as six digits must.
 */
export const stan_max = 999_999

export class StanCounter {
  private value: number

  constructor(
    last: number,
    private readonly onAdvance: (last: number) => void = () => {},
  ) {
    if (!Number.isInteger(last) || last < 0 || last > stan_max) throw new RangeError('a STAN is 0 to 999999')
    this.value = last
  }

  /** The next STAN as six digits. */
  next(): string {
    this.value = (this.value % stan_max) + 1
    this.onAdvance(this.value)
    return String(this.value).padStart(6, '0')
  }

  get last(): number {
    return this.value
  }
}
