/**
 * The refund approval threshold of each currency: a dispute resolved by reversal for more
 * than this waits for a second person on Approvals (maker-checker). Administrators and
 * supervisors change it; everyone who reads settings sees it.
 */
import { Alert, Button, Modal, Paper, Stack, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { Amount, formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { DataTable } from '../../shared/DataTable'
import { FormFooter } from '../../shared/FormFooter'
import { minorToInputText } from '../../shared/money-input'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'

type RefundThreshold = CommandOutput<'settings.refund_thresholds'>['thresholds'][number]

export function RefundThresholdsCard() {
  const may_edit = useMayCall('settings.set_refund_threshold')
  const [refresh, setRefresh] = useState(0)
  const [editing, setEditing] = useState<RefundThreshold>()
  const list = useCommand('settings.refund_thresholds', {}, { refresh })
  const columns = useMemo<ColumnDef<RefundThreshold>[]>(
    () => [
      { id: 'currency', header: 'Currency', accessorFn: (t) => t.currency, cell: ({ row }) => <b>{row.original.currency}</b> },
      {
        id: 'threshold',
        header: 'Refunds above this need approval',
        accessorFn: (t) => t.threshold_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: t } }) => <Amount minor={t.threshold_minor} exponent={t.exponent} currency={t.currency} />,
      },
      ...(may_edit
        ? [
            {
              id: 'edit',
              header: '',
              enableSorting: false,
              meta: { align: 'right' },
              cell: ({ row }) => (
                <Button size="compact-sm" variant="light" onClick={() => setEditing(row.original)} aria-label={`Edit ${row.original.currency} refund threshold`}>
                  Edit
                </Button>
              ),
            } satisfies ColumnDef<RefundThreshold>,
          ]
        : []),
    ],
    [may_edit],
  )
  return (
    <Paper withBorder p="md" mt="lg">
      <Title order={4} mb={4}>
        Refund approval threshold
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        A dispute resolved by reversal for more than this amount is not refunded at once: a second person approves it on the Approvals screen.
      </Text>
      {list.error && (
        <Alert color="red" mb="sm" title="Could not load refund thresholds">
          {list.error}
        </Alert>
      )}
      <DataTable label="Refund thresholds" minWidth={500} rows={list.data?.thresholds} columns={columns} loading={list.loading} rowKey={(t) => t.currency} empty="No currencies are set up for purchases." />
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={`Refund approval threshold — ${editing?.currency ?? ''}`}>
        {editing && (
          <RefundThresholdForm
            threshold={editing}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined)
              setRefresh((n) => n + 1)
            }}
          />
        )}
      </Modal>
    </Paper>
  )
}

function RefundThresholdForm({ threshold, onCancel, onSaved }: { threshold: RefundThreshold; onCancel: () => void; onSaved: () => void }) {
  const amount = useAmountField(threshold.exponent, () => minorToInputText(threshold.threshold_minor, threshold.exponent))
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const amount_minor = amount.check()
    if (amount_minor === undefined) return
    setBusy(true)
    setRefusal(undefined)
    try {
      await call('settings.set_refund_threshold', { currency: threshold.currency, threshold_minor: amount_minor })
      notifySuccess('Refund threshold saved', `${threshold.currency}: refunds above ${formatAmount(amount_minor, threshold.exponent, threshold.currency)} need approval`)
      onSaved()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <AmountInput label="Refunds above" required data-autofocus currency={threshold.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <FormFooter submit="Save" busy={busy} failure={refusal ? { title: 'Refund threshold not saved', message: refusal } : undefined} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
