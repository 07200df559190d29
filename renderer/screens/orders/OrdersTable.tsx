/** A host-paged list of orders, for all customers or one; used by Orders and a customer's page. */
import { Alert } from '@mantine/core'
import type { CommandInput } from '../../../main/api/console/contract'
import type { OrderView } from '../../../main/api/console/commands/disputes'
import { DataTable } from '../../shared/DataTable'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { order_columns } from './order-columns'

export type OrderFilter = Omit<CommandInput<'orders.list'>, 'page' | 'page_size'>

interface OrdersTableProps {
  filter: OrderFilter
  refresh?: number
  /** Opens an order's drawer; without it rows are not clickable. */
  onOpen?: (order: OrderView) => void
  empty?: string
}

export function OrdersTable({ filter, refresh, onOpen, empty = 'No orders.' }: OrdersTableProps) {
  const paging = usePaging(JSON.stringify(filter))
  const list = useCommand('orders.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  return (
    <>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load orders">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Orders"
        minWidth={1050}
        rows={list.data?.rows}
        columns={order_columns}
        loading={list.loading}
        rowKey={(p) => p.purchase_id}
        empty={empty}
        {...(onOpen ? { onRowClick: onOpen } : {})}
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
    </>
  )
}
