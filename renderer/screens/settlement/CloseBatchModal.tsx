/** Closing a merchant's batch by hand: what will happen, in words, then one idempotent request. */
import { Modal, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { call, errorMessage } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'
import type { DueView } from './words'

export function CloseBatchModal({ due, onClose, onClosed }: { due: DueView | undefined; onClose: () => void; onClosed: (batch_id: number) => void }) {
  return (
    <Modal opened={due !== undefined} onClose={onClose} title="Close settlement batch">
      {due && <CloseBatchForm due={due} onCancel={onClose} onClosed={onClosed} />}
    </Modal>
  )
}

function CloseBatchForm({ due, onCancel, onClosed }: { due: DueView; onCancel: () => void; onClosed: (batch_id: number) => void }) {
  const idempotency = useIdempotencyKey()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FormFailure>()

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(undefined)
    try {
      const { batch } = await call('settlement.close', { merchant_id: due.merchant_id, idempotency_key: idempotency.key })
      notifySuccess('Batch closed', `${batch.reference}: ${formatAmount(batch.net_minor, batch.exponent, batch.currency)} to pay ${batch.merchant_name}.`)
      onClosed(batch.id)
    } catch (caught) {
      idempotency.afterFailure(caught)
      setFailure({ title: 'Batch not closed', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">
          Close a batch for <b>{due.merchant_name}</b> now: {due.purchase_count} purchase{due.purchase_count === 1 ? '' : 's'}, unsettled{' '}
          {formatAmount(due.unsettled_minor, due.exponent, due.currency)}, net payout about <b>{formatAmount(due.net_minor, due.exponent, due.currency)}</b> after the
          discount and fees.
        </Text>
        <Text fz="sm" c="dimmed">
          The net moves from the merchant's payable account to settlement, ready for a payout file. Purchases made after this moment go into the next batch.
        </Text>
        <FormFooter submit="Close batch" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
