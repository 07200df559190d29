/**
 * The journal's columns: when, why (the code in words), how much, from which account to which
 * (number and owner), the purchase behind it if any, and the phase when it is part of a hold.
 */
import { Badge, Stack, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { TransferView } from '../../../main/api/console/contract'
import { Amount, tabular } from '../../shared/Amount'
import { formatTime } from '../../shared/time'

type AccountRef = TransferView['debit']

function AccountCell({ account }: { account: AccountRef }) {
  return (
    <Stack gap={0}>
      {/* An account number broken over two lines is misread; it never wraps. */}
      <Text span fz="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {account.number}
      </Text>
      <Text span fz="xs" c="dimmed">
        {account.owner_name}
      </Text>
    </Stack>
  )
}

const phase_labels = { single: '', pending: 'hold', post_pending: 'hold posted', void_pending: 'hold voided' } as const

export const transfer_columns: ColumnDef<TransferView>[] = [
  {
    id: 'time',
    header: 'Time',
    accessorFn: (t) => t.created_at,
    cell: ({ row }) => (
      <Text span fz="sm" style={tabular}>
        {formatTime(row.original.created_at)}
      </Text>
    ),
  },
  { id: 'code', header: 'Code', accessorFn: (t) => t.code_label },
  {
    id: 'amount',
    header: 'Amount',
    accessorFn: (t) => t.amount_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: t } }) => <Amount minor={t.amount_minor} exponent={t.exponent} currency={t.currency} />,
  },
  { id: 'debit', header: 'Debit account', accessorFn: (t) => t.debit.number, cell: ({ row }) => <AccountCell account={row.original.debit} /> },
  { id: 'credit', header: 'Credit account', accessorFn: (t) => t.credit.number, cell: ({ row }) => <AccountCell account={row.original.credit} /> },
  {
    id: 'purchase',
    header: 'Purchase',
    accessorFn: (t) => (t.purchase ? `${t.purchase.item_title} @ ${t.purchase.merchant_name}` : ''),
    cell: ({ row: { original: t } }) =>
      t.purchase ? (
        <Text span fz="sm" title={`Purchase ${t.purchase.purchase_id}`}>
          {t.purchase.item_title}{' '}
          <Text span c="dimmed" fz="sm">
            @ {t.purchase.merchant_name}
          </Text>
        </Text>
      ) : null,
  },
  {
    id: 'phase',
    header: 'Phase',
    accessorFn: (t) => t.phase,
    cell: ({ row: { original: t } }) =>
      t.phase === 'single' ? null : (
        <Badge size="sm" variant="outline" color={t.phase === 'void_pending' ? 'gray' : 'blue'} radius="sm">
          {phase_labels[t.phase]}
        </Badge>
      ),
  },
  {
    id: 'memo',
    header: 'Memo',
    accessorFn: (t) => t.memo,
    cell: ({ row }) => (
      <Text span fz="xs" c="dimmed">
        {row.original.memo}
      </Text>
    ),
  },
]
