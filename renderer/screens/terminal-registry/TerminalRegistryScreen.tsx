/**
 * Terminal registry: every ATM and POS terminal the host will talk to, with the key check
 * value of its PIN key (what a technician compares at the PIN pad) and when it was last
 * re-keyed. Roles that may, register terminals and re-key them; each shows the new KCV.
 */
import { Alert, Badge, Button, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { TerminalView } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { tabular } from '../../shared/Amount'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { KeyDeliveredModal, type KeyResult } from './KeyDeliveredModal'
import { RegisterTerminalModal } from './RegisterTerminalModal'
import { terminal_kind_labels } from './terminal-form'

const mono = { whiteSpace: 'nowrap' } as const

function timeCell(iso: string | null) {
  return iso === null ? (
    <Text span fz="sm" c="dimmed">
      never
    </Text>
  ) : (
    <Text span fz="sm" style={tabular}>
      {formatTime(iso)}
    </Text>
  )
}

const terminal_columns: ColumnDef<TerminalView>[] = [
  {
    id: 'terminal_id',
    header: 'Terminal',
    accessorFn: (t) => t.terminal_id,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace" fw={600} style={mono}>
        {row.original.terminal_id}
      </Text>
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    accessorFn: (t) => t.kind,
    cell: ({ row }) => (
      <Badge size="sm" radius="sm" variant="outline" color={row.original.kind === 'atm' ? 'indigo' : 'teal'}>
        {terminal_kind_labels[row.original.kind]}
      </Badge>
    ),
  },
  {
    id: 'merchant',
    header: 'Merchant',
    accessorFn: (t) => t.merchant_name ?? '',
    cell: ({ row }) =>
      row.original.merchant_name ?? (
        <Text span fz="sm" c="dimmed">
          — bank's own
        </Text>
      ),
  },
  { id: 'location', header: 'Location', accessorFn: (t) => t.location },
  { id: 'currency', header: 'Currency', accessorFn: (t) => t.currency },
  { id: 'status', header: 'Status', accessorFn: (t) => t.status, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'kcv',
    header: 'PIN key KCV',
    accessorFn: (t) => t.pin_key_kcv,
    cell: ({ row }) => (
      <Text span fz="sm" ff="monospace" style={mono} data-testid={`kcv-${row.original.terminal_id}`}>
        {row.original.pin_key_kcv}
      </Text>
    ),
  },
  { id: 'registered', header: 'Registered', accessorFn: (t) => t.created_at, cell: ({ row }) => timeCell(row.original.created_at) },
  { id: 'rekeyed', header: 'Last re-keyed', accessorFn: (t) => t.rekeyed_at ?? '', cell: ({ row }) => timeCell(row.original.rekeyed_at) },
]

export function TerminalRegistryScreen() {
  const may_create = useMayCall('terminals.create')
  const may_rekey = useMayCall('terminals.rekey')
  const [refresh, setRefresh] = useState(0)
  const [registering, setRegistering] = useState(false)
  const [rekeying, setRekeying] = useState<TerminalView>()
  const [result, setResult] = useState<KeyResult & { shown: boolean }>()
  const list = useCommand('terminals.list', {}, { refresh })
  const reload = () => setRefresh((n) => n + 1)

  const columns = useMemo<ColumnDef<TerminalView>[]>(
    () =>
      may_rekey
        ? [
            ...terminal_columns,
            {
              id: 'rekey',
              header: '',
              enableSorting: false,
              meta: { align: 'right' },
              cell: ({ row }) => (
                <Button size="compact-sm" variant="light" onClick={() => setRekeying(row.original)} aria-label={`Re-key ${row.original.terminal_id}`}>
                  Re-key
                </Button>
              ),
            },
          ]
        : terminal_columns,
    [may_rekey],
  )

  async function rekey(terminal: TerminalView) {
    const delivery = await call('terminals.rekey', { terminal_id: terminal.terminal_id })
    setRekeying(undefined)
    setResult({ delivery, previous_kcv: terminal.pin_key_kcv, shown: true })
    reload()
  }

  return (
    <>
      <ScreenTitle title="Terminal registry">{may_create && <Button onClick={() => setRegistering(true)}>Register terminal</Button>}</ScreenTitle>
      <Text fz="sm" mb="sm">
        The ATMs and POS terminals the bank's host accepts messages from. A PIN key's check value (KCV) lets a technician
        confirm the PIN pad holds the right key without revealing it.
      </Text>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load terminals">
          {list.error}
        </Alert>
      )}
      <DataTable
        label="Terminals"
        minWidth={1150}
        rows={list.data?.rows}
        columns={columns}
        loading={list.loading}
        rowKey={(t) => t.terminal_id}
        empty="No terminals are registered."
      />
      <RegisterTerminalModal
        opened={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(delivery) => {
          setRegistering(false)
          setResult({ delivery, previous_kcv: undefined, shown: true })
          reload()
        }}
      />
      <ConfirmModal
        opened={rekeying !== undefined}
        title="Re-key terminal"
        confirm="Re-key"
        color="orange"
        onClose={() => setRekeying(undefined)}
        onConfirm={() => (rekeying ? rekey(rekeying) : Promise.resolve())}
      >
        The host makes a new PIN key for terminal <b>{rekeying?.terminal_id}</b> and the current one (KCV{' '}
        <Text span ff="monospace">{rekeying?.pin_key_kcv}</Text>) stops working at once: the terminal must load the new key
        before its next PIN transaction.
      </ConfirmModal>
      <KeyDeliveredModal
        opened={result?.shown ?? false}
        result={result}
        onClose={() => setResult((current) => current && { ...current, shown: false })}
        onClosed={() => setResult(undefined)}
      />
    </>
  )
}
