/**
 * Orders (seed 001's merchandising logger): every purchase merchants sent, approved or
 * declined, newest first, filtered on the host by merchant, customer, status, method, days
 * and item. Clicking an order opens it with the transfers it caused and its disputes.
 */
import { Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { OrderView } from '../../../main/api/console/commands/disputes'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { localDayToIso } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { OrderDrawer } from './OrderDrawer'
import { OrdersTable, type OrderFilter } from './OrdersTable'

interface FilterForm {
  merchant_id: string | null
  customer_id: string | null
  status: string | null
  method: string | null
  from_day: string
  to_day: string
  search: string
  sort: 'newest' | 'oldest'
}

const empty_form: FilterForm = { merchant_id: null, customer_id: null, status: null, method: null, from_day: '', to_day: '', search: '', sort: 'newest' }

function toFilter(form: FilterForm): OrderFilter {
  const from = localDayToIso(form.from_day, 'start')
  const to = localDayToIso(form.to_day, 'end')
  return {
    ...(form.merchant_id ? { merchant_id: Number(form.merchant_id) } : {}),
    ...(form.customer_id ? { customer_id: Number(form.customer_id) } : {}),
    ...(form.status === 'approved' || form.status === 'declined' ? { status: form.status } : {}),
    ...(form.method === 'micropayment' || form.method === 'credit' ? { method: form.method } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(form.search.trim() ? { search: form.search.trim() } : {}),
    sort: form.sort,
  }
}

export function OrdersScreen() {
  const [form, setForm] = useState<FilterForm>(empty_form)
  const [open, setOpen] = useState<OrderView>()
  const [refresh, setRefresh] = useState(0)
  const set = (patch: Partial<FilterForm>) => setForm((current) => ({ ...current, ...patch }))
  const merchants = useCommand('merchants.list', {})
  const [customer_search, setCustomerSearch] = useState('')
  const customers = useCommand('customers.list', { search: customer_search, page_size: 50 })
  const filtered = JSON.stringify(form) !== JSON.stringify(empty_form)
  return (
    <>
      <ScreenTitle title="Orders">
        <SegmentedControl aria-label="Order" value={form.sort} onChange={(value) => set({ sort: value === 'oldest' ? 'oldest' : 'newest' })} data={[{ value: 'newest', label: 'Newest first' }, { value: 'oldest', label: 'Oldest first' }]} />
      </ScreenTitle>
      <Group align="flex-end" gap="sm" mb="sm">
        <TextInput label="Item" placeholder="Title, item id or order id" w={200} value={form.search} onChange={(e) => set({ search: e.currentTarget.value })} />
        <Select
          label="Merchant"
          placeholder="All merchants"
          clearable
          searchable
          w={170}
          data={(merchants.data?.rows ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
          value={form.merchant_id}
          onChange={(merchant_id) => set({ merchant_id })}
        />
        <Select
          label="Customer"
          placeholder="All customers"
          clearable
          searchable
          w={170}
          searchValue={customer_search}
          onSearchChange={setCustomerSearch}
          data={(customers.data?.rows ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          value={form.customer_id}
          onChange={(customer_id) => set({ customer_id })}
        />
        <Select label="Status" placeholder="Any" clearable w={110} data={[{ value: 'approved', label: 'Approved' }, { value: 'declined', label: 'Declined' }]} value={form.status} onChange={(status) => set({ status })} />
        <Select label="Method" placeholder="Any" clearable w={135} data={[{ value: 'micropayment', label: 'Micropayment' }, { value: 'credit', label: 'Credit' }]} value={form.method} onChange={(method) => set({ method })} />
        <TextInput label="From" type="date" w={145} value={form.from_day} onChange={(e) => set({ from_day: e.currentTarget.value })} />
        <TextInput label="To" type="date" w={145} value={form.to_day} onChange={(e) => set({ to_day: e.currentTarget.value })} />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setForm(empty_form)
              setCustomerSearch('')
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <OrdersTable filter={toFilter(form)} refresh={refresh} onOpen={setOpen} empty={filtered ? 'No orders match these filters.' : 'No orders yet.'} />
      <OrderDrawer order={open} onClose={() => setOpen(undefined)} onChanged={() => setRefresh((n) => n + 1)} />
    </>
  )
}
