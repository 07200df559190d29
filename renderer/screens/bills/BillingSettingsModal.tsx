/** A customer's billing day, bill cap and bill fee (supervisors and administrators). */
import { Modal, NumberInput, Stack, Switch } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { BillingSummary } from '../../../main/api/console/commands/billing'
import { formatMinor } from '../../../main/ledger/money'
import { call, errorMessage } from '../../api/client'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { useAmountField } from '../../shared/useAmountField'
import { parseAmountToMinor } from '../../shared/money-input'

export function BillingSettingsModal({ summary, opened, onClose, onDone }: { summary: BillingSummary; opened: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Billing settings">
      <SettingsForm summary={summary} onCancel={onClose} onDone={onDone} />
    </Modal>
  )
}

function SettingsForm({ summary, onCancel, onDone }: { summary: BillingSummary; onCancel: () => void; onDone: () => void }) {
  const [day, setDay] = useState<number | string>(summary.billing_day)
  const [has_cap, setHasCap] = useState(summary.bill_cap_minor !== null)
  const cap = useAmountField(summary.exponent, summary.bill_cap_minor === null ? '' : formatMinor(summary.bill_cap_minor, summary.exponent).replaceAll(',', ''))
  const [fee, setFee] = useState(formatMinor(summary.bill_fee_minor, summary.exponent).replaceAll(',', ''))
  const [fee_error, setFeeError] = useState<string>()
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const bill_cap_minor = has_cap ? cap.check() : null
    if (bill_cap_minor === undefined) return
    const fee_parsed = parseAmountToMinor(fee, summary.exponent)
    setFeeError(fee_parsed.ok ? undefined : fee_parsed.message)
    if (!fee_parsed.ok) return
    setBusy(true)
    setFailure(undefined)
    try {
      await call('customers.set_billing', { customer_id: summary.customer_id, billing_day: Number(day), bill_cap_minor, bill_fee_minor: fee_parsed.amount_minor })
      notifySuccess('Billing settings saved', `${summary.customer_name}: bills close on day ${Number(day)} of each month.`)
      onDone()
    } catch (caught) {
      setFailure({ title: 'Settings not saved', message: errorMessage(caught) })
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NumberInput label="Billing day" description="The cycle ends at 00:00 UTC on this day of each month (1–28)" min={1} max={28} allowDecimal={false} value={day} onChange={setDay} required data-autofocus />
        <Switch label="Close the bill early at a cap" checked={has_cap} onChange={(e) => setHasCap(e.currentTarget.checked)} />
        {has_cap && <AmountInput label="Bill cap" description="When the running total reaches this, the bill closes at once" currency={summary.currency} value={cap.value} error={cap.error} onChange={cap.setValue} />}
        <AmountInput label="Bill fee" description="Added to each bill; 0 for none" currency={summary.currency} value={fee} error={fee_error} onChange={setFee} />
        <FormFooter submit="Save settings" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
