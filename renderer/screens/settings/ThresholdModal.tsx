/** Editing one currency's micropayment threshold, typed in major units. */
import { Modal, Stack } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter } from '../../shared/FormFooter'
import { minorToInputText } from '../../shared/money-input'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'

type Threshold = CommandOutput<'settings.get'>['thresholds'][number]

interface ThresholdModalProps {
  threshold: Threshold | undefined
  onClose: () => void
  onSaved: () => void
}

export function ThresholdModal({ threshold, onClose, onSaved }: ThresholdModalProps) {
  return (
    <Modal opened={threshold !== undefined} onClose={onClose} title={`Micropayment threshold — ${threshold?.currency ?? ''}`}>
      {threshold && <ThresholdForm threshold={threshold} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function ThresholdForm({ threshold, onCancel, onSaved }: { threshold: Threshold; onCancel: () => void; onSaved: () => void }) {
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
      await call('settings.set_threshold', { currency: threshold.currency, threshold_minor: amount_minor })
      notifySuccess('Threshold saved', `${threshold.currency}: ${formatAmount(amount_minor, threshold.exponent, threshold.currency)}`)
      onSaved()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <AmountInput
          label="Threshold"
          required
          data-autofocus
          currency={threshold.currency}
          value={amount.value}
          error={amount.error}
          onChange={amount.setValue}
        />
        <FormFooter
          submit="Save"
          busy={busy}
          failure={refusal ? { title: 'Threshold not saved', message: refusal } : undefined}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  )
}
