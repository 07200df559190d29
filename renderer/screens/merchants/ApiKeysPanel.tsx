/**
 * A merchant's API keys: prefix, label, when made, revoked, and what replaced it. A new or
 * rotated key is shown once, in a modal with a copy button and a warning; the host keeps
 * only its hash, so closing the modal is the last time anyone sees it.
 */
import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'

type Key = CommandOutput<'merchants.api_keys.list'>['rows'][number]
type Dialog = { kind: 'none' } | { kind: 'create' } | { kind: 'rotate'; key: Key } | { kind: 'revoke'; key: Key } | { kind: 'shown'; api_key: string; key_prefix: string }

export function ApiKeysPanel({ merchant_id, merchant_name }: { merchant_id: number; merchant_name: string }) {
  const may_manage = useMayCall('merchants.api_keys.create')
  const [refresh, setRefresh] = useState(0)
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' })
  const keys = useCommand('merchants.api_keys.list', { merchant_id }, { refresh })
  const close = () => setDialog({ kind: 'none' })
  const changed = () => setRefresh((n) => n + 1)

  const columns: ColumnDef<Key>[] = [
    { id: 'prefix', header: 'Key', accessorFn: (k) => k.key_prefix, cell: ({ row }) => <Code>{row.original.key_prefix}_…</Code> },
    { id: 'label', header: 'Label', accessorFn: (k) => k.label, cell: ({ row }) => row.original.label || <Text span c="dimmed" fz="sm">—</Text> },
    { id: 'created', header: 'Created', accessorFn: (k) => k.created_at, cell: ({ row }) => formatTime(row.original.created_at) },
    {
      id: 'state',
      header: 'State',
      accessorFn: (k) => (k.revoked_at ? 'revoked' : 'active'),
      cell: ({ row: { original: k } }) =>
        k.revoked_at ? (
          <Badge color="gray" variant="light" size="sm" radius="sm">revoked {formatTime(k.revoked_at)}</Badge>
        ) : (
          <Badge color="green" variant="light" size="sm" radius="sm">active</Badge>
        ),
    },
    {
      id: 'replaced',
      header: 'Replaced by',
      accessorFn: (k) => k.replaced_by_prefix ?? '',
      cell: ({ row }) => (row.original.replaced_by_prefix ? <Code>{row.original.replaced_by_prefix}_…</Code> : null),
    },
    ...(may_manage
      ? [
          {
            id: 'actions',
            header: '',
            cell: ({ row: { original: k } }) =>
              k.revoked_at ? null : (
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  {k.replaced_by_id === null && (
                    <Button size="compact-xs" variant="default" onClick={() => setDialog({ kind: 'rotate', key: k })}>
                      Rotate
                    </Button>
                  )}
                  <Button size="compact-xs" variant="light" color="red" onClick={() => setDialog({ kind: 'revoke', key: k })}>
                    Revoke
                  </Button>
                </Group>
              ),
          } satisfies ColumnDef<Key>,
        ]
      : []),
  ]

  return (
    <Paper withBorder p="md" mb="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>API keys</Title>
        {may_manage && (
          <Button size="xs" onClick={() => setDialog({ kind: 'create' })}>
            Create API key
          </Button>
        )}
      </Group>
      {keys.error && (
        <Alert color="red" mb="sm" title="Could not load the API keys">
          {keys.error}
        </Alert>
      )}
      <DataTable
        label="API keys"
        minWidth={640}
        rows={keys.data?.rows}
        columns={columns}
        loading={keys.loading}
        rowKey={(k) => String(k.id)}
        empty="No API keys: the merchant cannot take online payments until one is created."
      />
      <Modal opened={dialog.kind === 'create' || dialog.kind === 'rotate'} onClose={close} title={dialog.kind === 'rotate' ? `Rotate key ${dialog.key.key_prefix}` : `New API key for ${merchant_name}`}>
        {(dialog.kind === 'create' || dialog.kind === 'rotate') && (
          <KeyForm
            merchant_id={merchant_id}
            rotating={dialog.kind === 'rotate' ? dialog.key : undefined}
            onCancel={close}
            onMade={(api_key, key_prefix) => {
              changed()
              setDialog({ kind: 'shown', api_key, key_prefix })
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog.kind === 'shown'} onClose={close} title="Copy the API key now" closeOnClickOutside={false} size="lg">
        {dialog.kind === 'shown' && <ShownOnce api_key={dialog.api_key} onDone={close} />}
      </Modal>
      <ConfirmModal
        opened={dialog.kind === 'revoke'}
        title="Revoke API key"
        confirm="Revoke key"
        onClose={close}
        onConfirm={async () => {
          if (dialog.kind !== 'revoke') return
          await call('merchants.api_keys.revoke', { key_id: dialog.key.id })
          notifySuccess('Key revoked', `${dialog.key.key_prefix} no longer works`)
          changed()
          close()
        }}
      >
        {dialog.kind === 'revoke' && (
          <Text fz="sm">
            Key <Code>{dialog.key.key_prefix}_…</Code> stops working at once: the merchant's payment requests signed with it are refused. This cannot be undone.
          </Text>
        )}
      </ConfirmModal>
    </Paper>
  )
}

function KeyForm({ merchant_id, rotating, onCancel, onMade }: { merchant_id: number; rotating: Key | undefined; onCancel: () => void; onMade: (api_key: string, key_prefix: string) => void }) {
  const [label, setLabel] = useState(rotating?.label ?? '')
  const [revoke_old_now, setRevokeOldNow] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FormFailure>()
  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setFailure(undefined)
    try {
      const made = rotating
        ? await call('merchants.api_keys.rotate', { key_id: rotating.id, label, revoke_old_now })
        : await call('merchants.api_keys.create', { merchant_id, label })
      onMade(made.api_key, made.key.key_prefix)
    } catch (error) {
      setFailure({ title: rotating ? 'The key was not rotated' : 'No key was created', message: errorMessage(error) })
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Label" description="Where the merchant uses it, e.g. Web shop" maxLength={60} data-autofocus value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
        {rotating && (
          <>
            <Text fz="sm">
              A new key replaces <Code>{rotating.key_prefix}_…</Code>. The old key keeps working until you revoke it, so the merchant can switch without a gap.
            </Text>
            <Checkbox label="Revoke the old key now" checked={revoke_old_now} onChange={(e) => setRevokeOldNow(e.currentTarget.checked)} />
          </>
        )}
        <FormFooter submit={rotating ? 'Rotate key' : 'Create key'} busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}

function ShownOnce({ api_key, onDone }: { api_key: string; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="orange" title="This is the only time the key is shown">
        The bank keeps only a hash of it. Copy it now and hand it to the merchant securely; if it is lost, rotate it.
      </Alert>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, fontSize: 14, wordBreak: 'break-all' }} data-testid="api-key-once">
          {api_key}
        </Code>
        <CopyButton value={api_key}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'filled'} color={copied ? 'green' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          I have copied it
        </Button>
      </Group>
    </Stack>
  )
}
