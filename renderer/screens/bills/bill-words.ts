/** The words bills are shown with, the same on the list, the statement and the customer's tab. */
import type { BillView } from '../../../main/api/console/commands/billing'

export const bill_status_labels = { open: 'open', overdue: 'overdue', paid: 'paid', written_off: 'written off' } as const satisfies Record<BillView['status'], string>
export const bill_status_colors = { open: 'blue', overdue: 'red', paid: 'green', written_off: 'gray' } as const satisfies Record<BillView['status'], string>
export const close_reason_labels = { cycle_end: 'Cycle end', cap_reached: 'Cap reached', manual: 'Closed by staff' } as const satisfies Record<BillView['close_reason'], string>

/** A cycle boundary is 00:00 UTC: shown as the UTC date, never shifted into local time. */
export function utcDay(iso: string): string {
  return iso.slice(0, 10)
}
