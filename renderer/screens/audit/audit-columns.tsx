/** The audit table's columns: entry number, time, who (or which job), action, subject, detail. */
import { Code, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { AuditEntryView } from '../../../main/api/console/contract'
import { formatTime } from '../../shared/time'

/** Detail as "key: value" pairs, short enough for one table cell. */
function detailText(detail_json: string): string {
  try {
    const detail: unknown = JSON.parse(detail_json)
    if (detail === null || typeof detail !== 'object') return detail_json
    return Object.entries(detail)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ')
  } catch {
    // An entry is shown as stored even when its detail is not JSON: the trail is evidence.
    return detail_json
  }
}

export const audit_columns: ColumnDef<AuditEntryView>[] = [
  { id: 'id', header: '#', accessorFn: (e) => e.id, meta: { align: 'right' } },
  { id: 'at', header: 'Time', accessorFn: (e) => e.at, cell: ({ row }) => <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>{formatTime(row.original.at)}</Text> },
  {
    id: 'staff',
    header: 'Staff',
    accessorFn: (e) => e.staff_username ?? '',
    cell: ({ row: { original: e } }) =>
      e.staff_username ?? (
        <Text span fz="sm" c="dimmed">
          {e.action.startsWith('job.') ? 'system job' : 'not signed in'}
        </Text>
      ),
  },
  { id: 'action', header: 'Action', accessorFn: (e) => e.action, cell: ({ row }) => <Code>{row.original.action}</Code> },
  { id: 'subject', header: 'Subject', accessorFn: (e) => e.subject },
  {
    id: 'detail',
    header: 'Detail',
    enableSorting: false,
    cell: ({ row }) => (
      <Text fz="xs" c="dimmed" lineClamp={2}>
        {detailText(row.original.detail_json)}
      </Text>
    ),
  },
]
