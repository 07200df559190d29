/** A host-paged list of disputes, open ones first; used by Disputes and a customer's page. */
import { Alert, Stack, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo } from 'react'
import type { CommandInput } from '../../../main/api/console/contract'
import type { DisputeView } from '../../../main/api/console/commands/disputes'
import { Amount, tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { DisputeActions } from './DisputeActions'
import { charge_labels, dispute_colors } from './dispute-words'

export type DisputeFilter = Omit<CommandInput<'disputes.list'>, 'page' | 'page_size'>

export function DisputesTable({ filter, refresh, onChanged, empty }: { filter: DisputeFilter; refresh: number; onChanged: () => void; empty: string }) {
  const paging = usePaging(JSON.stringify(filter))
  const list = useCommand('disputes.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  const columns = useMemo<ColumnDef<DisputeView>[]>(
    () => [
      {
        id: 'opened',
        header: 'Opened',
        accessorFn: (d) => d.opened_at,
        cell: ({ row }) => (
          <Text span fz="sm" style={tabular}>
            {formatTime(row.original.opened_at)}
          </Text>
        ),
      },
      { id: 'customer', header: 'Customer', accessorFn: (d) => d.customer_name },
      { id: 'merchant', header: 'Merchant', accessorFn: (d) => d.merchant_name },
      {
        id: 'charge',
        header: 'Charge',
        accessorFn: (d) => d.item_title ?? '',
        cell: ({ row: { original: d } }) => (
          <Stack gap={0}>
            <Text span fz="sm">
              {d.item_title ?? charge_labels[d.charge_code] ?? d.charge_code}
            </Text>
            <Text span fz="xs" c="dimmed">
              {charge_labels[d.charge_code] ?? d.charge_code} · transfer {d.transfer_id} · {d.source_account_number}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'amount',
        header: 'Amount',
        accessorFn: (d) => d.amount_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: d } }) => <Amount minor={d.amount_minor} exponent={d.exponent} currency={d.currency} />,
      },
      { id: 'reason', header: 'Reason', accessorFn: (d) => d.reason },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (d) => d.status,
        cell: ({ row: { original: d } }) => (
          <Stack gap={2} align="flex-start">
            <StatusBadge status={d.status} color={dispute_colors[d.status]} />
            {d.provisional_transfer_id !== null && (
              <Text fz="xs" c="dimmed">
                {d.status === 'open' ? 'provisional credit granted' : d.status === 'reversed' ? 'provisional credit replaced' : 'provisional credit withdrawn'}
              </Text>
            )}
            {d.resolved_by_username && (
              <Text fz="xs" c="dimmed">
                by {d.resolved_by_username}
                {d.resolution_note ? `: ${d.resolution_note}` : ''}
              </Text>
            )}
          </Stack>
        ),
      },
      { id: 'actions', header: '', enableSorting: false, meta: { align: 'right' }, cell: ({ row }) => <DisputeActions dispute={row.original} onChanged={onChanged} /> },
    ],
    [onChanged],
  )
  return (
    <>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load disputes">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Disputes"
        minWidth={1200}
        rows={list.data?.rows}
        columns={columns}
        loading={list.loading}
        rowKey={(d) => String(d.id)}
        empty={empty}
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
    </>
  )
}
