/**
 * What an ATM and a POS are both made of: who they are, the PIN key in their PIN pad, the
 * link to the host, the reversal queue, the journal, the printer, a clock, and a way to say
 * "my state changed" to whoever shows it.
 */
import type { Journal } from './journal'
import type { IsoLink } from './iso-client'
import type { TerminalIdentity } from './messages'
import type { Printer } from './printer'
import type { ReversalQueue } from './reversal'

export interface TerminalTimings {
  /** A customer who presses nothing for this long has the session cancelled and the card returned. */
  customer_idle_ms: number
}

export const default_terminal_timings: TerminalTimings = { customer_idle_ms: 60_000 }

/** Wrong PINs the terminal lets a customer retype in one session (the host blocks the card at its own limit). */
export const pin_retries_max = 3

export interface TerminalParts {
  identity: TerminalIdentity
  /** The PIN pad's key now (a rekey replaces it between customers). */
  pinKey: () => Buffer
  link: IsoLink
  reversals: ReversalQueue
  journal: Journal
  printer: Printer
  now: () => Date
  timings: TerminalTimings
  changed: () => void
}

/** One cancellable timer for "the customer walked away". */
export class IdleTimer {
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly idle_ms: number) {}

  arm(onIdle: () => void): void {
    this.disarm()
    this.timer = setTimeout(onIdle, this.idle_ms)
    this.timer.unref()
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
