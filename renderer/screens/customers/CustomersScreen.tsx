/**
 * Customers: search by name, payer ID or email (sent 250 ms after the clerk stops typing),
 * a host-paged list, and "New customer" for roles that may create one.
 */
import { Alert, Button, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { navigate } from '../../shared/useRoute'
import { useMayCall } from '../../src/session'
import { customer_columns } from './customer-columns'
import { NewCustomerModal } from './NewCustomerModal'

const search_debounce_ms = 250

export function CustomersScreen() {
  const may_create = useMayCall('customers.create')
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), search_debounce_ms)
  const paging = usePaging(debounced)
  const [creating, setCreating] = useState(false)

  const list = useCommand('customers.list', {
    search: debounced === '' ? undefined : debounced,
    page: paging.page,
    page_size: paging.page_size,
  })

  return (
    <>
      <ScreenTitle title="Customers">
        {may_create && <Button onClick={() => setCreating(true)}>New customer</Button>}
      </ScreenTitle>
      <TextInput
        mb="sm"
        maw={420}
        label="Search"
        placeholder="Name, payer ID or email"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load customers">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Customers"
        minWidth={1000}
        rows={list.data?.rows}
        columns={customer_columns}
        loading={list.loading}
        rowKey={(c) => String(c.id)}
        onRowClick={(c) => navigate({ screen: 'customer', customer_id: c.id })}
        empty={debounced === '' ? 'No customers yet.' : 'No customer matches this search.'}
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
      {may_create && (
        <NewCustomerModal
          opened={creating}
          onClose={() => setCreating(false)}
          onCreated={(customer_id) => navigate({ screen: 'customer', customer_id })}
        />
      )}
    </>
  )
}
