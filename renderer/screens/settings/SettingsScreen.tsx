/**
 * Settings: the micropayment threshold and the refund approval threshold of each currency,
 * editable by the roles allowed to, the bank's payout account, the check values of the bank's
 * card keys, and the host's scheduled jobs.
 */
import { Alert, Button, Text } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { Amount } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'
import { CardKeysCard } from './CardKeysCard'
import { JobsCard } from './JobsCard'
import { PayoutAccountCard } from './PayoutAccountCard'
import { RefundThresholdsCard } from './RefundThresholdsCard'
import { CurrencyAmountModal } from './CurrencyAmountModal'
import { call } from '../../api/client'

type Threshold = CommandOutput<'settings.get'>['thresholds'][number]
type Row = Threshold & { currency_name: string }

export function SettingsScreen() {
  const may_edit = useMayCall('settings.set_threshold')
  const [refresh, setRefresh] = useState(0)
  const [editing, setEditing] = useState<Threshold>()
  const settings = useCommand('settings.get', {}, { refresh })
  const names = new Map(settings.data?.currencies.map((c) => [c.code, c.name]))

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      {
        id: 'currency',
        header: 'Currency',
        accessorFn: (t) => t.currency,
        cell: ({ row: { original: t } }) => (
          <Text span fz="sm">
            <b>{t.currency}</b>{' '}
            <Text span c="dimmed" fz="sm">
              {t.currency_name}
            </Text>
          </Text>
        ),
      },
      {
        id: 'threshold',
        header: 'Micropayment threshold',
        accessorFn: (t) => t.threshold_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: t } }) => <Amount minor={t.threshold_minor} exponent={t.exponent} currency={t.currency} />,
      },
      { id: 'updated', header: 'Last changed', accessorFn: (t) => t.updated_at, cell: ({ row }) => formatTime(row.original.updated_at) },
      ...(may_edit
        ? [
            {
              id: 'edit',
              header: '',
              enableSorting: false,
              meta: { align: 'right' },
              cell: ({ row }) => (
                <Button size="compact-sm" variant="light" onClick={() => setEditing(row.original)} aria-label={`Edit ${row.original.currency} threshold`}>
                  Edit
                </Button>
              ),
            } satisfies ColumnDef<Row>,
          ]
        : []),
    ],
    [may_edit],
  )

  return (
    <>
      <ScreenTitle title="Settings" />
      <Text fz="sm" mb="sm">
        Purchases below the threshold are micropayments paid from the value account; at or above it they are credit purchases.
      </Text>
      {settings.error && (
        <Alert color="red" mb="sm" title="Could not load settings">
          {settings.error}
        </Alert>
      )}
      <DataTable
        label="Micropayment thresholds"
        minWidth={600}
        rows={settings.data?.thresholds.map((t) => ({ ...t, currency_name: names.get(t.currency) ?? '' }))}
        columns={columns}
        loading={settings.loading}
        rowKey={(t) => t.currency}
        empty="No thresholds are set."
      />
      <RefundThresholdsCard />
      <PayoutAccountCard />
      <CardKeysCard keys={settings.data?.card_keys} loading={settings.loading} />
      <JobsCard />
      <CurrencyAmountModal
        editing={editing && { currency: editing.currency, exponent: editing.exponent, amount_minor: editing.threshold_minor }}
        title="Micropayment threshold"
        label="Threshold"
        save={(currency, threshold_minor) => call('settings.set_threshold', { currency, threshold_minor })}
        savedText={(currency, amount) => `${currency}: ${amount}`}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined)
          setRefresh((n) => n + 1)
        }}
      />
    </>
  )
}
