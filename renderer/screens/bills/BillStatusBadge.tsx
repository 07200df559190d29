import { Badge } from '@mantine/core'
import type { BillView } from '../../../main/api/console/commands/billing'
import { bill_status_colors, bill_status_labels } from './bill-words'

export function BillStatusBadge({ status }: { status: BillView['status'] }) {
  return (
    <Badge color={bill_status_colors[status]} variant="light" size="sm" radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
      {bill_status_labels[status]}
    </Badge>
  )
}
