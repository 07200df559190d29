/**
 * Settlement (#/settlement): which merchants are due a batch now (their rule met) with a Close
 * batch button each, and every batch closed so far with its figures and payout status. The host
 * closes due batches on its own every minute; closing by hand is for a merchant who asks early.
 */
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import { Amount } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { navigate } from '../../shared/useRoute'
import { routeHash } from '../../shared/route'
import { useMayCall } from '../../src/session'
import { CloseBatchModal } from './CloseBatchModal'
import { closedByLabel, payout_status_colors, payoutStatusLabel, type BatchView, type DueView } from './words'

// Dates, names and references stay on one line; the table scrolls sideways instead.
const nowrap = { whiteSpace: 'nowrap' } as const

type PayoutFilter = 'exported' | 'sent' | 'returned' | 'unpaid'

export function SettlementScreen() {
  const may_close = useMayCall('settlement.close')
  const [refresh, setRefresh] = useState(0)
  const [closing, setClosing] = useState<DueView>()
  const [show_all, setShowAll] = useState(false)
  const [payout_status, setPayoutStatus] = useState<PayoutFilter | null>(null)
  const paging = usePaging(String(payout_status))
  const due = useCommand('settlement.due', {}, { refresh })
  const batches = useCommand(
    'settlement.list',
    { ...(payout_status ? { payout_status } : {}), page: paging.page, page_size: paging.page_size },
    { refresh },
  )
  const due_rows = useMemo(() => (due.data?.rows ?? []).filter((r) => show_all || r.due), [due.data, show_all])
  const due_count = due.data?.rows.filter((r) => r.due).length ?? 0

  const due_columns = useMemo<ColumnDef<DueView>[]>(
    () => [
      {
        id: 'merchant',
        header: 'Merchant',
        accessorFn: (d) => d.merchant_name,
        cell: ({ row: { original: d } }) => <Anchor href={routeHash({ screen: 'merchant', merchant_id: d.merchant_id })}>{d.merchant_name}</Anchor>,
      },
      { id: 'rule', header: 'Rule', accessorFn: (d) => d.rule },
      { id: 'purchases', header: 'Purchases', accessorFn: (d) => d.purchase_count, meta: { align: 'right' } },
      {
        id: 'unsettled',
        header: 'Unsettled',
        accessorFn: (d) => d.unsettled_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: d } }) => <Amount minor={d.unsettled_minor} exponent={d.exponent} currency={d.currency} />,
      },
      {
        id: 'net',
        header: 'Net payout',
        accessorFn: (d) => d.net_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: d } }) => <Amount minor={d.net_minor} exponent={d.exponent} currency={d.currency} c={d.net_minor <= 0 ? 'dimmed' : undefined} />,
      },
      {
        id: 'why',
        header: 'Due',
        accessorFn: (d) => (d.due ? 0 : 1),
        cell: ({ row: { original: d } }) =>
          d.due ? (
            <Badge color="orange" variant="light" size="sm" radius="sm">
              {d.due_reason === 'rule_amount' ? 'amount reached' : 'days passed'}
            </Badge>
          ) : d.purchase_count === 0 && d.unsettled_minor === 0 ? (
            <Text fz="xs" c="dimmed">
              Nothing unsettled
            </Text>
          ) : d.net_minor <= 0 ? (
            <Text fz="xs" c="dimmed">
              Nothing to pay: carries forward
            </Text>
          ) : d.due_at ? (
            <Text fz="xs" c="dimmed">
              by days on {formatTime(d.due_at)}
            </Text>
          ) : (
            <Text fz="xs" c="dimmed">
              when the amount is reached
            </Text>
          ),
      },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        meta: { align: 'right' },
        cell: ({ row: { original: d } }) =>
          may_close && d.net_minor > 0 ? (
            <Button size="compact-sm" variant={d.due ? 'filled' : 'default'} onClick={() => setClosing(d)} aria-label={`Close batch for ${d.merchant_name}`}>
              Close batch
            </Button>
          ) : null,
      },
    ],
    [may_close],
  )

  return (
    <>
      <ScreenTitle title="Settlement" />
      <Stack gap="lg">
        <section aria-labelledby="due-title">
          <Group justify="space-between" mb={4}>
            <Title order={4} id="due-title">
              Due now {due.data && <Text span c="dimmed" fz="sm">({due_count})</Text>}
            </Title>
            <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)}>
              {show_all ? 'Show only due merchants' : 'Show every merchant'}
            </Button>
          </Group>
          <Text fz="sm" c="dimmed" mb="xs">
            The host closes a batch on its own when a merchant's rule is met; close one here when a merchant asks early. Discount and fees stay with the bank;
            a batch is closed only when its net payout is above zero.
          </Text>
          {due.error && (
            <Alert color="red" mb="sm" title="Could not load what is due">
              {due.error}
            </Alert>
          )}
          <DataTable
            label="Merchants due a settlement"
            minWidth={950}
            rows={due_rows}
            columns={due_columns}
            loading={due.loading}
            rowKey={(d) => String(d.merchant_id)}
            empty={show_all ? 'No merchants yet.' : 'No merchant is due a settlement now. Show every merchant to close one early.'}
          />
        </section>
        <section aria-labelledby="batches-title">
          <Group justify="space-between" align="flex-end" mb="xs">
            <Title order={4} id="batches-title">
              Batches
            </Title>
            <Select
              aria-label="Payout status"
              placeholder="Any payout status"
              clearable
              w={220}
              data={[
                { value: 'unpaid', label: 'Not paid (no file or returned)' },
                { value: 'exported', label: 'File exported, not sent' },
                { value: 'sent', label: 'Sent' },
                { value: 'returned', label: 'Returned' },
              ]}
              value={payout_status}
              onChange={(v) => setPayoutStatus((v as PayoutFilter | null) ?? null)}
            />
          </Group>
          {batches.error && (
            <Alert color="red" mb="sm" title="Could not load batches">
              {batches.error}
            </Alert>
          )}
          <BatchTable
            rows={batches.data?.rows}
            loading={batches.loading}
            paging={{ page: paging.page, page_size: paging.page_size, total: batches.data?.total ?? 0, onChange: paging.setPage }}
            empty={payout_status ? 'No batches with that payout status.' : 'No batch has been closed yet.'}
          />
        </section>
      </Stack>
      <CloseBatchModal
        due={closing}
        onClose={() => setClosing(undefined)}
        onClosed={(batch_id) => {
          setClosing(undefined)
          setRefresh((n) => n + 1)
          navigate({ screen: 'settlement_batch', batch_id })
        }}
      />
    </>
  )
}

export function BatchTable({
  rows,
  loading,
  paging,
  empty,
  show_merchant = true,
}: {
  rows: BatchView[] | undefined
  loading: boolean
  paging?: { page: number; page_size: number; total: number; onChange: (page: number, page_size: number) => void }
  empty: string
  show_merchant?: boolean
}) {
  const columns = useMemo<ColumnDef<BatchView>[]>(() => {
    const money = (id: string, header: string, pick: (b: BatchView) => number, negative = false): ColumnDef<BatchView> => ({
      id,
      header,
      accessorFn: pick,
      meta: { align: 'right' },
      cell: ({ row: { original: b } }) => <Amount minor={negative && pick(b) !== 0 ? -pick(b) : pick(b)} exponent={b.exponent} currency={b.currency} />,
    })
    return [
      {
        id: 'reference',
        header: 'Reference',
        accessorFn: (b) => b.reference,
        cell: ({ row: { original: b } }) => (
          <Anchor href={routeHash({ screen: 'settlement_batch', batch_id: b.id })} ff="monospace" fz="sm" style={nowrap}>
            {b.reference}
          </Anchor>
        ),
      },
      ...(show_merchant
        ? [
            {
              id: 'merchant',
              header: 'Merchant',
              accessorFn: (b: BatchView) => b.merchant_name,
              cell: ({ row }) => <Text fz="sm" style={nowrap}>{row.original.merchant_name}</Text>,
            } satisfies ColumnDef<BatchView>,
          ]
        : []),
      {
        id: 'closed',
        header: 'Closed',
        accessorFn: (b) => b.closed_at,
        // When and by whom in one cell, so Net and Payout stay in view on a laptop screen.
        cell: ({ row: { original: b } }) => (
          <>
            <Text fz="sm" style={nowrap}>
              {formatTime(b.closed_at)}
            </Text>
            <Text fz="xs" c="dimmed" style={nowrap}>
              {closedByLabel(b)}
            </Text>
          </>
        ),
      },
      { id: 'count', header: 'Purchases', accessorFn: (b) => b.purchase_count, meta: { align: 'right' } },
      money('gross', 'Gross', (b) => b.gross_minor),
      money('corrections', 'Corrections', (b) => b.corrections_minor, true),
      money('discount', 'Discount', (b) => b.discount_minor, true),
      money('fees', 'Fees', (b) => b.fees_minor, true),
      {
        id: 'net',
        header: 'Net',
        accessorFn: (b) => b.net_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: b } }) => <Amount minor={b.net_minor} exponent={b.exponent} currency={b.currency} fw={600} />,
      },
      {
        id: 'payout',
        header: 'Payout',
        accessorFn: (b) => b.payout_status ?? '',
        cell: ({ row: { original: b } }) => (
          <Badge color={b.payout_status ? payout_status_colors[b.payout_status] : 'gray'} variant="light" size="sm" radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
            {payoutStatusLabel(b.payout_status)}
          </Badge>
        ),
      },
    ]
  }, [show_merchant])
  return (
    <DataTable
      label="Settlement batches"
      minWidth={show_merchant ? 1150 : 1000}
      rows={rows}
      columns={columns}
      loading={loading}
      rowKey={(b) => String(b.id)}
      onRowClick={(b) => navigate({ screen: 'settlement_batch', batch_id: b.id })}
      empty={empty}
      paging={paging}
    />
  )
}
