/** The receipt printer's output tray: receipts printed and not yet taken, the oldest torn off when it overflows. */
import type { ReceiptView } from './view'

export const receipts_in_tray_max = 5

export class Printer {
  private readonly tray: ReceiptView[] = []
  private seq = 0

  print(lines: string[], at: Date): ReceiptView {
    const receipt = { seq: ++this.seq, printed_at: at.toISOString(), lines }
    this.tray.push(receipt)
    if (this.tray.length > receipts_in_tray_max) this.tray.shift()
    return receipt
  }

  /** Empties the tray; false when there was nothing to take. */
  take(): boolean {
    const had = this.tray.length > 0
    this.tray.length = 0
    return had
  }

  get receipts(): ReceiptView[] {
    return [...this.tray]
  }
}
