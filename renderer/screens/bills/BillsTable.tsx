/**
 * Bills in a dense host-paged table, newest first; a row opens its statement. Used by the
 * Bills screen (all customers) and by a customer's Billing tab (their bills only).
 */
import { Anchor, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { BillView } from '../../../main/api/console/commands/billing'
import { Amount } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { routeHash } from '../../shared/route'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { BillStatement } from './BillStatement'
import { BillStatusBadge } from './BillStatusBadge'
import { close_reason_labels, utcDay } from './bill-words'

export interface BillsFilter {
  status?: 'unpaid' | 'overdue' | 'paid'
  customer_id?: number
}

export function BillsTable({ filter, refresh, empty, showCustomer }: { filter: BillsFilter; refresh: number; empty: string; showCustomer: boolean }) {
  const paging = usePaging(JSON.stringify(filter))
  const [open, setOpen] = useState<number>()
  const list = useCommand('bills.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  const columns = useMemo<ColumnDef<BillView>[]>(() => {
    const money = (pick: (b: BillView) => number) => ({
      meta: { align: 'right' as const },
      cell: ({ row: { original: b } }: { row: { original: BillView } }) => <Amount minor={pick(b)} exponent={b.exponent} currency={b.currency} />,
    })
    return [
      { id: 'reference', header: 'Bill', accessorFn: (b) => b.reference, cell: ({ row }) => <Text ff="monospace" fz="sm">{row.original.reference}</Text> },
      ...(showCustomer
        ? [
            {
              id: 'customer',
              header: 'Customer',
              accessorFn: (b: BillView) => b.customer_name,
              cell: ({ row: { original: b } }: { row: { original: BillView } }) => (
                <Anchor href={routeHash({ screen: 'customer', customer_id: b.customer_id })} fz="sm" onClick={(e) => e.stopPropagation()}>
                  {b.customer_name}
                </Anchor>
              ),
            } satisfies ColumnDef<BillView>,
          ]
        : []),
      { id: 'period', header: 'Period (UTC)', accessorFn: (b) => b.cycle_start, cell: ({ row: { original: b } }) => `${utcDay(b.cycle_start)} – ${utcDay(b.cycle_end)}` },
      { id: 'closed', header: 'Closed', accessorFn: (b) => b.closed_at, cell: ({ row: { original: b } }) => formatTime(b.closed_at) },
      { id: 'reason', header: 'Why closed', accessorFn: (b) => close_reason_labels[b.close_reason] },
      { id: 'total', header: 'Total', accessorFn: (b) => b.total_minor, ...money((b) => b.total_minor) },
      { id: 'paid', header: 'Paid', accessorFn: (b) => b.paid_minor, ...money((b) => b.paid_minor) },
      { id: 'unpaid', header: 'Unpaid', accessorFn: (b) => b.unpaid_minor, ...money((b) => b.unpaid_minor) },
      { id: 'due', header: 'Due', accessorFn: (b) => b.due_at, cell: ({ row: { original: b } }) => formatTime(b.due_at).slice(0, 10) },
      { id: 'status', header: 'Status', accessorFn: (b) => b.status, cell: ({ row }) => <BillStatusBadge status={row.original.status} /> },
    ]
  }, [showCustomer])
  return (
    <>
      {list.error && (
        <Text c="red" fz="sm" mb="xs" role="alert">
          Could not load bills: {list.error}
        </Text>
      )}
      <DataTable
        label="Bills"
        minWidth={showCustomer ? 1100 : 950}
        rows={list.data?.rows}
        columns={columns}
        loading={list.loading}
        rowKey={(b) => String(b.id)}
        onRowClick={(b) => setOpen(b.id)}
        empty={empty}
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
      <BillStatement bill_id={open} onClose={() => setOpen(undefined)} />
    </>
  )
}
