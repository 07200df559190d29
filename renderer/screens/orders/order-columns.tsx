/**
 * The orders' columns. A declined order shows the host's decline code and message in its
 * status cell, so a clerk answering a customer's call sees why without opening anything; a
 * disputed one shows its dispute's state next to it.
 */
import { Group, Stack, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { OrderView } from '../../../main/api/console/commands/disputes'
import { Amount, tabular } from '../../shared/Amount'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { dispute_colors } from '../disputes/dispute-words'

export const method_labels = { micropayment: 'Micropayment', credit: 'Credit' } as const

export const order_columns: ColumnDef<OrderView>[] = [
  {
    id: 'time',
    header: 'Time',
    accessorFn: (p) => p.created_at,
    cell: ({ row }) => (
      <Text span fz="sm" style={tabular}>
        {formatTime(row.original.created_at)}
      </Text>
    ),
  },
  { id: 'merchant', header: 'Merchant', accessorFn: (p) => p.merchant_name },
  { id: 'customer', header: 'Customer', accessorFn: (p) => p.customer_name ?? '', cell: ({ row }) => row.original.customer_name ?? '—' },
  {
    id: 'item',
    header: 'Item',
    accessorFn: (p) => p.item_title,
    cell: ({ row: { original: p } }) => (
      <Text span fz="sm" title={`Item ${p.item_id}, order ${p.purchase_id}`}>
        {p.item_title}
      </Text>
    ),
  },
  {
    id: 'amount',
    header: 'Amount',
    accessorFn: (p) => p.amount_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: p } }) => <Amount minor={p.amount_minor} exponent={p.exponent} currency={p.currency} />,
  },
  {
    id: 'method',
    header: 'Method',
    accessorFn: (p) => (p.method ? method_labels[p.method] : ''),
    cell: ({ row: { original: p } }) => (p.method ? method_labels[p.method] : '—'),
  },
  {
    id: 'top_up',
    header: 'Top-up',
    accessorFn: (p) => p.top_up_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: p } }) =>
      p.top_up_minor === 0 ? (
        <Text span c="dimmed" fz="sm">
          —
        </Text>
      ) : (
        <Amount minor={p.top_up_minor} exponent={p.exponent} currency={p.currency} />
      ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (p) => p.status,
    cell: ({ row: { original: p } }) =>
      p.status === 'declined' ? (
        <Stack gap={2}>
          <StatusBadge status="declined" />
          <Text span fz="xs" c="red.8">
            <Text span ff="monospace" fz="xs">
              {p.decline_code}
            </Text>
            {p.decline_message ? `: ${p.decline_message}` : ''}
          </Text>
        </Stack>
      ) : (
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={p.status} />
          {p.dispute_status && <StatusBadge status={`dispute ${p.dispute_status}`} color={dispute_colors[p.dispute_status]} />}
        </Group>
      ),
  },
]
