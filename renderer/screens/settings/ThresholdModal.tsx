/** Editing one currency's micropayment threshold, typed in major units. */
import { Alert, Button, Group, Modal, Stack } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CommandOutput } from '../../../main/api/console/contract'
import { call, errorMessage } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { minorToInputText, parseAmountToMinor } from '../../shared/money-input'
import { notifySuccess } from '../../shared/notify'

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
  const [amount, setAmount] = useState(() => minorToInputText(threshold.threshold_minor, threshold.exponent))
  const [amount_error, setAmountError] = useState<string>()
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const parsed = parseAmountToMinor(amount, threshold.exponent)
    const problem = !parsed.ok ? parsed.message : parsed.amount_minor === 0 ? 'Enter more than zero' : undefined
    setAmountError(problem)
    if (!parsed.ok || problem) return
    setBusy(true)
    setRefusal(undefined)
    try {
      await call('settings.set_threshold', { currency: threshold.currency, threshold_minor: parsed.amount_minor })
      notifySuccess('Threshold saved', `${threshold.currency}: ${formatAmount(parsed.amount_minor, threshold.exponent, threshold.currency)}`)
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
          value={amount}
          error={amount_error}
          onChange={setAmount}
        />
        {refusal && (
          <Alert color="red" role="alert" title="Threshold not saved">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
