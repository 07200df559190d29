/**
 * "Move value": between a customer's value account and cash-access account, either way. Like
 * funding, the idempotency key is made when the modal opens so a retry moves the money once.
 */
import { Modal, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { AccountView, CommandInput } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { Amount, formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { FormFooter, type FormFailure } from '../../shared/FormFooter'
import { notifySuccess } from '../../shared/notify'
import { describeMoneyFailure } from '../../shared/money-failure'
import { useAmountField } from '../../shared/useAmountField'
import { useIdempotencyKey } from '../../shared/useIdempotencyKey'

type Direction = CommandInput<'accounts.move_value'>['direction']

interface MoveValueModalProps {
  customer_id: number
  value: AccountView
  cash_access: AccountView
  opened: boolean
  onClose: () => void
  onMoved: () => void
}

export function MoveValueModal({ opened, onClose, ...form }: MoveValueModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Move value">
      <MoveValueForm {...form} onCancel={onClose} />
    </Modal>
  )
}

type MoveValueFormProps = Omit<MoveValueModalProps, 'opened' | 'onClose'> & { onCancel: () => void }

function MoveValueForm({ customer_id, value, cash_access, onCancel, onMoved }: MoveValueFormProps) {
  const idempotency = useIdempotencyKey()
  const [direction, setDirection] = useState<Direction>('value_to_cash_access')
  const [failure, setFailure] = useState<FormFailure>()
  const [busy, setBusy] = useState(false)
  const [from, to] = direction === 'value_to_cash_access' ? [value, cash_access] : [cash_access, value]
  const amount = useAmountField(from.exponent)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const amount_minor = amount.check()
    if (amount_minor === undefined) return
    setBusy(true)
    setFailure(undefined)
    try {
      const moved = await call('accounts.move_value', {
        customer_id,
        direction,
        amount_minor,
        idempotency_key: idempotency.key,
      })
      const amount_text = formatAmount(amount_minor, from.exponent, from.currency)
      notifySuccess(
        'Value moved',
        moved.replayed ? `This move of ${amount_text} was already done; nothing was moved twice.` : `${amount_text} moved from ${from.number} to ${to.number}.`,
      )
      onMoved()
    } catch (caught) {
      idempotency.afterFailure(caught)
      setFailure(describeMoneyFailure('Move', 'Move', caught))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          aria-label="Direction"
          value={direction}
          onChange={(next) => setDirection(next === 'cash_access_to_value' ? next : 'value_to_cash_access')}
          data={[
            { value: 'value_to_cash_access', label: 'Value → Cash access' },
            { value: 'cash_access_to_value', label: 'Cash access → Value' },
          ]}
        />
        <Text fz="sm" c="dimmed">
          Available to move:{' '}
          {from.available_minor === null ? '—' : <Amount minor={from.available_minor} exponent={from.exponent} currency={from.currency} />}
        </Text>
        <AmountInput label="Amount" required data-autofocus currency={from.currency} value={amount.value} error={amount.error} onChange={amount.setValue} />
        <FormFooter submit="Move" busy={busy} failure={failure} onCancel={onCancel} />
      </Stack>
    </form>
  )
}
