/**
 * "Record payment": money the customer paid towards their bill. The idempotency key is made
 * when the modal opens, so a double click or a retry records the payment once.
 */
import { Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { BillingSummary } from '../../../main/api/console/commands/billing'
import { call } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { describeMoneyFailure } from '../../shared/money-failure'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'

export function RecordPaymentModal({ summary, opened, onClose, onDone }: { summary: BillingSummary; opened: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Record payment">
      <PaymentForm summary={summary} onCancel={onClose} onDone={onDone} />
    </Modal>
  )
}

function PaymentForm({ summary, onCancel, onDone }: { summary: BillingSummary; onCancel: () => void; onDone: () => void }) {
  const idempotency = useIdempotencyKey()
  const money = (minor: number) => formatAmount(minor, summary.exponent, summary.currency)
  const amount = useAmountField(summary.exponent)
  const [reference, setReference] = useState('')
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const amount_minor = amount.check()
    if (amount_minor === undefined) return
    setBusy(true)
    setFailure(undefined)
    try {
      const paid = await call('bills.record_payment', { customer_id: summary.customer_id, amount_minor, reference: reference.trim(), idempotency_key: idempotency.key })
      const applied = paid.applied.map((a) => `${money(a.amount_minor)} to ${a.reference}`).join(', ')
      notifySuccess(
        'Payment recorded',
        [`${money(paid.amount_minor)} received.`, applied ? `Applied ${applied}.` : 'No unpaid bill: it pays the running charges.', paid.reactivated ? 'The customer can buy again.' : '']
          .filter((s) => s !== '')
          .join(' '),
      )
      onDone()
    } catch (caught) {
      idempotency.afterFailure(caught)
      setFailure(describeMoneyFailure('Payment', 'Record payment', caught))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {summary.customer_name} owes {money(summary.owed_minor)} on the credit account, {money(summary.unpaid_bills_minor)} of it on unpaid bills. The payment is applied to the oldest unpaid bill first.
        </Text>
        <AmountInput label="Amount received" required data-autofocus currency={summary.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <TextInput label="Reference" description="The bank transfer or giro reference; printed on the statement" maxLength={140} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        <FormFooter submit="Record payment" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
