/** A host-paged list of transfers for the given filters; used by the journal and a customer's page. */
import { Alert } from '@mantine/core'
import type { CommandInput } from '../../../main/api/console/contract'
import { DataTable } from '../../shared/DataTable'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { transfer_columns } from './transfer-columns'

export type TransferFilter = Omit<CommandInput<'transfers.list'>, 'page' | 'page_size'>

export function TransfersTable({ filter, refresh }: { filter: TransferFilter; refresh?: number }) {
  const paging = usePaging(JSON.stringify(filter))
  const list = useCommand('transfers.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  return (
    <>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load transfers">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Transfers"
        minWidth={1150}
        rows={list.data?.rows}
        columns={transfer_columns}
        loading={list.loading}
        rowKey={(t) => String(t.id)}
        empty="No transfers."
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
    </>
  )
}
