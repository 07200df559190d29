/**
 * Editing one currency's amount setting (the micropayment threshold, the refund approval
 * threshold), typed in major units and saved through the host, which has the last word.
 */
import { Modal, Stack } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../api/client'
import { formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter } from '../../shared/FormFooter'
import { minorToInputText } from '../../shared/money-input'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'

export interface CurrencyAmount {
  currency: string
  exponent: number
  amount_minor: number
}

interface CurrencyAmountModalProps {
  /** The setting being edited; undefined keeps the modal closed. */
  editing: CurrencyAmount | undefined
  /** "Micropayment threshold": the modal is titled "<title> — USD". */
  title: string
  label: string
  /** Saves on the host; a refusal is shown in the form. */
  save: (currency: string, amount_minor: number) => Promise<unknown>
  /** The success notice's sentence for the saved amount, already formatted. */
  savedText: (currency: string, amount: string) => string
  onClose: () => void
  onSaved: () => void
}

export function CurrencyAmountModal({ editing, title, onClose, ...form }: CurrencyAmountModalProps) {
  return (
    <Modal opened={editing !== undefined} onClose={onClose} title={`${title} — ${editing?.currency ?? ''}`}>
      {editing && <CurrencyAmountForm editing={editing} title={title} onCancel={onClose} {...form} />}
    </Modal>
  )
}

function CurrencyAmountForm({
  editing,
  title,
  label,
  save,
  savedText,
  onCancel,
  onSaved,
}: Omit<CurrencyAmountModalProps, 'editing' | 'onClose'> & { editing: CurrencyAmount; onCancel: () => void }) {
  const amount = useAmountField(editing.exponent, () => minorToInputText(editing.amount_minor, editing.exponent))
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
      await save(editing.currency, amount_minor)
      notifySuccess(`${title} saved`, savedText(editing.currency, formatAmount(amount_minor, editing.exponent, editing.currency)))
      onSaved()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <AmountInput label={label} required data-autofocus currency={editing.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <FormFooter submit="Save" busy={busy} failure={refusal ? { title: `${title} not saved`, message: refusal } : undefined} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
