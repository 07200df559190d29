/** Merchants: who sells through the bank, what the bank owes each (payable balance) and how much they sold. */
import { Alert, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { MerchantSummary } from '../../../main/api/console/contract'
import { Amount, tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { StatusBadge } from '../../shared/StatusBadge'
import { useCommand } from '../../shared/useCommand'

const merchant_columns: ColumnDef<MerchantSummary>[] = [
  { id: 'name', header: 'Name', accessorFn: (m) => m.name },
  { id: 'category', header: 'Category', accessorFn: (m) => m.category },
  { id: 'status', header: 'Status', accessorFn: (m) => m.status, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'payable',
    header: 'Payable balance',
    accessorFn: (m) => m.payable_balance_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: m } }) => <Amount minor={m.payable_balance_minor} exponent={m.exponent} currency={m.currency} />,
  },
  {
    id: 'approved',
    header: 'Approved purchases',
    accessorFn: (m) => m.approved_purchases,
    meta: { align: 'right' },
    cell: ({ row }) => (
      <Text span inherit style={tabular}>
        {row.original.approved_purchases.toLocaleString('en-US')}
      </Text>
    ),
  },
]

export function MerchantsScreen() {
  const list = useCommand('merchants.list', {})
  return (
    <>
      <ScreenTitle title="Merchants" />
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load merchants">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Merchants"
        minWidth={700}
        rows={list.data?.rows}
        columns={merchant_columns}
        loading={list.loading}
        rowKey={(m) => String(m.id)}
        empty="No merchants yet."
      />
    </>
  )
}
