/** Journal: every transfer the ledger holds, filtered by code, currency and date range. */
import { Button, Group, Select, TextInput } from '@mantine/core'
import { useState } from 'react'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { useCommand } from '../../shared/useCommand'
import { empty_journal_filter, toTransferFilter, transfer_codes, type JournalFilterForm } from './journal-filter'
import { TransfersTable } from './TransfersTable'

export function JournalScreen() {
  const [form, setForm] = useState<JournalFilterForm>(empty_journal_filter)
  const settings = useCommand('settings.get', {})
  const currencies = settings.data?.currencies.map((c) => c.code) ?? []
  const set = (patch: Partial<JournalFilterForm>) => setForm((current) => ({ ...current, ...patch }))
  const filtered = JSON.stringify(form) !== JSON.stringify(empty_journal_filter)

  return (
    <>
      <ScreenTitle title="Journal" />
      <Group align="flex-end" gap="sm" mb="sm">
        <Select
          label="Code"
          placeholder="All codes"
          clearable
          w={220}
          data={transfer_codes.map((code) => ({ value: code, label: code.replaceAll('_', ' ') }))}
          value={form.code}
          onChange={(code) => set({ code })}
        />
        <Select
          label="Currency"
          placeholder="All"
          clearable
          w={120}
          data={currencies}
          value={form.currency}
          onChange={(currency) => set({ currency })}
        />
        <TextInput label="From" type="date" w={160} value={form.from_day} onChange={(e) => set({ from_day: e.currentTarget.value })} />
        <TextInput label="To" type="date" w={160} value={form.to_day} onChange={(e) => set({ to_day: e.currentTarget.value })} />
        {filtered && (
          <Button variant="subtle" onClick={() => setForm(empty_journal_filter)}>
            Clear filters
          </Button>
        )}
      </Group>
      <TransfersTable filter={toTransferFilter(form)} />
    </>
  )
}
