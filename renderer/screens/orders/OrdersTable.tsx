/** A host-paged list of purchases, for all customers or one; used by Purchases and a customer's page. */
import { Alert } from '@mantine/core'
import type { CommandInput } from '../../../main/api/console/contract'
import { DataTable } from '../../shared/DataTable'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { purchase_columns } from './purchase-columns'

export type PurchaseFilter = Omit<CommandInput<'purchases.list'>, 'page' | 'page_size'>

export function PurchasesTable({ filter, refresh }: { filter: PurchaseFilter; refresh?: number }) {
  const paging = usePaging(JSON.stringify(filter))
  const list = useCommand('purchases.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  return (
    <>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load purchases">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Purchases"
        minWidth={1050}
        rows={list.data?.rows}
        columns={purchase_columns}
        loading={list.loading}
        rowKey={(p) => p.purchase_id}
        empty="No purchases."
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
    </>
  )
}
