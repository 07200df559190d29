/**
 * One settlement batch (#/settlement/:id): its figures, the payout attempts with their steps
 * (export the pain.001 file, mark it sent, record a return with the bank's reason, re-send to the
 * merchant's corrected account), the CSV and PDF, and every line with item and payer pseudonym.
 */
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState, type FormEvent } from 'react'
import { call, errorMessage } from '../../api/client'
import { Amount } from '../../shared/Amount'
import { formatMinor } from '../../../main/ledger/money'
import { percentText } from '../../../main/merchants/rules'
import { isTransferCode, transfer_codes } from '../../../main/ledger/codes'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { DataTable } from '../../shared/DataTable'
import { downloadFile } from '../../shared/download'
import { Fact } from '../../shared/Fact'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifyError, notifySuccess } from '../../shared/notify'
import { routeHash } from '../../shared/route'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { usePaging } from '../../shared/usePaging'
import { useMayCall } from '../../src/session'
import { closedByLabel, payout_status_colors, payoutStatusLabel, type BatchView, type LineView, type PayoutView } from './words'

type ExportCommand = 'settlement.export_csv' | 'settlement.export_pain001' | 'settlement.export_pdf'

export function BatchDetailScreen({ batch_id }: { batch_id: number }) {
  const [refresh, setRefresh] = useState(0)
  const paging = usePaging(String(batch_id), 100)
  const detail = useCommand('settlement.get', { batch_id, page: paging.page, page_size: paging.page_size }, { refresh })
  const reload = () => setRefresh((n) => n + 1)
  const batch = detail.data?.batch

  if (detail.error && !detail.data) {
    return (
      <Alert color="red" title="Could not load the batch">
        {detail.error}
      </Alert>
    )
  }
  return (
    <>
      <ScreenTitle
        title={
          <Group gap="xs">
            <Anchor href={routeHash({ screen: 'settlement' })} fz="lg">
              Settlement
            </Anchor>
            <Text span fz="lg" c="dimmed">
              /
            </Text>
            <Text span fz="lg" fw={700} ff="monospace">
              {batch?.reference ?? '…'}
            </Text>
          </Group>
        }
      >
        {batch && <ExportButtons batch={batch} payouts={detail.data?.payouts ?? []} onExported={reload} />}
      </ScreenTitle>
      {batch && (
        <Stack gap="md">
          <BatchFacts batch={batch} />
          <Payouts batch={batch} payouts={detail.data?.payouts ?? []} onChanged={reload} />
          <section aria-labelledby="lines-title">
            <Title order={4} id="lines-title" mb="xs">
              Lines
            </Title>
            <Lines batch={batch} rows={detail.data?.lines.rows} loading={detail.loading} paging={{ page: paging.page, page_size: paging.page_size, total: detail.data?.lines.total ?? 0, onChange: paging.setPage }} />
          </section>
        </Stack>
      )}
    </>
  )
}

function BatchFacts({ batch }: { batch: BatchView }) {
  const money = (minor: number) => <Amount minor={minor} exponent={batch.exponent} currency={batch.currency} />
  return (
    <Card withBorder padding="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Fact label="Merchant">
          <Anchor href={routeHash({ screen: 'merchant', merchant_id: batch.merchant_id })}>{batch.merchant_name}</Anchor>
        </Fact>
        <Fact label="Period">
          {batch.period_from ? formatTime(batch.period_from) : '—'} to {formatTime(batch.closed_at)}
        </Fact>
        <Fact label="Closed">{closedByLabel(batch)}</Fact>
        <Fact label="Payout">
          <Badge color={batch.payout_status ? payout_status_colors[batch.payout_status] : 'gray'} variant="light" size="sm" radius="sm">
            {payoutStatusLabel(batch.payout_status)}
          </Badge>
        </Fact>
      </SimpleGrid>
      <Table mt="sm" maw={520} fz="sm" verticalSpacing={2} aria-label="Batch figures">
        <Table.Tbody>
          <FigureRow label={`Gross (${batch.purchase_count} purchase${batch.purchase_count === 1 ? '' : 's'})`}>{money(batch.gross_minor)}</FigureRow>
          <FigureRow label="Corrections (reversals, chargebacks)">{money(-batch.corrections_minor)}</FigureRow>
          <FigureRow label={`Discount retained (${percentText(batch.discount_bps)})`}>{money(-batch.discount_minor)}</FigureRow>
          <FigureRow label={`Fees (${batch.purchase_count} × ${formatFee(batch)})`}>{money(-batch.fees_minor)}</FigureRow>
          <Table.Tr>
            <Table.Td fw={700}>Net payable to the merchant</Table.Td>
            <Table.Td ta="right" fw={700}>
              {money(batch.net_minor)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function formatFee(batch: BatchView): string {
  return `${formatMinor(batch.fee_per_purchase_minor, batch.exponent)} ${batch.currency}`
}

function FigureRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right">{children}</Table.Td>
    </Table.Tr>
  )
}

function ExportButtons({ batch, payouts, onExported }: { batch: BatchView; payouts: PayoutView[]; onExported: () => void }) {
  const [busy, setBusy] = useState<ExportCommand>()
  const may_start_payout = useMayCall('settlement.payout_sent')
  const live = payouts.find((p) => p.status !== 'returned')
  const returned_only = payouts.length > 0 && !live
  async function exportFile(command: ExportCommand) {
    setBusy(command)
    try {
      const file = await call(command, { batch_id: batch.id })
      downloadFile(file)
      notifySuccess('File ready', file.filename)
      if (command === 'settlement.export_pain001') onExported()
    } catch (failure) {
      notifyError('File not exported', failure)
    } finally {
      setBusy(undefined)
    }
  }
  const pain_disabled = returned_only || (!live && !may_start_payout)
  return (
    <Group gap="xs">
      <Button variant="default" loading={busy === 'settlement.export_csv'} onClick={() => void exportFile('settlement.export_csv')}>
        Export CSV
      </Button>
      <Button
        variant={live || !may_start_payout ? 'default' : 'filled'}
        loading={busy === 'settlement.export_pain001'}
        disabled={pain_disabled}
        title={returned_only ? 'The payout was returned: re-send it first' : undefined}
        onClick={() => void exportFile('settlement.export_pain001')}
      >
        {live ? 'Download pain.001' : 'Export pain.001'}
      </Button>
      <Button variant="default" loading={busy === 'settlement.export_pdf'} onClick={() => void exportFile('settlement.export_pdf')}>
        Export PDF
      </Button>
    </Group>
  )
}

function Payouts({ batch, payouts, onChanged }: { batch: BatchView; payouts: PayoutView[]; onChanged: () => void }) {
  const may_act = useMayCall('settlement.payout_sent')
  const [sending, setSending] = useState<PayoutView>()
  const [returning, setReturning] = useState<PayoutView>()
  const [resending, setResending] = useState(false)
  const live = payouts.find((p) => p.status !== 'returned')
  const account = (p: PayoutView) => p.creditor_iban ?? (p.creditor_account_number ? `Account ${p.creditor_account_number}` : '—')
  return (
    <section aria-labelledby="payouts-title">
      <Title order={4} id="payouts-title" mb="xs">
        Payout
      </Title>
      {payouts.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No payout yet. Export the pain.001 file to pay {batch.merchant_name}; send it to the bank, then mark it sent here.
        </Text>
      ) : (
        <Table withTableBorder striped fz="sm" verticalSpacing={4} aria-label="Payout attempts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>Message id</Table.Th>
              <Table.Th>Paid to</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payouts.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.attempt}</Table.Td>
                <Table.Td ff="monospace">{p.message_id}</Table.Td>
                <Table.Td ff="monospace">
                  {account(p)}
                  {p.creditor_bic ? ` · ${p.creditor_bic}` : ''}
                </Table.Td>
                <Table.Td>
                  <Badge color={payout_status_colors[p.status]} variant="light" size="sm" radius="sm">
                    {payoutStatusLabel(p.status)}
                  </Badge>
                  {p.return_reason && (
                    <Text fz="xs" c="dimmed">
                      {p.return_reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="xs">exported {formatTime(p.created_at)}</Text>
                  {p.sent_at && <Text fz="xs">sent {formatTime(p.sent_at)}</Text>}
                  {p.returned_at && <Text fz="xs">returned {formatTime(p.returned_at)}</Text>}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount minor={batch.net_minor} exponent={batch.exponent} currency={batch.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  {may_act && p.status === 'exported' && (
                    <Button size="compact-sm" variant="light" color="green" onClick={() => setSending(p)}>
                      Mark sent
                    </Button>
                  )}
                  {may_act && p.status === 'sent' && (
                    <Button size="compact-sm" variant="light" color="red" onClick={() => setReturning(p)}>
                      Record return
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {may_act && payouts.length > 0 && !live && (
        <Alert color="orange" mt="sm" title="The payout came back">
          <Group justify="space-between">
            <Text fz="sm">Correct {batch.merchant_name}'s settlement account on the merchant's page if needed, then re-send: a new attempt with the account as it is now.</Text>
            <Button size="compact-sm" onClick={() => setResending(true)}>
              Re-send
            </Button>
          </Group>
        </Alert>
      )}
      <ConfirmModal
        opened={sending !== undefined}
        title="Mark payout sent"
        confirm="Mark sent"
        color="green"
        onClose={() => setSending(undefined)}
        onConfirm={async () => {
          if (!sending) return
          await call('settlement.payout_sent', { payout_id: sending.id })
          notifySuccess('Payout sent', `${sending.message_id}: the net leaves settlement for the bank's account.`)
          setSending(undefined)
          onChanged()
        }}
      >
        The bank has taken file {sending?.message_id}. The net moves from settlement to the bank's own account; if the merchant's bank refuses it later,
        record the return.
      </ConfirmModal>
      <ConfirmModal
        opened={resending}
        title="Re-send payout"
        confirm="Re-send"
        color="blue"
        onClose={() => setResending(false)}
        onConfirm={async () => {
          const { payout } = await call('settlement.payout_resend', { batch_id: batch.id })
          notifySuccess('Payout re-sent', `${payout.message_id}: export its pain.001 file and send it to the bank.`)
          setResending(false)
          onChanged()
        }}
      >
        A new payout attempt for {batch.reference}, paid to {batch.merchant_name}'s settlement account as it is now.
      </ConfirmModal>
      <Modal opened={returning !== undefined} onClose={() => setReturning(undefined)} title="Record a returned payout">
        {returning && (
          <ReturnForm
            payout={returning}
            onCancel={() => setReturning(undefined)}
            onDone={() => {
              setReturning(undefined)
              onChanged()
            }}
          />
        )}
      </Modal>
    </section>
  )
}

function ReturnForm({ payout, onCancel, onDone }: { payout: PayoutView; onCancel: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (reason.trim().length < 3) {
      setError("Say why the merchant's bank returned it, e.g. AC04 account closed")
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      await call('settlement.payout_return', { payout_id: payout.id, reason: reason.trim() })
      notifySuccess('Return recorded', `${payout.message_id}: the money is back in settlement, ready to re-send.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Return not recorded', message: errorMessage(caught) })
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">The merchant's bank refused {payout.message_id}. The net comes back to settlement and the batch waits for a re-send.</Text>
        <Textarea label="Reason from the bank" required data-autofocus maxLength={500} value={reason} error={error} onChange={(e) => {
            setReason(e.currentTarget.value)
            setError(undefined)
          }}
        />
        <FormFooter submit="Record return" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}

function Lines({
  batch,
  rows,
  loading,
  paging,
}: {
  batch: BatchView
  rows: LineView[] | undefined
  loading: boolean
  paging: { page: number; page_size: number; total: number; onChange: (page: number, page_size: number) => void }
}) {
  const columns = useMemo<ColumnDef<LineView>[]>(
    () => [
      { id: 'transfer', header: 'Transfer', accessorFn: (l) => l.transfer_id, meta: { align: 'right' } },
      { id: 'at', header: 'Time', accessorFn: (l) => l.at, cell: ({ row }) => formatTime(row.original.at) },
      {
        id: 'kind',
        header: 'Kind',
        accessorFn: (l) => l.kind,
        cell: ({ row: { original: l } }) => (
          <Text fz="sm" c={l.kind === 'correction' ? 'red' : undefined}>
            {isTransferCode(l.code) ? transfer_codes[l.code] : l.code}
          </Text>
        ),
      },
      { id: 'item', header: 'Item', accessorFn: (l) => l.item_title ?? l.memo },
      { id: 'purchase', header: 'Purchase', accessorFn: (l) => l.purchase_id ?? '', cell: ({ row }) => <Text ff="monospace" fz="xs">{row.original.purchase_id?.slice(0, 13) ?? '—'}</Text> },
      { id: 'payer', header: 'Payer (pseudonym)', accessorFn: (l) => l.payer_pseudonym ?? '', cell: ({ row }) => <Text ff="monospace" fz="xs">{row.original.payer_pseudonym?.slice(0, 12) ?? '—'}</Text> },
      {
        id: 'amount',
        header: 'Amount',
        accessorFn: (l) => l.amount_minor,
        meta: { align: 'right' },
        cell: ({ row: { original: l } }) => <Amount minor={l.amount_minor} exponent={batch.exponent} currency={batch.currency} />,
      },
    ],
    [batch.exponent, batch.currency],
  )
  return <DataTable label="Batch lines" minWidth={1000} rows={rows} columns={columns} loading={loading} rowKey={(l) => String(l.transfer_id)} empty="This batch has no lines." paging={paging} />
}
