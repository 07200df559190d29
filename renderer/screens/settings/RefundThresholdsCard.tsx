/**
 * The refund approval threshold of each currency: a dispute resolved by reversal for more
 * than this waits for a second person on Approvals (maker-checker). Administrators and
 * supervisors change it; everyone who reads settings sees it.
 */
import { Alert, Button, Paper, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { Amount } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { CurrencyAmountModal } from './CurrencyAmountModal'

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
      <CurrencyAmountModal
        editing={editing && { currency: editing.currency, exponent: editing.exponent, amount_minor: editing.threshold_minor }}
        title="Refund approval threshold"
        label="Refunds above"
        save={(currency, threshold_minor) => call('settings.set_refund_threshold', { currency, threshold_minor })}
        savedText={(currency, amount) => `${currency}: refunds above ${amount} need approval`}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          setRefresh((n) => n + 1)
        }}
      />
    </Paper>
  )
}
