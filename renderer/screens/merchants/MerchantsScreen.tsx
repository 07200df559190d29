/**
 * Merchants: who sells through the bank, what the bank owes each (payable balance), how much
 * they sold, their code and when they are settled; search by name, code or category, and
 * "New merchant" for roles that may onboard one.
 */
import { Alert, Button, Code, Group, SegmentedControl, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import type { ColumnDef } from '@tanstack/react-table'
import { useState } from 'react'
import type { MerchantSummary } from '../../../main/api/console/contract'
import { Amount, tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { StatusBadge } from '../../shared/StatusBadge'
import { useCommand } from '../../shared/useCommand'
import { navigate } from '../../shared/useRoute'
import { useMayCall } from '../../src/session'
import { MerchantFormModal } from './MerchantFormModal'

const merchant_columns: ColumnDef<MerchantSummary>[] = [
  { id: 'name', header: 'Name', accessorFn: (m) => m.name },
  { id: 'category', header: 'Category', accessorFn: (m) => m.category },
  { id: 'code', header: 'Merchant code', accessorFn: (m) => m.merchant_code ?? '', cell: ({ row }) => (row.original.merchant_code ? <Code>{row.original.merchant_code}</Code> : <Text span c="dimmed" fz="sm">—</Text>) },
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
  {
    id: 'rule',
    header: 'Settlement',
    accessorFn: (m) => m.settlement_rule,
    cell: ({ row }) => (
      <Text span inherit c={row.original.settlement_rule === 'no settlement rule' ? 'orange.8' : undefined}>
        {row.original.settlement_rule === 'no settlement rule' ? 'no rule yet: set terms' : row.original.settlement_rule.replace(', whichever comes first', '')}
      </Text>
    ),
  },
]

const search_debounce_ms = 250

export function MerchantsScreen() {
  const may_create = useMayCall('merchants.create')
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<'all' | 'active' | 'suspended'>('all')
  const [debounced] = useDebouncedValue(search.trim(), search_debounce_ms)
  const [creating, setCreating] = useState(false)
  const list = useCommand('merchants.list', { search: debounced === '' ? undefined : debounced, status: status === 'all' ? undefined : status })
  const filtered = debounced !== '' || status !== 'all'
  return (
    <>
      <ScreenTitle title="Merchants">{may_create && <Button onClick={() => setCreating(true)}>New merchant</Button>}</ScreenTitle>
      <Group mb="sm" align="flex-end">
        <TextInput w={360} label="Search" placeholder="Name, merchant code or category" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'active', label: 'Active' },
            { value: 'suspended', label: 'Suspended' },
          ]}
        />
      </Group>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load merchants">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Merchants"
        minWidth={1000}
        rows={list.data?.rows}
        columns={merchant_columns}
        loading={list.loading}
        rowKey={(m) => String(m.id)}
        onRowClick={(m) => navigate({ screen: 'merchant', merchant_id: m.id })}
        empty={filtered ? 'No merchant matches this search.' : 'No merchants yet: onboard one with New merchant.'}
      />
      {may_create && <MerchantFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(merchant_id) => navigate({ screen: 'merchant', merchant_id })} />}
    </>
  )
}
