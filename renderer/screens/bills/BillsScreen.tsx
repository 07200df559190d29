/** Bills (#/bills): every customer's bills, filtered by status and customer; a row opens its statement. */
import { Group, SegmentedControl, Select, Text } from '@mantine/core'
import { useState } from 'react'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { useCommand } from '../../shared/useCommand'
import { BillsTable, type BillsFilter } from './BillsTable'

const statuses = [
  { value: 'all', label: 'All' },
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'paid', label: 'Paid' },
] as const

const empty_words: Record<string, string> = {
  all: 'No bills yet. Bills close at each customer’s cycle end, or early when the running total reaches the cap.',
  unpaid: 'No unpaid bills.',
  overdue: 'No overdue bills.',
  paid: 'No paid bills yet.',
}

export function BillsScreen() {
  const [status, setStatus] = useState<string>('all')
  const [customer, setCustomer] = useState<string | null>(null)
  const customers = useCommand('customers.list', { page: 1, page_size: 500 })
  const filter: BillsFilter = {
    ...(status === 'unpaid' || status === 'overdue' || status === 'paid' ? { status } : {}),
    ...(customer ? { customer_id: Number(customer) } : {}),
  }
  return (
    <>
      <ScreenTitle title="Bills">
        <Select
          aria-label="Customer"
          placeholder="All customers"
          searchable
          clearable
          w={240}
          value={customer}
          onChange={setCustomer}
          data={(customers.data?.rows ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          nothingFoundMessage="No customer by that name"
        />
        <SegmentedControl aria-label="Show bills" value={status} onChange={setStatus} data={[...statuses]} />
      </ScreenTitle>
      <Group mb="sm">
        <Text fz="sm" c="dimmed">
          A bill is overdue after its due date. Still unpaid after the grace period, it stops its customer’s purchases until it is paid.
        </Text>
      </Group>
      <BillsTable filter={filter} refresh={0} showCustomer empty={customer ? 'No such bills for this customer.' : (empty_words[status] ?? '')} />
    </>
  )
}
