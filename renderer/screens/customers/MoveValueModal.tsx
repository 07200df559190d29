/**
 * "Move value": between a customer's value account and cash-access account, either way. Like
 * funding, the idempotency key is made when the modal opens so a retry moves the money once.
 */
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { AccountView, CommandInput } from '../../../main/api/console/contract'
import { call } from '../../api/client'
import { Amount, formatAmount } from '../../shared/Amount'
import { AmountInput } from '../../shared/AmountInput'
import { parseAmountToMinor } from '../../shared/money-input'
import { notifySuccess } from '../../shared/notify'
import { describeMoneyFailure } from '../../shared/money-failure'
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
  const [amount, setAmount] = useState('')
  const [amount_error, setAmountError] = useState<string>()
  const [failure, setFailure] = useState<{ title: string; message: string }>()
  const [busy, setBusy] = useState(false)
  const [from, to] = direction === 'value_to_cash_access' ? [value, cash_access] : [cash_access, value]

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const parsed = parseAmountToMinor(amount, from.exponent)
    const problem = !parsed.ok ? parsed.message : parsed.amount_minor === 0 ? 'Enter more than zero' : undefined
    setAmountError(problem)
    if (!parsed.ok || problem) return
    setBusy(true)
    setFailure(undefined)
    try {
      const moved = await call('accounts.move_value', {
        customer_id,
        direction,
        amount_minor: parsed.amount_minor,
        idempotency_key: idempotency.key,
      })
      const amount_text = formatAmount(parsed.amount_minor, from.exponent, from.currency)
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
        <AmountInput label="Amount" required data-autofocus currency={from.currency} value={amount} error={amount_error} onChange={setAmount} />
        {failure && (
          <Alert color="red" role="alert" title={failure.title}>
            {failure.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Move
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
