/**
 * One bill's statement, as the customer gets it: the lines (date, merchant, item, amount),
 * the bill fee, credits, total, what was paid or written off, the due date and status, with
 * the statement as PDF or CSV to save.
 */
import { Alert, Button, Group, Modal, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { call } from '../../api/client'
import { Amount } from '../../shared/Amount'
import { downloadFile } from '../../shared/download'
import { Fact } from '../../shared/Fact'
import { notifyError } from '../../shared/notify'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { BillStatusBadge } from './BillStatusBadge'
import { close_reason_labels, utcDay } from './bill-words'

const line_kind_labels = { credit_purchase: 'Credit purchase', top_up: 'Top-up', customer_fee: 'Fee', credit: 'Credit', other_charge: 'Charge' } as const

export function BillStatement({ bill_id, onClose }: { bill_id: number | undefined; onClose: () => void }) {
  return (
    <Modal opened={bill_id !== undefined} onClose={onClose} title="Bill statement" size="xl">
      {bill_id !== undefined && <StatementBody bill_id={bill_id} />}
    </Modal>
  )
}

function StatementBody({ bill_id }: { bill_id: number }) {
  const got = useCommand('bills.get', { bill_id })
  const [busy, setBusy] = useState<'csv' | 'pdf'>()
  if (got.error) return <Alert color="red" title="Could not load this bill">{got.error}</Alert>
  if (!got.data || got.data.bill.id !== bill_id) return <Skeleton height={240} />
  const { bill, lines, payments } = got.data
  const money = (minor: number, bold = false) => <Amount minor={minor} exponent={bill.exponent} currency={bill.currency} fw={bold ? 700 : undefined} />

  async function save(kind: 'csv' | 'pdf') {
    setBusy(kind)
    try {
      downloadFile(await call(kind === 'csv' ? 'bills.statement_csv' : 'bills.statement_pdf', { bill_id }))
    } catch (failure) {
      notifyError('Statement not made', failure)
    }
    setBusy(undefined)
  }

  const total_row = (label: string, minor: number, bold = false) => (
    <Table.Tr>
      <Table.Td colSpan={4} ta="right" fw={bold ? 700 : undefined}>
        {label}
      </Table.Td>
      <Table.Td ta="right">{money(minor, bold)}</Table.Td>
    </Table.Tr>
  )

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <SimpleGrid cols={4} spacing="lg" style={{ flexGrow: 1 }}>
          <Fact label="Bill">
            <Text ff="monospace" fz="sm">{bill.reference}</Text>
          </Fact>
          <Fact label="Customer">{bill.customer_name}</Fact>
          <Fact label="Period (UTC)">{`${utcDay(bill.cycle_start)} – ${utcDay(bill.cycle_end)}`}</Fact>
          <Fact label="Status">
            <BillStatusBadge status={bill.status} />
          </Fact>
          <Fact label="Closed">{`${formatTime(bill.closed_at)} · ${close_reason_labels[bill.close_reason]}`}</Fact>
          <Fact label="Due">{formatTime(bill.due_at).slice(0, 10)}</Fact>
          <Fact label="Still to pay">{money(bill.unpaid_minor, true)}</Fact>
        </SimpleGrid>
        <Group gap="xs">
          <Button variant="default" size="xs" loading={busy === 'pdf'} onClick={() => void save('pdf')}>
            Statement PDF
          </Button>
          <Button variant="default" size="xs" loading={busy === 'csv'} onClick={() => void save('csv')}>
            Statement CSV
          </Button>
        </Group>
      </Group>
      {bill.fee_note !== '' && (
        <Alert color="yellow" title="Bill fee not charged">
          {bill.fee_note}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600} maxHeight={360} type="native">
        <Table aria-label="Bill lines" stickyHeader striped withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Merchant</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={l.transfer_id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(l.created_at)}</Table.Td>
                <Table.Td>{line_kind_labels[l.kind]}</Table.Td>
                <Table.Td>{l.merchant ?? <Text span c="dimmed" fz="sm">—</Text>}</Table.Td>
                <Table.Td>{l.item}</Table.Td>
                <Table.Td ta="right">{money(l.amount_minor)}</Table.Td>
              </Table.Tr>
            ))}
            {total_row('Charges', bill.charges_minor)}
            {total_row('Credits', -bill.credits_minor)}
            {total_row('Bill fee', bill.fee_minor)}
            {total_row('Total', bill.total_minor, true)}
            {total_row('Paid', bill.paid_minor - bill.written_off_minor - bill.credited_minor)}
            {bill.credited_minor > 0 && total_row('Settled by refund credit', bill.credited_minor)}
            {bill.written_off_minor > 0 && total_row('Written off', bill.written_off_minor)}
            {bill.credit_left_minor > 0 && total_row('Credit carried to the next bill', bill.credit_left_minor)}
            {total_row('Still to pay', bill.unpaid_minor, true)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {payments.length > 0 && (
        <Text fz="sm" c="dimmed">
          Payments applied: {payments.map((p) => `${formatTime(p.created_at).slice(0, 10)}${p.reference ? ` (${p.reference})` : ''}`).join(', ')}
        </Text>
      )}
    </Stack>
  )
}
