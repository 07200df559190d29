/**
 * Audit trail: every staff action and money-moving job, newest first, filtered by staff
 * member, action and day; "Verify chain" asks the host to walk the hash chain, and "Export
 * CSV" downloads the filtered entries.
 */
import { Alert, Button, Group, Select, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { CommandInput, CommandOutput } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { DataTable } from '../../shared/DataTable'
import { notifyError } from '../../shared/notify'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { localDayToIso } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { usePaging } from '../../shared/usePaging'
import { audit_columns } from './audit-columns'
import { downloadText } from '../../shared/download'

type AuditFilter = Omit<CommandInput<'audit.list'>, 'page' | 'page_size'>
interface FilterForm {
  staff_id: string | null
  action: string
  from_day: string
  to_day: string
}
const empty_form: FilterForm = { staff_id: null, action: '', from_day: '', to_day: '' }

function toFilter(form: FilterForm): AuditFilter {
  const from = localDayToIso(form.from_day, 'start')
  const to = localDayToIso(form.to_day, 'end')
  return {
    ...(form.staff_id ? { staff_id: Number(form.staff_id) } : {}),
    ...(form.action.trim() ? { action: form.action.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  }
}

export function AuditScreen() {
  const [form, setForm] = useState<FilterForm>(empty_form)
  const [verified, setVerified] = useState<CommandOutput<'audit.verify'>>()
  const [verifying, setVerifying] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [refresh, setRefresh] = useState(0)
  const set = (patch: Partial<FilterForm>) => setForm((current) => ({ ...current, ...patch }))
  const filter = toFilter(form)
  const paging = usePaging(JSON.stringify(filter))
  const list = useCommand('audit.list', { ...filter, page: paging.page, page_size: paging.page_size }, { refresh })
  // Only administrators may list staff; other roles filter by a staff id they already know.
  const staff = useCommand('staff.list', {}, { enabled: useMayCall('staff.list') })

  async function verify() {
    setVerifying(true)
    try {
      setVerified(await call('audit.verify', {}))
    } catch (failure) {
      notifyError('Could not verify the chain', failure)
    }
    setVerifying(false)
  }

  async function exportCsv() {
    setExporting(true)
    try {
      const exported = await call('audit.export', filter)
      downloadText(exported.filename, exported.csv, 'text/csv')
      // The export is itself an audited action: show it.
      setRefresh((n) => n + 1)
    } catch (failure) {
      notifyError('Could not export the audit trail', failure)
    }
    setExporting(false)
  }

  return (
    <>
      <ScreenTitle title="Audit trail">
        <Button variant="light" loading={verifying} onClick={() => void verify()}>
          Verify chain
        </Button>
        <Button variant="default" loading={exporting} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </ScreenTitle>
      {verified && (
        <Alert
          mb="sm"
          color={verified.ok ? 'green' : 'red'}
          role="status"
          title={verified.ok ? `Chain intact: ${verified.entries} entries` : `Chain broken at entry #${verified.first_broken_id ?? '?'}: ${verified.reason ?? ''}`}
          withCloseButton
          onClose={() => setVerified(undefined)}
        >
          <Text fz="sm">
            {verified.ok
              ? 'Every entry matches its hash and follows the one before it.'
              : 'An entry was edited, deleted or moved after it was written. Keep the database file as it is and tell the security officer.'}
          </Text>
        </Alert>
      )}
      <Group align="flex-end" gap="sm" mb="sm">
        {staff.data ? (
          <Select
            label="Staff"
            placeholder="Everyone"
            clearable
            searchable
            w={220}
            data={staff.data.rows.map((s) => ({ value: String(s.id), label: `${s.display_name} (${s.username})` }))}
            value={form.staff_id}
            onChange={(staff_id) => set({ staff_id })}
          />
        ) : (
          <TextInput label="Staff id" w={120} value={form.staff_id ?? ''} onChange={(e) => set({ staff_id: /^\d+$/.test(e.currentTarget.value) ? e.currentTarget.value : null })} />
        )}
        <TextInput label="Action starts with" placeholder="staff. or card.block" w={220} value={form.action} onChange={(e) => set({ action: e.currentTarget.value })} />
        <TextInput label="From" type="date" w={160} value={form.from_day} onChange={(e) => set({ from_day: e.currentTarget.value })} />
        <TextInput label="To" type="date" w={160} value={form.to_day} onChange={(e) => set({ to_day: e.currentTarget.value })} />
        {JSON.stringify(form) !== JSON.stringify(empty_form) && (
          <Button variant="subtle" onClick={() => setForm(empty_form)}>
            Clear filters
          </Button>
        )}
      </Group>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load the audit trail">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Audit entries"
        minWidth={1100}
        rows={list.data?.rows}
        columns={audit_columns}
        loading={list.loading}
        rowKey={(e) => String(e.id)}
        empty="No audit entries match."
        paging={{ page: paging.page, page_size: paging.page_size, total: list.data?.total ?? 0, onChange: paging.setPage }}
      />
    </>
  )
}
