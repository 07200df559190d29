/** The customers list's columns; balances are right-aligned amounts in the customer's currency. */
import { Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { CustomerSummary } from '../../../main/api/console/contract'
import { Amount, formatAmount, tabular } from '../../shared/Amount'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatMinor } from '../../../main/ledger/money'

export const customer_columns: ColumnDef<CustomerSummary>[] = [
  {
    id: 'payer_id',
    header: 'Payer ID',
    accessorFn: (c) => c.payer_id,
    cell: ({ row }) => (
      <Text span ff="monospace" fz="sm">
        {row.original.payer_id}
      </Text>
    ),
  },
  { id: 'name', header: 'Name', accessorFn: (c) => c.name },
  { id: 'email', header: 'Email', accessorFn: (c) => c.email },
  { id: 'status', header: 'Status', accessorFn: (c) => c.status, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'value_balance',
    header: 'Value balance',
    accessorFn: (c) => c.value_balance_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: c } }) => <Amount minor={c.value_balance_minor} exponent={c.exponent} currency={c.currency} />,
  },
  {
    id: 'cash_access_balance',
    header: 'Cash-access balance',
    accessorFn: (c) => c.cash_access_balance_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: c } }) => <Amount minor={c.cash_access_balance_minor} exponent={c.exponent} currency={c.currency} />,
  },
  {
    id: 'credit',
    header: 'Credit used / limit',
    accessorFn: (c) => c.credit_used_minor,
    meta: { align: 'right' },
    cell: ({ row: { original: c } }) => (
      <Text span inherit style={tabular} title={`${formatAmount(c.credit_limit_minor - c.credit_used_minor, c.exponent, c.currency)} available`}>
        {formatMinor(c.credit_used_minor, c.exponent)} / {formatAmount(c.credit_limit_minor, c.exponent, c.currency)}
      </Text>
    ),
  },
]
