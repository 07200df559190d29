/**
 * Reversal advices (0420): how a terminal tells the host "undo that, or the part I did not
 * pay out". An advice must reach the host, so it is repeated (0421, same identity) a few
 * times, and one that still has no answer waits in a small store-and-forward queue that is
 * sent again each time the link signs on. A full queue takes the terminal out of service:
 * it must not take on more money it might have to give back.
 */
import type { IsoMessage } from '../../main/iso8583/codec'
import { fieldString } from '../../main/iso8583/codec'
import type { IsoLink } from './iso-client'
import { repeatOf, reversalAdvice } from './messages'

/** Answers that mean the host could not act on a message now, but may later. */
const temporary_failures: ReadonlySet<string> = new Set(['91', '96'])

/** Repeats after the first advice, each waiting reply_timeout_ms. */
export const reversal_repeats_max = 3
/** Advices a terminal keeps for later before it stops taking customers. */
export const pending_reversals_max = 20

export type ReversalResult = 'acknowledged' | 'queued'

export class ReversalQueue {
  private readonly pending: IsoMessage[] = []

  constructor(
    private readonly link: IsoLink,
    private readonly now: () => Date,
  ) {}

  get size(): number {
    return this.pending.length
  }

  get full(): boolean {
    return this.pending.length >= pending_reversals_max
  }

  /** Builds the advice for `original`, sends it with its repeats, and queues it if the host never answered. */
  async reverse(original: IsoMessage, input: { pan: string; dispensed_minor?: number }): Promise<ReversalResult> {
    const advice = reversalAdvice(original, { ...input, stan: this.link.nextStan(), at: this.now() })
    if (await this.send(advice, reversal_repeats_max)) return 'acknowledged'
    // Kept even when full: terminals stop serving customers once `full`, so only the
    // transaction already under way can add one more, and dropping an advice would lose money.
    this.pending.push(repeatOf(advice))
    return 'queued'
  }

  /** Sends each queued advice once more (as a repeat); called when the link signs on. */
  async flush(): Promise<number> {
    let sent = 0
    for (const advice of [...this.pending]) {
      if (!(await this.send(advice, 0))) break
      this.pending.splice(this.pending.indexOf(advice), 1)
      sent++
    }
    return sent
  }

  /**
   * True once the host has taken the advice. A host must accept an advice, so any definite
   * answer is an acknowledgement; but 96 (system malfunction) and 91 (issuer unavailable)
   * say it could not write it now, so the advice is repeated, and queued if that fails:
   * taking them as delivered would leave the customer debited for cash never dispensed.
   */
  private async send(advice: IsoMessage, repeats_max: number): Promise<boolean> {
    let message = advice
    for (let attempt = 0; attempt <= repeats_max; attempt++) {
      const result = await this.link.exchange(message)
      if (result.kind === 'answer') {
        const code = fieldString(result.message, 39)
        if (code !== undefined && !temporary_failures.has(code)) return true
      } else if (!result.sent) {
        return false
      }
      message = repeatOf(advice)
    }
    return false
  }
}
