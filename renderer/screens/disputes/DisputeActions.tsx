/**
 * What a clerk can do with an open dispute: grant a provisional credit (once), resolve it by
 * reversing the charge, or reject it with a note. Each asks first (ConfirmModal or a note
 * form) and sends one idempotency key per dialog, so a double click moves money once. A
 * reversal above the refund threshold comes back as an approval request; the notice says so.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { DisputeView } from '../../../main/api/console/commands/disputes'
import { call, errorMessage } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { ConfirmModal } from '../../shared/ConfirmModal'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'
import { useMayCall } from '../../src/session'

type Action = 'provisional' | 'reverse' | 'reject'

export function DisputeActions({ dispute, onChanged }: { dispute: DisputeView; onChanged: () => void }) {
  const may_act = useMayCall('disputes.resolve_reversal')
  const [action, setAction] = useState<Action>()
  if (dispute.status !== 'open' || !may_act) return null
  const amount = formatAmount(dispute.amount_minor, dispute.exponent, dispute.currency)
  const done = () => {
    setAction(undefined)
    onChanged()
  }
  if (dispute.pending_approval_id !== null) {
    return (
      <Text fz="sm" c="dimmed">
        Refund waits for approval (request {dispute.pending_approval_id})
      </Text>
    )
  }
  return (
    <>
      <Group gap="xs" justify="flex-end" wrap="nowrap">
        {dispute.provisional_transfer_id === null && (
          <Button size="compact-sm" variant="light" onClick={() => setAction('provisional')} aria-label={`Grant provisional credit on dispute ${dispute.id}`}>
            Grant provisional credit
          </Button>
        )}
        <Button size="compact-sm" variant="light" color="green" onClick={() => setAction('reverse')} aria-label={`Resolve dispute ${dispute.id} by reversal`}>
          Resolve by reversal
        </Button>
        <Button size="compact-sm" variant="light" color="red" onClick={() => setAction('reject')} aria-label={`Reject dispute ${dispute.id}`}>
          Reject
        </Button>
      </Group>
      {action === 'provisional' && <ProvisionalConfirm dispute={dispute} amount={amount} onClose={() => setAction(undefined)} onDone={done} />}
      <Modal opened={action === 'reverse' || action === 'reject'} onClose={() => setAction(undefined)} title={action === 'reject' ? `Reject dispute ${dispute.id}` : `Resolve dispute ${dispute.id} by reversal`}>
        {(action === 'reverse' || action === 'reject') && <ResolveForm dispute={dispute} amount={amount} action={action} onCancel={() => setAction(undefined)} onDone={done} />}
      </Modal>
    </>
  )
}

function ProvisionalConfirm({ dispute, amount, onClose, onDone }: { dispute: DisputeView; amount: string; onClose: () => void; onDone: () => void }) {
  const key = useIdempotencyKey()
  return (
    <ConfirmModal
      opened
      title={`Provisional credit — dispute ${dispute.id}`}
      confirm="Grant provisional credit"
      color="blue"
      onClose={onClose}
      onConfirm={async () => {
        try {
          await call('disputes.grant_provisional', { dispute_id: dispute.id, idempotency_key: key.key })
        } catch (failure) {
          key.afterFailure(failure)
          throw failure
        }
        notifySuccess('Provisional credit granted', `${amount} to ${dispute.customer_name}'s account ${dispute.source_account_number}.`)
        onDone()
      }}
    >
      Credit {amount} to {dispute.customer_name}'s account {dispute.source_account_number} now, while the dispute is open. A rejection takes it back; a reversal replaces it, so
      the customer is credited once.
    </ConfirmModal>
  )
}

function ResolveForm({ dispute, amount, action, onCancel, onDone }: { dispute: DisputeView; amount: string; action: 'reverse' | 'reject'; onCancel: () => void; onDone: () => void }) {
  const key = useIdempotencyKey()
  const [note, setNote] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (action === 'reject' && note.trim() === '') {
      setError('Say why the dispute is rejected')
      return
    }
    setError(undefined)
    setBusy(true)
    setFailure(undefined)
    try {
      if (action === 'reverse') {
        const answer = await call('disputes.resolve_reversal', { dispute_id: dispute.id, note: note.trim(), idempotency_key: key.key })
        if (answer.approval_id !== null) notifySuccess('Refund sent for approval', `${amount} is above the refund threshold: a second person approves request ${answer.approval_id} on Approvals.`)
        else notifySuccess('Charge reversed', `${amount} back to ${dispute.customer_name}, taken from ${dispute.merchant_name}'s payable.`)
      } else {
        await call('disputes.reject', { dispute_id: dispute.id, note: note.trim(), idempotency_key: key.key })
        notifySuccess('Dispute rejected', dispute.provisional_transfer_id !== null ? `The provisional credit of ${amount} was withdrawn.` : 'No money moved.')
      }
      onDone()
    } catch (caught) {
      key.afterFailure(caught)
      setFailure({ title: action === 'reverse' ? 'Reversal refused' : 'Rejection refused', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm">
          {action === 'reverse'
            ? `Reverse the charge of ${amount}: ${dispute.merchant_name}'s payable pays it back to ${dispute.customer_name}'s account ${dispute.source_account_number}${dispute.provisional_transfer_id !== null ? ', and the provisional credit is withdrawn so the customer is credited once' : ''}. Above the refund threshold this waits for a second person.`
            : `Reject the dispute: the charge of ${amount} stands${dispute.provisional_transfer_id !== null ? ` and the provisional credit is taken back from account ${dispute.source_account_number}` : ''}.`}
        </Text>
        <Textarea label={action === 'reject' ? 'Why' : 'Note (optional)'} required={action === 'reject'} data-autofocus maxLength={300} value={note} error={error} onChange={(e) => setNote(e.currentTarget.value)} />
        <FormFooter submit={action === 'reverse' ? 'Resolve by reversal' : 'Reject dispute'} busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
