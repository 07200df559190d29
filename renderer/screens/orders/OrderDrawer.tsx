/**
 * One order opened from the list: what was bought, from whom, how it was paid, every
 * transfer it caused (and any reversal or dispute credit since), and its disputes with their
 * actions. "Open dispute" asks for the customer's reason; the charge is named by the host.
 */
import { Alert, Button, Drawer, Group, Modal, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import type { OrderView } from '../../../main/api/console/commands/disputes'
import { call, errorMessage } from '../../api/client'
import { Amount, formatAmount, tabular } from '../../shared/Amount'
import { Fact } from '../../shared/Fact'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { StatusBadge } from '../../shared/StatusBadge'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'
import { useMayCall } from '../../src/session'
import { DisputeActions } from '../disputes/DisputeActions'
import { dispute_colors } from '../disputes/dispute-words'
import { method_labels } from './order-columns'

type Detail = CommandOutput<'orders.get'>

export function OrderDrawer({ order, onClose, onChanged }: { order: OrderView | undefined; onClose: () => void; onChanged: () => void }) {
  return (
    <Drawer opened={order !== undefined} onClose={onClose} position="right" size="xl" title={order ? `Order ${order.purchase_id}` : ''}>
      {order && <OrderBody purchase_id={order.purchase_id} onChanged={onChanged} />}
    </Drawer>
  )
}

function OrderBody({ purchase_id, onChanged }: { purchase_id: string; onChanged: () => void }) {
  const [refresh, setRefresh] = useState(0)
  const [opening, setOpening] = useState(false)
  const may_open = useMayCall('disputes.open')
  const detail = useCommand('orders.get', { purchase_id }, { refresh })
  const changed = () => {
    setRefresh((n) => n + 1)
    onChanged()
  }
  if (detail.error) return <Alert color="red" title="Could not load the order">{detail.error}</Alert>
  if (!detail.data) return <Skeleton height={200} />
  const { order, transfers, disputes, charge_transfer_id } = detail.data
  const money = (minor: number) => <Amount minor={minor} exponent={order.exponent} currency={order.currency} />
  const has_open = disputes.some((d) => d.status === 'open')
  const reversed = disputes.some((d) => d.status === 'reversed')
  return (
    <Stack gap="md">
      <SimpleGrid cols={3} spacing="sm">
        <Fact label="Item">
          {order.item_title}
          <Text fz="xs" c="dimmed">
            item {order.item_id}
          </Text>
        </Fact>
        <Fact label="Merchant">{order.merchant_name}</Fact>
        <Fact label="Customer">{order.customer_name ?? '—'}</Fact>
        <Fact label="Amount">{money(order.amount_minor)}</Fact>
        <Fact label="Method">{order.method ? method_labels[order.method] : '—'}</Fact>
        <Fact label="Top-up">{order.top_up_minor === 0 ? '—' : money(order.top_up_minor)}</Fact>
        <Fact label="Time">
          <span style={tabular}>{formatTime(order.created_at)}</span>
        </Fact>
        <Fact label="Status">
          <StatusBadge status={order.status} />
        </Fact>
        {order.decline_code && (
          <Fact label="Declined because">
            <Text span ff="monospace" fz="sm">
              {order.decline_code}
            </Text>
            {order.decline_message ? `: ${order.decline_message}` : ''}
          </Fact>
        )}
      </SimpleGrid>

      <Title order={4}>Transfers</Title>
      {transfers.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No money moved: the order was declined.
        </Text>
      ) : (
        <Table aria-label="Order transfers" withTableBorder striped fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td style={tabular}>{t.id}</Table.Td>
                <Table.Td>
                  {t.code_label}
                  {t.reverses_id !== null && (
                    <Text span fz="xs" c="dimmed">
                      {' '}
                      of #{t.reverses_id}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {t.debit_number}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {t.credit_number}
                </Table.Td>
                <Table.Td ta="right">{money(t.amount_minor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Group justify="space-between">
        <Title order={4}>Disputes</Title>
        {may_open && charge_transfer_id !== null && !has_open && !reversed && (
          <Button size="compact-sm" variant="light" color="orange" onClick={() => setOpening(true)}>
            Open dispute
          </Button>
        )}
      </Group>
      {disputes.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {charge_transfer_id === null ? 'A declined order cannot be disputed: nothing was charged.' : 'No disputes on this order.'}
        </Text>
      ) : (
        disputes.map((d) => (
          <Stack key={d.id} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs">
                <Text fw={600} fz="sm">
                  Dispute {d.id}
                </Text>
                <StatusBadge status={d.status} color={dispute_colors[d.status]} />
                {d.provisional_transfer_id !== null && (
                  <Text fz="xs" c="dimmed">
                    provisional credit #{d.provisional_transfer_id}
                  </Text>
                )}
              </Group>
              <DisputeActions dispute={d} onChanged={changed} />
            </Group>
            <Text fz="sm">
              “{d.reason}” — opened {formatTime(d.opened_at)} by {d.opened_by_username}
            </Text>
            {d.resolved_at && (
              <Text fz="sm" c="dimmed">
                {d.status === 'reversed' ? 'Reversed' : 'Rejected'} {formatTime(d.resolved_at)} by {d.resolved_by_username}
                {d.resolution_note ? `: ${d.resolution_note}` : ''}
              </Text>
            )}
          </Stack>
        ))
      )}
      <Modal opened={opening} onClose={() => setOpening(false)} title={`Open a dispute on order ${order.purchase_id}`}>
        {opening && (
          <OpenDisputeForm
            detail={detail.data}
            onCancel={() => setOpening(false)}
            onDone={() => {
              setOpening(false)
              changed()
            }}
          />
        )}
      </Modal>
    </Stack>
  )
}

function OpenDisputeForm({ detail, onCancel, onDone }: { detail: Detail; onCancel: () => void; onDone: () => void }) {
  const { order } = detail
  const key = useIdempotencyKey()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (reason.trim() === '') {
      setError('Say why the customer disputes the charge')
      return
    }
    setError(undefined)
    setBusy(true)
    setFailure(undefined)
    try {
      const answer = await call('disputes.open', { purchase_id: order.purchase_id, reason: reason.trim(), idempotency_key: key.key })
      notifySuccess('Dispute opened', `Dispute ${answer.dispute.id} on ${formatAmount(order.amount_minor, order.exponent, order.currency)} at ${order.merchant_name}.`)
      onDone()
    } catch (caught) {
      key.afterFailure(caught)
      setFailure({ title: 'Dispute not opened', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">
          {order.customer_name ?? 'The customer'} disputes the charge of {formatAmount(order.amount_minor, order.exponent, order.currency)} for “{order.item_title}” at{' '}
          {order.merchant_name}. No money moves yet.
        </Text>
        <Textarea label="Customer's reason" required data-autofocus maxLength={300} value={reason} error={error} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormFooter submit="Open dispute" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
